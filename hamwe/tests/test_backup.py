"""The restore drill: a database with real content is backed up, restored into a fresh,
empty database and compared table by table, row by row, and file by file.

Every step runs the `hamwe` command line in a process of its own, on the engine the suite
runs on: SQLite files in temporary data folders, or, in CI's PostgreSQL run, databases
created for the drill on the same cluster (DATABASE_URL)."""

import contextlib
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from hamwe.core import backup
from hamwe.tests import backup_drill

POSTGRES = urlsplit(os.environ.get("DATABASE_URL", "")).scheme.startswith("postgres")
ENGINE = "postgresql" if POSTGRES else "sqlite"


class Site:
    """One Hamwe installation: a data folder and, on PostgreSQL, a database of its own."""

    def __init__(self, data_dir: Path, database_url: str | None, db_blocker):
        self.data_dir, self.database_url, self.db_blocker = data_dir, database_url, db_blocker
        self.media = data_dir / "media"

    def env(self):
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env.update(HAMWE_MODE="demo", HAMWE_DATA_DIR=str(self.data_dir),
                   DJANGO_SETTINGS_MODULE="hamwe.settings")
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        return env

    def run(self, *args, check=True):
        result = subprocess.run([sys.executable, *map(str, args)], env=self.env(),
                                capture_output=True, text=True, timeout=900)
        if check and result.returncode != 0:
            pytest.fail(f"{' '.join(map(str, args))} failed ({result.returncode}):\n"
                        f"{result.stdout}\n{result.stderr}")
        return result

    def hamwe(self, *args, check=True):
        return self.run("-m", "hamwe.cli", *args, check=check)

    @contextlib.contextmanager
    def connection(self):
        """A Django connection of the test's own to this site's database."""
        import dj_database_url
        from django.db.utils import ConnectionHandler

        url = self.database_url or f"sqlite:///{self.data_dir / 'hamwe.sqlite3'}"
        connection = ConnectionHandler({"default": dj_database_url.parse(url)})["default"]
        with self.db_blocker.unblock():
            try:
                yield connection
            finally:
                connection.close()

    def schema(self) -> dict:
        with self.connection() as connection:
            return backup_drill.schema(connection)

    def rows(self) -> dict:
        """Every table's rows."""
        with self.connection() as connection:
            return backup_drill.rows(connection)

    @contextlib.contextmanager
    def writing(self):
        """As if Hamwe were serving: a write under way, not yet committed, for the block."""
        with self.connection() as connection:
            connection.set_autocommit(False)
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO django_session (session_key, session_data, "
                               "expire_date) VALUES (%s, %s, %s)",
                               ["drill-uncommitted", "x", "2099-01-01 00:00:00+00:00"])
            yield
            connection.rollback()

    def files(self) -> dict[str, bytes]:
        if not self.media.is_dir():
            return {}
        return {p.relative_to(self.media).as_posix(): p.read_bytes()
                for p in sorted(self.media.rglob("*")) if p.is_file()}


@pytest.fixture
def new_site(tmp_path, django_db_blocker):
    """new_site(label) -> a Site with an empty data folder and, on PostgreSQL, a new,
    empty database on the suite's cluster (on SQLite the data folder holds the file)."""
    created = []

    def new(label):
        url = None
        if POSTGRES:
            import psycopg

            name = f"drill_{label}_{uuid.uuid4().hex[:12]}"
            with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as admin:
                admin.execute(f'CREATE DATABASE "{name}"')
            created.append(name)
            url = urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}").geturl()
        return Site(tmp_path / label, url, django_db_blocker)

    yield new
    if created:
        import psycopg

        with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as admin:
            for name in created:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _assert_same_rows(actual: dict, expected: dict, when: str):
    assert sorted(actual) == sorted(expected), f"{when}: the tables differ"
    differing = [t for t in sorted(expected) if actual[t] != expected[t]]
    assert differing == [], f"{when}: rows differ in {differing}"


def _rewrite(archive: Path, out: Path, change) -> None:
    """Copy an archive, passing each member's (name, bytes) through change()."""
    with tarfile.open(archive) as src, tarfile.open(out, "w:gz") as dst:
        for member in src:
            data = change(member.name, src.extractfile(member).read())
            info = tarfile.TarInfo(member.name)
            info.size = len(data)
            dst.addfile(info, io.BytesIO(data))


def test_restore_drill(tmp_path, new_site, record_property, db, django_db_blocker):
    started = time.monotonic()
    source = new_site("source")
    source.run("-m", "hamwe.tests.backup_drill", "build")
    # The suite's databases are made from the models (conftest.py); the drill's source,
    # migrated from zero, shows the migrations make the very same tables.
    from django.db import connection

    from_models = backup_drill.schema(connection)  # the test database (db: it exists)
    migrated = source.schema()
    assert sorted(migrated) == sorted(from_models), "the migrations and the models make " \
        f"different tables: {sorted(set(migrated) ^ set(from_models))}"
    # Hamwe's own tables: libraries' migrations are theirs (on PostgreSQL Django's own
    # auth_group_permissions keeps the integer id its first migration gave it).
    from django.apps import apps

    ours = tuple(f"{c.label}_" for c in apps.get_app_configs() if c.name.startswith("hamwe."))
    differing = {t: (migrated[t], from_models[t]) for t in migrated
                 if t.startswith(ours) and migrated[t] != from_models[t]}
    assert differing == {}, "the migrations and the models make different tables"
    expected, expected_files = source.rows(), source.files()
    filled = [t for t, content in expected.items() if content["rows"]]
    assert len(filled) >= 30 and len(expected_files) >= 3, "the drill has too little content"
    built = time.monotonic()

    archive = tmp_path / "drill.tar.gz"
    with source.writing():  # the backup neither waits for it nor includes it
        out = source.hamwe("backup", "-o", archive).stdout
    assert f"{ENGINE} database" in out and archive.is_file()
    backup_took = _took(out)
    assert archive.stat().st_mode & 0o077 == 0, "a backup must be readable by its owner only"
    backed_up = time.monotonic()

    target = new_site("target")
    out = target.hamwe("restore", archive).stdout
    assert "match the backup's manifest" in out
    restore_took = _took(out)
    restored = time.monotonic()
    _assert_same_rows(target.rows(), expected, "after the restore")
    assert target.files() == expected_files
    compared = time.monotonic()

    # An archive altered after the backup is refused, and nothing is written.
    tampered = tmp_path / "tampered.tar.gz"
    media_member = next(n for n in backup.read_manifest(archive)["members"]
                        if n.startswith("media/"))
    _rewrite(archive, tampered, lambda name, data: data + b"!" if name == media_member else data)
    assert backup.verify(archive)["members"]
    refused = source.hamwe("restore", "--check", tampered, check=False)
    assert refused.returncode != 0
    assert f"{media_member}: checksum does not match" in refused.stderr
    third = new_site("third")
    refused = third.hamwe("restore", tampered, check=False)
    assert refused.returncode != 0
    assert f"{media_member}: checksum does not match" in refused.stderr
    assert "nothing was restored" in refused.stderr
    assert third.files() == {}
    assert [t for t, c in third.rows().items() if c["rows"]
            and t not in ("sqlite_sequence", "(sequences)")] == []

    # A database that is not empty is replaced only with --force.
    refused = target.hamwe("restore", archive, check=False)
    assert refused.returncode != 0
    assert "Not restoring" in refused.stderr and "--force" in refused.stderr
    target.hamwe("restore", "--force", archive)
    _assert_same_rows(target.rows(), expected, "after restoring with --force")
    assert target.files() == expected_files

    # A database that breaks halfway through restoring leaves the target as it was, even
    # when the archive's checksums were made to match.
    broken = tmp_path / "broken.tar.gz"
    database = backup.read_manifest(archive)["database"]["member"]
    whole = _member(archive, database)
    cut = whole[: len(whole) * 3 // 5]

    def truncate(name, data):
        if name == database:
            return cut
        if name == backup.MANIFEST:
            manifest = json.loads(data)
            manifest["members"][database] = {"size": len(cut),
                                             "sha256": hashlib.sha256(cut).hexdigest()}
            return json.dumps(manifest).encode()
        return data

    _rewrite(archive, broken, truncate)
    failed = target.hamwe("restore", "--force", broken, check=False)
    assert failed.returncode != 0, failed.stdout
    assert "as it was before" in failed.stderr, failed.stderr
    _assert_same_rows(target.rows(), expected, "after a failed restore")
    assert target.files() == expected_files

    if POSTGRES:
        # A restore that fails halfway through — here pg_restore, having dropped half the
        # tables, cannot drop one that someone's report view reads — is rolled back whole.
        import psycopg

        with psycopg.connect(target.database_url, autocommit=True) as db:
            db.execute("CREATE VIEW drill_report AS SELECT app, name FROM django_migrations")
        failed = target.hamwe("restore", "--force", archive, check=False)
        assert failed.returncode != 0 and "drill_report" in failed.stderr, failed.stderr
        assert "rolled back" in failed.stderr and "as it was before" in failed.stderr
        _assert_same_rows(target.rows(), expected, "after a restore that failed halfway")
    done = time.monotonic()

    rows = sum(len(c["rows"]) for c in expected.values())
    line = (f"{ENGINE}: {len(expected)} tables, {rows} rows, {len(expected_files)} files "
            f"({archive.stat().st_size // 1024} KB) — backup {backup_took} s, restore "
            f"{restore_took} s ({backed_up - built:.1f} s and {restored - backed_up:.1f} s "
            f"with the command's start-up), compare {compared - restored:.1f} s; whole drill "
            f"{done - started:.0f} s")
    record_property("restore_drill", line)
    print(f"Restore drill: {line}")


def _took(output: str) -> str:
    """The seconds a command reports it took: "... (0.2 MB, 0.4 s)"."""
    return re.search(r"([0-9.]+) s\)", output).group(1)


def _member(archive: Path, name: str) -> bytes:
    with tarfile.open(archive) as tar:
        return tar.extractfile(name).read()


@pytest.mark.parametrize("name", ["/etc/passwd", "media/../../x", "media", "other/file",
                                  "media/a\\b", "media//a", "./media/a"])
def test_a_member_outside_the_backup_is_refused(tmp_path, name):
    archive = tmp_path / "odd.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for member, data in [(name, b"x"), (backup.MANIFEST, json.dumps({
                "format": backup.FORMAT, "format_version": backup.FORMAT_VERSION,
                "database": {}, "migrations": [], "tables": {},
                "members": {name: {"size": 1, "sha256": "0"}}}).encode())]:
            info = tarfile.TarInfo(member)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    staging = tmp_path / "staging"
    staging.mkdir()
    with pytest.raises(backup.BackupError, match="damaged or has been altered"):
        backup._unpack(archive, staging)
    assert not (tmp_path / "x").exists()
    assert [p for p in staging.rglob("*") if p.is_file()] == []


def test_a_file_that_is_not_a_backup_says_so(tmp_path):
    not_an_archive = tmp_path / "notes.tar.gz"
    not_an_archive.write_text("hello")
    with pytest.raises(backup.BackupError, match="not a readable backup archive"):
        backup.read_manifest(not_an_archive)
