from django.core.management.base import BaseCommand, CommandError

from hamwe.core import backup


class Command(BaseCommand):
    help = ("Back up the database and the uploaded files into one archive, while Hamwe "
            "keeps serving. Restore it with `hamwe restore`.")

    def add_arguments(self, parser):
        parser.add_argument(
            "-o", "--output", metavar="FILE",
            help="Where to write the archive (default: "
                 "HAMWE_DATA_DIR/backups/hamwe-<date>-<time>.tar.gz).")

    def handle(self, *args, output, **options):
        try:
            outcome = backup.backup(output=output)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        for note in outcome.notes:
            self.stderr.write(self.style.WARNING(note))
        size = outcome.path.stat().st_size / 1024 / 1024
        self.stdout.write(self.style.SUCCESS(
            f"Backup written to {outcome.path} ({size:.1f} MB, {outcome.seconds:.1f} s)"))
        self.stdout.write(f"  {backup.describe(outcome.manifest)}")
        self.stdout.write("  Keep a copy on another machine; it holds private partner data.")
