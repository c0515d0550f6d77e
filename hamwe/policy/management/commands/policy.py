import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hamwe.policy import localise, selectors, services
from hamwe.policy.models import Policy
from hamwe.policy.validation import PackInvalid, parse_file

SHIPPED = Path(__file__).resolve().parents[2] / "packs"


def resolve(name):
    """A file path, or the name of a shipped pack (care-burundi, kic)."""
    path = Path(name)
    if not path.exists() and (SHIPPED / f"{name}.yaml").exists():
        path = SHIPPED / f"{name}.yaml"
    return path


class Command(BaseCommand):
    help = "Check, load and export policy packs (see docs/policy-packs.md)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser(
            "check",
            help="Validate a pack and its translations: exit 0 if valid, 1 if not.",
        )
        check.add_argument("file")
        load = sub.add_parser("load", help="Load a pack (all or nothing) and make it live.")
        load.add_argument("file")
        export = sub.add_parser("export", help="Write the live policy as a pack.")
        export.add_argument("--pack", help="The pack to export (default: the live one).")
        export.add_argument("-o", "--output", help="File to write (default: standard output).")
        skeleton = sub.add_parser(
            "skeleton",
            help="Write a translation file of every text of a pack, for a translator.",
        )
        skeleton.add_argument("file")
        skeleton.add_argument("language", help="The language to translate into (e.g. fr).")
        skeleton.add_argument("--translator", default="", help="Who translates it.")
        skeleton.add_argument("-o", "--output", help="File to write (default: standard output).")

    def handle(self, *args, action, **options):
        return getattr(self, f"_{action}")(**options)

    def _parse(self, name):
        path = resolve(name)
        try:
            return parse_file(path), path
        except PackInvalid as invalid:
            for problem in invalid.problems:
                self.stderr.write(str(problem))
            self.stderr.write(f"{len(invalid.problems)} problem(s): the pack was not accepted.")
            sys.exit(1)

    def _coverage(self, pack):
        counts = []
        for language in sorted(pack.translations):
            done, total = localise.coverage(pack, language)
            counts.append(f"{language} {done}/{total} texts")
        return "; translations: " + ", ".join(counts) if counts else ""

    def _check(self, file, **options):
        pack, path = self._parse(file)
        self.stdout.write(self.style.SUCCESS(
            f"{path}: valid ({pack.pack}, version {pack.version}); source language "
            f"{pack.language}{self._coverage(pack)}"
        ))

    def _skeleton(self, file, language, translator="", output=None, **options):
        pack, _path = self._parse(file)
        if language == pack.language:
            raise CommandError(f"{language!r} is the pack's own language.")
        text = localise.skeleton(pack, language, translator=translator)
        if output:
            Path(output).write_text(text, encoding="utf-8")
            done, total = localise.coverage(pack, language)
            self.stdout.write(self.style.SUCCESS(
                f"Wrote {output}: {total} texts, {total - done} still to translate"
            ))
        else:
            self.stdout.write(text, ending="")

    def _load(self, file, **options):
        pack, path = self._parse(file)
        try:
            policy = services.policy_load(pack=pack, source_name=str(path))
        except services.VersionRefused as refused:
            raise CommandError(str(refused)) from None
        parts = policy.parts.count()
        self.stdout.write(self.style.SUCCESS(
            f"Loaded {policy.pack} v{policy.version}: {parts} parts{self._coverage(pack)}; live."
        ))

    def _export(self, pack=None, output=None, **options):
        policy = Policy.objects.filter(pack=pack).first() if pack else selectors.live_policy()
        if policy is None:
            raise CommandError("No such policy is loaded." if pack else "No live policy.")
        text = selectors.pack_yaml(selectors.policy_for_export(policy))
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stdout.write(self.style.SUCCESS(f"Wrote {output}"))
        else:
            self.stdout.write(text, ending="")
