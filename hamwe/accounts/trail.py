"""Signing in leaves no per-person time trail finer than the day.

A reader of the database must not learn *when* a given person was active: together with
anything else that has an order, that could tell which score-card answer is whose (see
docs/decisions.md, score-card anonymity). So:
- `last_login` keeps only the day, written without a save, so the user's audit trail
  gains no row at each sign-in (Django's own handler saves the user, which simple-history
  records with the time);
- a session row expires at the end of a day, not at the second it was last written;
- an authenticator's "last used" keeps only the day.
"""

import datetime

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils import timezone


def start_of_today():
    today = timezone.localdate()
    return timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))


def record_sign_in(sender, request, user, **kwargs):
    """Replaces django.contrib.auth's `update_last_login` (see AccountsConfig.ready)."""
    day = start_of_today()
    if user.last_login != day:
        type(user)._default_manager.filter(pk=user.pk).update(last_login=day)
        user.last_login = day


def authenticator_used_on_the_day(sender, instance, **kwargs):
    """pre_save of allauth's Authenticator: `last_used_at` rounded down to the day."""
    if instance.last_used_at is not None:
        local = timezone.localtime(instance.last_used_at).date()
        instance.last_used_at = timezone.make_aware(
            datetime.datetime.combine(local, datetime.time.min)
        )


class SessionStore(DatabaseSessionStore):
    """Database sessions whose stored expiry is rounded up to the end of its day (the
    cookie still expires on time: the browser's copy is not the server's record)."""

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        local = timezone.localtime(session.expire_date)
        end_of_day = datetime.datetime.combine(local.date(), datetime.time.max).replace(
            microsecond=0
        )
        session.expire_date = timezone.make_aware(end_of_day)
        return session
