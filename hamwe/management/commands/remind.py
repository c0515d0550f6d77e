"""`hamwe remind`: the daily reminder job. E-mails partnership reviews coming due
(partnerships) and actions of the score cards' joint action plans coming due (score
cards). Run it once a day, e.g. from cron:

    15 6 * * *  hamwe remind

or a systemd timer (OnCalendar=*-*-* 06:15). Running it twice the same day sends nothing
twice. Links in the e-mails start with the HAMWE_BASE_URL setting.
"""

from django.core.management.base import BaseCommand

from hamwe.partnerships.cycle import services as partnerships
from hamwe.scorecards.followup import services as scorecards


class Command(BaseCommand):
    help = (
        "E-mail reminders, once a day: partnership reviews due within two weeks or overdue "
        "(to home-organisation admins and staff), and joint-plan actions due within a week "
        "or overdue (to them, and to the partner admins of the organisation that owns one)."
    )

    def handle(self, *args, **options):
        reviews = partnerships.review_reminders_send()
        self.stdout.write(f"Review reminders: {reviews} e-mail(s) sent.")
        actions = scorecards.action_reminders_send()
        self.stdout.write(f"Action reminders: {actions} e-mail(s) sent.")
