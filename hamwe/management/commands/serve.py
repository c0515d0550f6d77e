import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrate, collect static files and serve Hamwe with gunicorn (production)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("HAMWE_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", default=os.environ.get("HAMWE_WORKERS", "3"))

    def handle(self, *args, bind, workers, **options):
        call_command("migrate", interactive=False)
        call_command("createcachetable")
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"Serving Hamwe ({settings.MODE} mode) on {bind}")
        # gunicorn's master starts and stops the task worker (hamwe/gunicorn_conf.py).
        os.execvp(
            "gunicorn",
            ["gunicorn", "hamwe.wsgi:application", "--bind", bind, "--workers", str(workers),
             "--config", "python:hamwe.gunicorn_conf", "--access-logfile", "-"],
        )
