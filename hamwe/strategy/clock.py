"""Today, for the strategy's pages, API and reminders: one place, so that a test can set
the day the strategy is looked at (monkeypatch `clock.today`)."""

from django.utils import timezone


def today():
    return timezone.localdate()
