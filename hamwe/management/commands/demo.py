import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections

from hamwe.core import worker as task_worker
from hamwe.demo import load_demo, other_home
from hamwe.policy import selectors as policy_selectors


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
        started = time.perf_counter()
        self._prepare(pack)
        if other_home(self._live_pack()):
            self._start_afresh(pack)
        logins = load_demo()
        seconds = time.perf_counter() - started
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Hamwe demo: http://127.0.0.1:{port}/"))
        self.stdout.write(f"Home organisation: {logins['home']} (policy pack {pack}).")
        self.stdout.write("Sign in with one of these (password for all: shown below):")
        for role, email in logins["users"]:
            self.stdout.write(f"  {role:<22} {email}")
        self.stdout.write(self.style.WARNING(f"  password: {logins['password']}"))
        for note in logins["notes"]:
            self.stdout.write(note)
        self.stdout.write("Password-reset e-mails are printed here in the terminal.")
        self.stdout.write(f"Set up in {seconds:.1f} s.")
        self.stdout.write("")
        if not no_serve:
            background = task_worker.start(quiet=True)
            self.stdout.write("A task worker makes documents and reports in the background.")
            try:
                call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
            finally:
                task_worker.stop(background)

    def _prepare(self, pack):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        call_command("policy", "load", pack)

    def _live_pack(self):
        return policy_selectors.policy_pack(policy_selectors.live_policy())

    def _start_afresh(self, pack):
        """The database holds the demo of another home organisation (another pack, or an
        older demo): one database holds one home organisation, so the demo database is
        made anew. Only the demo's own SQLite file is ever removed."""
        home = other_home(self._live_pack())
        database = settings.DATABASES["default"]
        path = Path(str(database["NAME"]))
        if settings.MODE != "demo" or database["ENGINE"] != "django.db.backends.sqlite3" \
                or not path.is_file():
            raise CommandError(
                f"This database holds the demo of {home}; the {pack} demo needs an empty "
                "database (set DATABASE_URL to a new one)."
            )
        self.stdout.write(f"The demo database holds the demo of {home}: making it anew.")
        connection.close()
        connections.close_all()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        self._prepare(pack)
