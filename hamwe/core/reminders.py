"""Daily reminders by e-mail: each item at most once a day to each person.

Plain helpers shared by the apps that remind (partnership reviews, score-card actions);
not an app itself. The `hamwe remind` command runs them from cron or a systemd timer.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def send_once_a_day(*, batches, log, today, message) -> int:
    """Send each (recipient, items) batch, leaving out the items already sent to that
    recipient today. `log` is the model recording what was sent (fields `recipient`,
    `sent_on` and one foreign key to the item, named by `log.item_field`); `message`
    builds the e-mail from (recipient, items). The record and the sending share a
    transaction: if sending fails, nothing is recorded as sent. Returns e-mails sent."""
    sent = 0
    field = log.item_field
    for recipient, items in batches:
        with transaction.atomic():
            already = set(
                log.objects.filter(recipient=recipient, sent_on=today).values_list(
                    f"{field}_id", flat=True
                )
            )
            fresh = [item for item in items if item.pk not in already]
            if not fresh:
                continue
            log.objects.bulk_create(
                log(**{field: item}, recipient=recipient, sent_on=today) for item in fresh
            )
            message(recipient, fresh).send()
        sent += 1
    return sent


def when_due(days) -> str:
    """'overdue by 3 days', 'due today', 'due in 5 days'."""
    if days < 0:
        return ngettext("overdue by %(days)d day", "overdue by %(days)d days", -days) % {
            "days": -days
        }
    if days == 0:
        return _("due today")
    return ngettext("due in %(days)d day", "due in %(days)d days", days) % {"days": days}


def reminder_email(*, recipient, subject, template, rows) -> EmailMessage:
    body = render_to_string(
        template,
        {
            "recipient": recipient,
            "rows": rows,
            "base_url": settings.HAMWE_BASE_URL.rstrip("/"),
            "home_name": settings.HAMWE_HOME_NAME,
        },
    )
    return EmailMessage(subject=subject, body=body, to=[recipient.email])
