"""Reads for the notifications: what is due for a person (from every app, through the
registry in hamwe.core.registries), what they chose to receive, and the day they last
looked. A person reads only their own."""

import datetime

from django.conf import settings

from hamwe.core.registries import due_for, due_groups, due_providers
from hamwe.policy import selectors as policy_selectors

from .models import Preference, Visit

# Shown on a first visit, and e-mailed in a first digest, when there is no day before.
FIRST_LOOK_DAYS = 7


def items_for(user, *, today):
    """Everything `user` is asked to do or was shared with, overdue first."""
    return due_for(user, today=today)


def tasks(items):
    """The items that ask something of the reader (the count in the header)."""
    return [item for item in items if not item.shared]


def grouped(items):
    return due_groups(items)


def preference_of(user) -> Preference:
    """The user's preference, or the default one (everything e-mailed), unsaved."""
    return Preference.objects.filter(user=user).first() or Preference(user=user)


def email_choices(user, preference):
    """(provider, chosen) for each kind of item that may concern the user and can be
    e-mailed, in the providers' order."""
    muted = set(preference.not_emailed)
    return [(p, p.name not in muted) for p in due_providers(user) if p.by_email]


def digest_items(user, *, today, preference, last_sent):
    """What the daily e-mail lists for `user` today: the tasks of the kinds they receive,
    every day they are due, and what was shared with them once: on the first digest after
    the day it was shared (`last_sent` is the day of their previous digest, or None)."""
    names = [provider.name for provider, chosen in email_choices(user, preference) if chosen]
    if not names:
        return []
    shared_from = last_sent or today - datetime.timedelta(days=FIRST_LOOK_DAYS)
    return [
        item for item in due_for(user, today=today, only=names)
        if not item.shared or (item.since is not None and shared_from <= item.since < today)
    ]


def last_visit(user):
    return Visit.objects.filter(user=user).first()


def home_short_name() -> str:
    """The home organisation's short name, as the live policy gives it (in the active
    language), for e-mails; the HAMWE_HOME_NAME setting without a live policy."""
    policy = policy_selectors.live_policy()
    if policy is None:
        return settings.HAMWE_HOME_NAME
    return str(policy_selectors.policy_pack(policy).organisation.short_name)
