"""Writes of the notifications: a person's choice of what to receive, the day they last
looked at the home page, and the daily digest of what is due."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hamwe.accounts import access
from hamwe.core.registries import due_groups, due_providers
from hamwe.core.reminders import send_once_a_day, when_due

from . import selectors
from .models import Digest, Preference, Visit


@transaction.atomic
def preference_set(*, user, emailed, language="") -> Preference:
    """Keep `user`'s choice: `emailed` names the kinds of item (providers) they want by
    e-mail; every other kind offered to them is left out of their daily digest."""
    offered = {p.name for p in due_providers(user) if p.by_email}
    unknown = set(emailed) - offered
    if unknown:
        raise ValidationError({"emailed": _("Choose among the kinds offered.")})
    if language and language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the offered languages.")})
    preference, _created = Preference.objects.update_or_create(
        user=user,
        defaults={"not_emailed": sorted(offered - set(emailed)), "language": language},
    )
    return preference


def visit_record(*, user, today) -> datetime.date | None:
    """Note that `user` opened the home page today (the day only, written once a day
    and without an audit row). Returns the day of their visit before today's, or None on
    a first visit: what changed since then is news."""
    visit = Visit.objects.filter(user=user).first()
    if visit is None:
        Visit.objects.create(user=user, on=today)
        return None
    if visit.on < today:
        Visit.objects.filter(user=user).update(on=today, before=visit.on)
        return visit.on
    return visit.before


def digest_send(*, today=None) -> int:
    """E-mail each person with a role one digest of what is due for them today: the kinds
    they chose, tasks every day they are due, what was shared once. At most one a day per
    person (running twice sends nothing twice); nothing when nothing is due. Each digest
    is in the person's chosen language. Returns how many e-mails were sent."""
    today = today or timezone.localdate()
    people = list(access.people_to_notify())
    already = set(Digest.objects.filter(sent_on=today).values_list("recipient_id", flat=True))
    last_sent = dict(
        Digest.objects.filter(sent_on__lt=today)
        .values("recipient_id").annotate(last=Max("sent_on")).order_by()
        .values_list("recipient_id", "last")
    )
    preferences = {p.user_id: p for p in Preference.objects.filter(user__in=people)}
    sent = 0
    for person in people:
        if person.pk in already:
            continue
        preference = preferences.get(person.pk) or Preference(user=person)
        with translation.override(preference.language or settings.LANGUAGE_CODE):
            items = selectors.digest_items(
                person, today=today, preference=preference, last_sent=last_sent.get(person.pk)
            )
            if not items:
                continue
            message = _digest(person, items, today)
        if send_once_a_day(log_model=Digest, recipient=person, today=today,
                           message=lambda m=message: m):
            sent += 1
    return sent


def _digest(person, items, today) -> EmailMessage:
    base = settings.HAMWE_BASE_URL.rstrip("/")
    groups = due_groups(items)
    rows = {
        name: [
            {"item": item, "link": base + item.url,
             "when": when_due(item.days_left) if item.days_left is not None else ""}
            for item in group
        ]
        for name, group in groups.items()
    }
    home_name = selectors.home_short_name()
    asked = len(items) - len(groups["shared"])
    if asked:
        subject = ngettext(
            "%(home)s · Hamwe: %(count)d thing to do", "%(home)s · Hamwe: %(count)d things to do",
            asked,
        ) % {"home": home_name, "count": asked}
    else:
        subject = _("%(home)s · Hamwe: shared with you") % {"home": home_name}
    body = render_to_string("notifications/digest_email.txt", {
        "recipient": person,
        "rows": rows,
        "today": today,
        "home_name": home_name,
        "notifications_link": base + reverse("notifications:list"),
        "settings_link": base + reverse("notifications:settings"),
    })
    return EmailMessage(subject=subject, body=body, to=[person.email])
