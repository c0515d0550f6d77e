"""A kill -9 during an import's commit leaves nothing half-written: a real process is
killed while it is writing, and the database it wrote to holds none of its rows."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.db import connection

from hamwe.accounts.tests.factories import UserFactory
from hamwe.partners.tests.factories import OrganisationFactory

ROWS = 3000

CHILD = textwrap.dedent("""
    import sys, time
    import django
    django.setup()
    from django.utils import translation
    from hamwe.accounts.models import User
    from hamwe.exchange import imports

    content = open(sys.argv[1], "rb").read()
    by = User.objects.get(email="importer@example.org")
    with translation.override("en"):
        problems, changes = imports.check("organisations", content, fmt="csv")
        assert not problems, problems[:3]

        def progress(done, total):
            print("applied", done, flush=True)
            time.sleep(0.2)  # time for the parent to kill it mid-way

        imports.commit("organisations", content, fmt="csv", by=by,
                       expected=[c.as_dict() for c in changes], progress=progress)
    print("committed", flush=True)
""")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="copies the SQLite test database")
def test_a_kill_during_the_commit_leaves_nothing(transactional_db, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("copies the SQLite test database")
    UserFactory(email="importer@example.org", role="staff")
    OrganisationFactory(name="Already There")
    database = tmp_path / "hamwe.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(database)
    connection.connection.backup(target)
    target.close()
    lines = ["Name,Sector,Contact: name,Contact: e-mail"]
    lines += [f"Imported {n:05d},cso,Person {n},p{n}@example.org" for n in range(ROWS)]
    source = tmp_path / "organisations.csv"
    source.write_text("\n".join(lines) + "\n")

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "HAMWE_MODE": "test",
           "DJANGO_SETTINGS_MODULE": "hamwe.settings"}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(source)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             cwd=Path(__file__).resolve().parents[3])
    try:
        applied = 0
        for line in child.stdout:
            if line.startswith("applied"):
                applied = int(line.split()[1])
                if applied >= 1000:  # well into the commit: a thousand rows written
                    break
        assert applied >= 1000, child.stderr.read()
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL

    after = sqlite3.connect(database)
    try:
        names = [row[0] for row in after.execute("SELECT name FROM partners_organisation")]
        history = after.execute(
            "SELECT COUNT(*) FROM partners_historicalorganisation WHERE name LIKE 'Imported%'"
        ).fetchone()[0]
        contacts = after.execute("SELECT COUNT(*) FROM partners_contact").fetchone()[0]
    finally:
        after.close()
    assert names == ["Already There"]
    assert history == 0 and contacts == 0
