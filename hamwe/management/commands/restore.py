from django.core.management.base import BaseCommand, CommandError

from hamwe.core import backup


class Command(BaseCommand):
    help = ("Restore a backup made by `hamwe backup`: the database and the uploaded files. "
            "Stop the app servers and the worker first.")

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz written by `hamwe backup`.")
        parser.add_argument(
            "--force", action="store_true",
            help="Replace a database or media folder that is not empty.")
        parser.add_argument(
            "--check", action="store_true",
            help="Only check the archive against its manifest (checksums); restore nothing.")

    def handle(self, *args, archive, force, check, **options):
        try:
            if check:
                manifest = backup.verify(archive)
                self.stdout.write(self.style.SUCCESS(f"{archive} is intact"))
                self.stdout.write(f"  {backup.describe(manifest)}")
                return
            outcome = backup.restore(archive=archive, force=force)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(
            f"Restored {outcome.path} ({outcome.seconds:.1f} s)"))
        self.stdout.write(f"  {backup.describe(outcome.manifest)}")
        self.stdout.write("  Migrations and row counts match the backup's manifest.")
        for note in outcome.notes:
            self.stdout.write(self.style.WARNING(f"  {note}"))
