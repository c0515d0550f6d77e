"""Backups: the database and the uploaded files in one archive that restores itself.

An archive is a `.tar.gz` with
- `database.sqlite3` (SQLite's online backup: a consistent copy taken while Hamwe serves)
  or `database.pgdump` (`pg_dump --format=custom`, from the same snapshot as the manifest);
- `media/...`, every uploaded file;
- `manifest.json`, last: when and by which Hamwe it was taken, the database engine, the
  applied migrations, the row count of every table and a SHA-256 of every other member.

A restore first unpacks and checks everything beside the data folder and refuses an archive
that does not match its manifest; it then writes the database in one transaction (SQLite's
backup API into the target file, `pg_restore --single-transaction`), so that a failure
leaves the database as it was, swaps the media folder in, and checks the restored
migrations and row counts against the manifest.
"""

import contextlib
import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
import zlib
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

FORMAT = "hamwe-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
MANIFEST_MAX_BYTES = 50 * 1024 * 1024
PG_LIB = Path("/usr/lib/postgresql")  # Debian keeps each major version's tools here


class BackupError(Exception):
    """What went wrong and where, in words for the person running the command."""


@dataclass
class Outcome:
    path: Path
    manifest: dict
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


# --- Backing up ----------------------------------------------------------------------------


def default_path(now=None) -> Path:
    stamp = timezone.localtime(now or timezone.now()).strftime("%Y-%m-%d-%H%M%S")
    return Path(settings.DATA_DIR) / "backups" / f"hamwe-{stamp}.tar.gz"


def backup(*, output=None) -> Outcome:
    """Write a backup archive to `output` (default: DATA_DIR/backups/hamwe-<date>.tar.gz).

    Safe while Hamwe serves: the database copy is a snapshot, and the media files are read
    after it, so every file the snapshot names is already there."""
    started = time.monotonic()
    engine = _engine()
    created = timezone.now()
    output = Path(output) if output else default_path(created)
    if output.exists():
        raise BackupError(f"{output} already exists: choose another name with -o.")
    if output.resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve()):
        raise BackupError(f"{output} is inside the media folder, which the backup copies: "
                          "choose a place outside it.")
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(f"Cannot create the folder {output.parent}: {error}") from error
    partial = output.with_name(output.name + ".partial")
    notes = []
    try:
        # Staged beside the output, so a large database does not fill /tmp.
        with tempfile.TemporaryDirectory(prefix=".hamwe-backup-", dir=output.parent) as tmp:
            staged = Path(tmp) / DATABASE_MEMBER[engine]
            if engine == "sqlite":
                facts = _sqlite_copy(staged)
            else:
                facts = _pg_dump(staged)
            # Only the owner may read it: a backup holds every partner's private record.
            try:
                fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError as error:
                raise BackupError(
                    f"{partial} exists: another backup is writing it, or one was "
                    "interrupted. Delete it if no backup is running, then try again."
                ) from error
            with os.fdopen(fd, "wb") as raw, tarfile.open(
                fileobj=raw, mode="w:gz", compresslevel=6
            ) as tar:
                members = {staged.name: _add_file(tar, staged, staged.name)}
                for path, name in _media_files(notes):
                    members[name] = _add_file(tar, path, name)
                manifest = {
                    "format": FORMAT,
                    "format_version": FORMAT_VERSION,
                    "created": created.isoformat(),
                    "hamwe_version": _hamwe_version(),
                    "database": {"engine": engine, "member": staged.name, **facts["database"]},
                    "migrations": facts["migrations"],
                    "tables": facts["tables"],
                    "members": members,
                }
                _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=1).encode())
        os.replace(partial, output)
    except OSError as error:
        raise BackupError(f"Could not write the backup {output}: {error}") from error
    finally:
        partial.unlink(missing_ok=True)
    return Outcome(output, manifest, time.monotonic() - started, notes)


def _sqlite_copy(target: Path) -> dict:
    source = _sqlite_path()
    if not source.is_file():
        raise BackupError(f"The SQLite database {source} does not exist (DATABASE_URL, "
                          "HAMWE_DATA_DIR).")
    try:
        # mode=rw: never create an empty database where the real one was expected.
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=rw", uri=True, timeout=30)
        dst = sqlite3.connect(target)
        try:
            # In one step: SQLite copies a single read snapshot, and in WAL mode (Hamwe's)
            # the app keeps writing meanwhile.
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            facts = _sqlite_facts(dst)
        finally:
            dst.close()
            src.close()
    except sqlite3.Error as error:
        raise BackupError(f"Could not copy the SQLite database {source}: {error}") from error
    facts["database"] = {"name": source.name, "sqlite_version": sqlite3.sqlite_version}
    return facts


def _sqlite_facts(db: sqlite3.Connection) -> dict:
    """Migrations and row counts, read from the copy itself."""
    check = db.execute("PRAGMA quick_check").fetchone()[0]
    if check != "ok":
        raise BackupError(f"The database copy fails SQLite's integrity check: {check}")
    tables = [row[0] for row in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]
    if "django_migrations" not in tables:
        raise BackupError("The database has no django_migrations table: it is not a "
                          "migrated Hamwe database.")
    return {
        "migrations": [list(row) for row in db.execute(
            "SELECT app, name FROM django_migrations ORDER BY app, name")],
        "tables": {t: db.execute(f"SELECT count(*) FROM {_quote(t)}").fetchone()[0]
                   for t in tables},
    }


def _pg_dump(target: Path) -> dict:
    pg_dump = _pg_tool("pg_dump")
    connection.ensure_connection()
    # pg_dump reads the snapshot this transaction exports, so the migrations and row
    # counts in the manifest describe exactly the dumped data.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        facts = _live_facts(cursor)
        _run([pg_dump, "--format=custom", f"--snapshot={snapshot}", "--no-password",
              f"--file={target}"], what="pg_dump")
    facts["database"] = {"name": _pg_params().get("dbname"),
                         "server_version": connection.pg_version}
    return facts


def _live_facts(cursor) -> dict:
    tables = sorted(connection.introspection.table_names(cursor))
    if "django_migrations" not in tables:
        raise BackupError(f"The database {_where()} has no django_migrations table: it is "
                          "not a migrated Hamwe database.")
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    migrations = [list(row) for row in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
        counts[table] = cursor.fetchone()[0]
    return {"migrations": migrations, "tables": counts}


def _media_files(notes):
    """(path, member name) of every regular file under MEDIA_ROOT, in a stable order."""
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder, name)
            relative = path.relative_to(root).as_posix()
            if path.is_symlink() or not path.is_file():
                notes.append(f"Skipped {path}: not a regular file.")
                continue
            yield path, f"{MEDIA}/{relative}"


class _Hashing:
    """Hashes what tarfile reads, so the checksum is of the very bytes archived even if
    the file changes on disk meanwhile."""

    def __init__(self, file):
        self.file, self.sha256 = file, hashlib.sha256()

    def read(self, size=-1):
        data = self.file.read(size)
        self.sha256.update(data)
        return data


def _add_file(tar, path: Path, name: str) -> dict:
    with open(path, "rb") as file:
        size = os.fstat(file.fileno()).st_size
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode = size, int(os.fstat(file.fileno()).st_mtime), 0o600
        reader = _Hashing(file)
        try:
            tar.addfile(info, reader)
        except OSError as error:  # tarfile: "unexpected end of data" when a file shrank
            raise BackupError(f"{path} changed while it was being archived ({error}): run "
                              "the backup again.") from error
    return {"size": size, "sha256": reader.sha256.hexdigest()}


def _add_bytes(tar, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), int(time.time()), 0o600
    tar.addfile(info, io.BytesIO(data))


# --- Restoring -----------------------------------------------------------------------------


def verify(archive) -> dict:
    """Check every member of an archive against its manifest, writing nothing; return the
    manifest."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"There is no backup at {archive}.")
    return _unpack(archive, None)


def read_manifest(archive) -> dict:
    """The manifest of an archive, without checking the rest."""
    with _open_archive(Path(archive)) as tar:
        for member in tar:
            if member.name == MANIFEST:
                return _parse_manifest(Path(archive), tar.extractfile(member).read())
    raise BackupError(f"{archive} is not a Hamwe backup: it has no {MANIFEST}.")


def restore(*, archive, force=False) -> Outcome:
    """Restore an archive into the configured database and MEDIA_ROOT.

    Refuses a non-empty database or media folder unless `force`, and an archive that does
    not match its manifest. Nothing is written before the whole archive has been checked."""
    started = time.monotonic()
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"There is no backup at {archive}.")
    engine = _engine()
    where = _where()
    tables = _existing_tables()
    media_root = Path(settings.MEDIA_ROOT)
    media_count = _count_files(media_root)
    if (tables or media_count) and not force:
        held = []
        if tables:
            held.append(f"the database {where} has {len(tables)} tables")
        if media_count:
            held.append(f"the media folder {media_root} holds {media_count} "
                        f"file{'s' if media_count != 1 else ''}")
        raise BackupError(
            f"Not restoring: {' and '.join(held)}. Restoring replaces all of it with the "
            "backup's content. Run `hamwe backup` first if it may be needed, then restore "
            "again with --force.")
    notes = []
    try:
        media_root.parent.mkdir(parents=True, exist_ok=True)
        # Beside MEDIA_ROOT, so that swapping the media in is a rename.
        staging = Path(tempfile.mkdtemp(prefix=".hamwe-restore-", dir=media_root.parent))
    except OSError as error:
        raise BackupError(f"Cannot unpack beside {media_root}: {error}") from error
    keep_staging = False
    try:
        manifest = _unpack(archive, staging)
        _check_compatible(manifest, engine)
        if engine == "sqlite":
            _sqlite_restore(staging / manifest["database"]["member"], manifest)
        else:
            _pg_restore(staging / manifest["database"]["member"], manifest, tables, notes)
        problems = _compare(manifest, _read_live_facts())
        if problems:
            raise BackupError(
                f"The database {where} was restored but does not match the backup's "
                f"manifest; the media were not restored:\n  " + "\n  ".join(problems))
        try:
            _swap_media(staging / MEDIA, media_root, staging)
        except OSError as error:
            keep_staging = True
            raise BackupError(
                f"The database {where} was restored, the media were not: could not move "
                f"{staging / MEDIA} to {media_root} ({error}). The media folder is as it "
                f"was; the backup's files are in {staging / MEDIA}.") from error
        unapplied = _unapplied(manifest)
        if unapplied:
            notes.append(f"This Hamwe has {len(unapplied)} migrations that the backup "
                         "predates: run `hamwe migrate` next.")
    finally:
        if not keep_staging:
            shutil.rmtree(staging, ignore_errors=True)
    return Outcome(archive, manifest, time.monotonic() - started, notes)


def _open_archive(archive: Path):
    try:
        return tarfile.open(archive, mode="r:*")
    except (tarfile.TarError, OSError, EOFError, zlib.error) as error:
        raise BackupError(f"{archive} is not a readable backup archive: {error}") from error


def _parse_manifest(archive: Path, data: bytes) -> dict:
    try:
        manifest = json.loads(data)
    except ValueError as error:
        raise BackupError(f"The manifest of {archive} is not valid JSON: {error}") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{archive} is not a Hamwe backup (its manifest says otherwise).")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"{archive} is a backup in format {manifest.get('format_version')}; this Hamwe "
            f"reads format {FORMAT_VERSION}. Restore it with the Hamwe version that made it "
            f"({manifest.get('hamwe_version')}).")
    for key, kind in (("database", dict), ("migrations", list), ("tables", dict),
                      ("members", dict)):
        if not isinstance(manifest.get(key), kind):
            raise BackupError(f"The manifest of {archive} lacks {key!r}.")
    return manifest


def _member_path(name: str) -> PurePosixPath | None:
    """The member's relative path if it may be unpacked, else None (absolute, `..`, odd)."""
    path = PurePosixPath(name)
    if (path.is_absolute() or not path.parts or ".." in path.parts or "\\" in name
            or path.as_posix() != name):
        return None
    return path


def _unpack(archive: Path, staging: Path | None) -> dict:
    """Unpack every member into `staging` (or only read it, if None) and check it against
    the manifest."""
    manifest_data, found, problems = None, {}, []
    try:
        with _open_archive(archive) as tar:
            for member in tar:
                name = member.name
                if name == MANIFEST and member.isfile():
                    if member.size > MANIFEST_MAX_BYTES:
                        raise BackupError(f"The manifest of {archive} is implausibly large.")
                    manifest_data = tar.extractfile(member).read()
                    continue
                path = _member_path(name)
                if not member.isfile() or path is None or name in found:
                    problems.append(f"{name}: unexpected entry (not a plain file, a repeat, "
                                    "or a path outside the archive)")
                    continue
                if name not in DATABASE_MEMBER.values() and not (
                        path.parts[0] == MEDIA and len(path.parts) > 1):
                    problems.append(f"{name}: not part of a Hamwe backup")
                    continue
                sha256, size = hashlib.sha256(), 0
                source = tar.extractfile(member)
                with contextlib.ExitStack() as stack:
                    out = None
                    if staging is not None:
                        target = staging.joinpath(*path.parts)
                        target.parent.mkdir(parents=True, exist_ok=True)
                        out = stack.enter_context(open(target, "wb"))
                    while chunk := source.read(1024 * 1024):
                        sha256.update(chunk)
                        size += len(chunk)
                        if out:
                            out.write(chunk)
                if staging is not None:
                    os.utime(target, (member.mtime, member.mtime))
                found[name] = {"size": size, "sha256": sha256.hexdigest()}
    except (tarfile.TarError, EOFError, zlib.error) as error:
        raise BackupError(f"{archive} is damaged (it cannot be read to the end: {error}); "
                          "nothing was restored.") from error
    except OSError as error:
        raise BackupError(f"Could not unpack {archive} into {staging}: {error}; nothing was "
                          "restored.") from error
    if manifest_data is None:
        raise BackupError(f"{archive} is not a Hamwe backup: it has no {MANIFEST}.")
    manifest = _parse_manifest(archive, manifest_data)
    listed = manifest["members"]
    for name in sorted(set(listed) | set(found)):
        if name not in found:
            problems.append(f"{name}: listed in the manifest, missing from the archive")
        elif name not in listed:
            problems.append(f"{name}: in the archive, not listed in the manifest")
        elif not isinstance(listed[name], dict) or found[name] != {
                "size": listed[name].get("size"), "sha256": listed[name].get("sha256")}:
            problems.append(f"{name}: checksum does not match the manifest")
    member = manifest["database"].get("member")
    if member not in found and member not in listed:
        problems.append(f"{member}: the database is missing")
    if problems:
        shown = problems[:20] + ([f"... and {len(problems) - 20} more"]
                                 if len(problems) > 20 else [])
        raise BackupError(f"The backup {archive} is damaged or has been altered"
                          + ("; nothing was restored" if staging else "") + ":\n  "
                          + "\n  ".join(shown))
    return manifest


def _check_compatible(manifest: dict, engine: str) -> None:
    theirs = manifest["database"].get("engine")
    if theirs != engine:
        raise BackupError(
            f"This backup holds a {theirs} database and Hamwe is set up for {engine} "
            f"({_where()}): restore it into a {theirs} database (set DATABASE_URL); nothing "
            "was restored.")
    unknown = sorted({tuple(m) for m in manifest["migrations"]} - _known_migrations())
    if unknown:
        raise BackupError(
            f"This backup comes from a newer Hamwe ({manifest.get('hamwe_version')}) with "
            f"migrations this one does not have ({', '.join('.'.join(m) for m in unknown)}): "
            "install that version or a later one, then restore. Nothing was restored.")


def _sqlite_restore(staged: Path, manifest: dict) -> None:
    target = _sqlite_path()
    try:
        src = sqlite3.connect(f"{staged.resolve().as_uri()}?mode=ro", uri=True)
        try:
            problems = _compare(manifest, _sqlite_facts(src))
            if problems:
                raise BackupError("The backup's database does not match its manifest; "
                                  "nothing was restored:\n  " + "\n  ".join(problems))
            target.parent.mkdir(parents=True, exist_ok=True)
            connection.close()
            dst = sqlite3.connect(target, timeout=30)
            try:
                # The copy into the target is one write transaction: if it fails, SQLite
                # rolls it back and the target stays as it was.
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.OperationalError as error:
        hint = (" Stop the app servers and the worker, then try again."
                if "locked" in str(error) or "busy" in str(error) else "")
        raise BackupError(f"Could not write the database {target}: {error}. It is as it "
                          f"was before; nothing was restored.{hint}") from error
    except sqlite3.Error as error:
        raise BackupError(f"Could not restore into {target}: {error}. The database is as it "
                          "was before; nothing was restored.") from error


def _pg_restore(staged: Path, manifest: dict, tables: list[str], notes: list[str]) -> None:
    pg_restore = _pg_tool("pg_restore")
    # Tables the backup does not have (a newer Hamwe's) would survive --clean and could
    # block it through their foreign keys: drop them first, and say so if the rest fails.
    strays = sorted(set(tables) - set(manifest["tables"]))
    if strays:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS " + ", ".join(
                connection.ops.quote_name(t) for t in strays) + " CASCADE")
        notes.append(f"Dropped {len(strays)} tables the backup does not have: "
                     + ", ".join(strays))
    connection.close()
    try:
        _run([pg_restore, "--single-transaction", "--exit-on-error", "--clean", "--if-exists",
              "--no-owner", "--no-privileges", "--no-password", str(staged)],
             what="pg_restore", options="-c lock_timeout=60s")
    except BackupError as error:
        left = (f" except that the tables not in the backup were dropped ({', '.join(strays)})"
                if strays else "")
        raise BackupError(
            f"{error}\nThe restore ran in one transaction and was rolled back: the database "
            f"{_where()} is as it was before{left}. If a lock timed out, stop the app "
            "servers and the worker, then try again.") from error


def _swap_media(new: Path, media_root: Path, staging: Path) -> None:
    new.mkdir(exist_ok=True)
    before = staging / "media-before-restore"  # deleted with the staging folder
    if media_root.exists():
        os.replace(media_root, before)
    try:
        os.replace(new, media_root)
    except OSError:
        if before.exists():
            os.replace(before, media_root)
        raise


def _read_live_facts() -> dict:
    connection.close()
    with connection.cursor() as cursor:
        return _live_facts(cursor)


def _compare(manifest: dict, facts: dict) -> list[str]:
    problems = []
    expected = {tuple(m) for m in manifest["migrations"]}
    actual = {tuple(m) for m in facts["migrations"]}
    if expected - actual:
        problems.append("migrations missing: " + ", ".join(
            ".".join(m) for m in sorted(expected - actual)))
    if actual - expected:
        problems.append("migrations not in the backup: " + ", ".join(
            ".".join(m) for m in sorted(actual - expected)))
    for table, rows in sorted(manifest["tables"].items()):
        if facts["tables"].get(table) != rows:
            problems.append(f"table {table}: {facts['tables'].get(table, 'missing')} rows, "
                            f"the backup has {rows}")
    return problems


def _existing_tables() -> list[str]:
    if connection.vendor == "sqlite" and not _sqlite_path().exists():
        return []  # do not create the file just to look into it
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def _known_migrations() -> set[tuple[str, str]]:
    from django.db.migrations.loader import MigrationLoader

    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def _unapplied(manifest: dict) -> set[tuple[str, str]]:
    return _known_migrations() - {tuple(m) for m in manifest["migrations"]}


def _count_files(root: Path) -> int:
    return sum(len(files) for _folder, _dirs, files in os.walk(root)) if root.is_dir() else 0


# --- Where and with what -------------------------------------------------------------------


def _engine() -> str:
    if connection.vendor not in DATABASE_MEMBER:
        raise BackupError(f"Backups cover SQLite and PostgreSQL; this database is "
                          f"{connection.vendor}.")
    return connection.vendor


def _sqlite_path() -> Path:
    name = str(connection.settings_dict["NAME"])
    if name in ("", ":memory:") or name.startswith("file::memory:"):
        raise BackupError("The SQLite database is in memory: there is nothing to back up.")
    return Path(name)


def _pg_params() -> dict:
    """Django's connection parameters that libpq understands (DATABASE_URL's options
    included), for pg_dump and pg_restore."""
    from psycopg import pq

    keywords = {option.keyword.decode() for option in pq.Conninfo.get_defaults()}
    return {key: value for key, value in connection.get_connection_params().items()
            if key in keywords and value not in (None, "")}


def _where() -> str:
    """The database in words, without its password."""
    if connection.vendor == "sqlite":
        return str(_sqlite_path())
    params = _pg_params()
    port = f":{params['port']}" if params.get("port") else ""
    return f"{params.get('dbname')} on {params.get('host') or 'localhost'}{port}"


def _conninfo(options: str = "") -> tuple[str, dict]:
    """A libpq connection string and the environment to run a tool with: the password in
    the environment, never in a command line, where `ps` would show it."""
    from psycopg.conninfo import make_conninfo

    params = _pg_params()
    env = dict(os.environ)
    password = params.pop("password", None)
    if password:
        env["PGPASSWORD"] = str(password)
    if options:
        params["options"] = " ".join(filter(None, (params.get("options"), options)))
    return make_conninfo(**{k: str(v) for k, v in params.items()}), env


def _pg_tool(name: str) -> str:
    """The tool of the server's major version (pg_dump must not be older than the server),
    else the newest one Debian has installed, else the one on PATH."""
    connection.ensure_connection()
    major = connection.pg_version // 10000
    candidates = [PG_LIB / str(major) / "bin" / name]
    if PG_LIB.is_dir():
        versions = sorted((p for p in PG_LIB.iterdir() if p.name.isdigit()),
                          key=lambda p: int(p.name), reverse=True)
        candidates += [p / "bin" / name for p in versions if int(p.name) >= major]
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which(name)
    if found:
        return found
    raise BackupError(
        f"{name} was not found: install PostgreSQL's client tools of the server's version "
        f"(Debian: apt install postgresql-client-{major}).")


def _run(command: list[str], *, what: str, options: str = "") -> None:
    """Run pg_dump or pg_restore on Django's database (the last argument, --dbname=)."""
    conninfo, env = _conninfo(options)
    command = [*command, f"--dbname={conninfo}"]
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True,
                                stdin=subprocess.DEVNULL)
    except OSError as error:
        raise BackupError(f"Could not run {what} ({command[0]}): {error}") from error
    if result.returncode != 0:
        message = result.stderr.strip() or result.stdout.strip() or "no message"
        raise BackupError(f"{what} failed on {_where()} (exit {result.returncode}):\n"
                          f"{message[-4000:]}")


def _hamwe_version() -> str:
    try:
        return metadata.version("hamwe")
    except metadata.PackageNotFoundError:
        return "unknown"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def describe(manifest: dict) -> str:
    """One line about an archive's content, for the commands' output."""
    created = datetime.datetime.fromisoformat(manifest["created"])
    media = sum(1 for name in manifest["members"] if name.startswith(MEDIA + "/"))
    return (f"taken {timezone.localtime(created):%Y-%m-%d %H:%M} by Hamwe "
            f"{manifest['hamwe_version']}: {manifest['database']['engine']} database, "
            f"{len(manifest['tables'])} tables, {sum(manifest['tables'].values())} rows, "
            f"{len(manifest['migrations'])} migrations, {media} media files")
