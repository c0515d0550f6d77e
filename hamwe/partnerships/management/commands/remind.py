"""`hamwe remind`: e-mail review reminders. Run it once a day, e.g. from cron:

    15 6 * * *  hamwe remind

or a systemd timer (OnCalendar=*-*-* 06:15). Running it twice the same day sends nothing
twice. Links in the e-mails start with the HAMWE_BASE_URL setting.
"""

from django.core.management.base import BaseCommand

from hamwe.partnerships import services


class Command(BaseCommand):
    help = (
        "E-mail home-organisation admins and staff about partnerships whose review is due "
        "within two weeks or overdue (once a day)."
    )

    def handle(self, *args, **options):
        sent = services.review_reminders_send()
        self.stdout.write(f"Review reminders: {sent} e-mail(s) sent.")
