import getpass
import secrets

from django.core.management.base import BaseCommand, CommandError

from hamwe.accounts.services import user_set_admin


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
