import getpass
import secrets

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hamwe.accounts import access
from hamwe.accounts.services import first_sign_in_path, user_set_admin


class Command(BaseCommand):
    help = "Create a home-organisation admin, or reset an existing one's password."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", default="")
        parser.add_argument(
            "--random-password", action="store_true",
            help="Generate a password and print it instead of asking for one.",
        )

    def handle(self, *args, email, name, random_password, **options):
        if random_password:
            password = secrets.token_urlsafe(12)
        else:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The two passwords differ.")
            if len(password) < 10:
                raise CommandError("Choose at least 10 characters.")
        user = user_set_admin(email=email, password=password, full_name=name)
        self.stdout.write(self.style.SUCCESS(f"Admin ready: {user.email}"))
        if random_password:
            self.stdout.write(f"Password: {password}")
        if access.lacks_required_2fa(user):
            # Where two-factor sign-in is required, a home account without an
            # authenticator opens only through an e-mailed link, never by password alone.
            link = settings.HAMWE_BASE_URL.rstrip("/") + first_sign_in_path(user)
            self.stdout.write(
                "Two-factor sign-in is required: sign in for the first time through this "
                "one-time link (it lets you choose the password again and set up the "
                f"authenticator):\n  {link}"
            )
