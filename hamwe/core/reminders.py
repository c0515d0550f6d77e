"""Daily e-mails: at most one a day to each person, however often the job runs.

Plain helpers for the daily digest of what is due (hamwe.notifications); not an app
itself. The `hamwe remind` command runs it from cron or a systemd timer.
"""

import logging

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

log = logging.getLogger(__name__)


def send_once_a_day(*, log_model, recipient, today, message) -> bool:
    """Send `message()` (an EmailMessage, built only when needed) to `recipient` unless
    `log_model` (a core.models.ReminderLog with a unique (recipient, sent_on)) says it was
    sent today. The record and the sending share a transaction: if sending fails, nothing
    is recorded as sent, and the next run tries again; if two runs race, the constraint
    lets one through. Returns whether an e-mail went out."""
    if log_model.objects.filter(recipient=recipient, sent_on=today).exists():
        return False
    try:
        with transaction.atomic():
            log_model.objects.create(recipient=recipient, sent_on=today)
            message().send()
    except IntegrityError:  # another run sent it a moment ago
        return False
    except Exception:  # noqa: BLE001 - one bad address must not stop the others
        log.warning("A daily e-mail could not be sent; the next run tries again.",
                    exc_info=True)
        return False
    return True


def when_due(days) -> str:
    """'overdue by 3 days', 'due today', 'due in 5 days'."""
    if days < 0:
        return ngettext("overdue by %(days)d day", "overdue by %(days)d days", -days) % {
            "days": -days
        }
    if days == 0:
        return _("due today")
    return ngettext("due in %(days)d day", "due in %(days)d days", days) % {"days": days}
