from django.core.management import call_command
from django.core.management.base import BaseCommand

from hamwe.demo import load_demo


class Command(BaseCommand):
    help = "Set up the demo database (SQLite, sample data) and serve it on 127.0.0.1."

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")
        parser.add_argument("--no-serve", action="store_true", help="Set up only.")
        parser.add_argument(
            "--pack", default="care-burundi",
            help="The policy pack to run the demo on: care-burundi (default) or kic.",
        )

    def handle(self, *args, port, no_serve, pack, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        call_command("policy", "load", pack)
        logins = load_demo()
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Hamwe demo: http://127.0.0.1:{port}/"))
        self.stdout.write("Sign in with one of these (password for all: shown below):")
        for role, email in logins["users"]:
            self.stdout.write(f"  {role:<22} {email}")
        self.stdout.write(self.style.WARNING(f"  password: {logins['password']}"))
        self.stdout.write("Password-reset e-mails are printed here in the terminal.")
        self.stdout.write("")
        if not no_serve:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
