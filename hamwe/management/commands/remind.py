"""`hamwe remind`: the daily e-mail. Each person with a role gets one digest of what is
due for them (reviews, gates, agreements, score cards, actions ...: every app's items,
hamwe.core.registries), of the kinds they chose at /notifications/settings/. Run it once a
day, e.g. from cron:

    15 6 * * *  hamwe remind

or a systemd timer (OnCalendar=*-*-* 06:15). Running it twice the same day sends nothing
twice; a person with nothing due gets nothing. Links in the e-mails start with the
HAMWE_BASE_URL setting.
"""

from django.core.management.base import BaseCommand

from hamwe.notifications import services


class Command(BaseCommand):
    help = (
        "The daily e-mail: one digest of what is due to each person with a role, at most "
        "once a day, none when nothing is due."
    )

    def handle(self, *args, **options):
        sent = services.digest_send()
        self.stdout.write(f"Daily digests: {sent} e-mail(s) sent.")
