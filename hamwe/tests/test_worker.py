"""The task worker that `hamwe serve` and `hamwe demo` start beside the web server
(hamwe/core/worker.py) really runs what is enqueued: a real `hamwe db_worker` process on
a database file, as in the demo."""

import os
import subprocess
import sys
import time

from hamwe.core import worker

ENQUEUE = """
import django, sys
django.setup()
from django.core.management import call_command
call_command("migrate", "django_tasks_database", verbosity=0)
from hamwe.tests.tasks_for_tests import leave_a_mark
leave_a_mark.enqueue(sys.argv[1], "done by the worker")
"""


def test_a_real_worker_process_runs_an_enqueued_task(tmp_path, monkeypatch):
    # The demo's settings (the database backend for tasks) on a database file of its own.
    monkeypatch.setenv("HAMWE_MODE", "demo")
    monkeypatch.setenv("HAMWE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'tasks.sqlite3'}")
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "hamwe.settings")
    mark = tmp_path / "mark.txt"
    subprocess.run([sys.executable, "-c", ENQUEUE, str(mark)], check=True, timeout=120,
                   env=os.environ.copy())
    assert not mark.exists()  # enqueued, not run
    process = worker.start(quiet=True)
    try:
        deadline = time.monotonic() + 90
        while not mark.exists() and time.monotonic() < deadline:
            assert process.poll() is None, "the worker exited"
            time.sleep(0.2)
        assert mark.read_text() == "done by the worker"
    finally:
        worker.stop(process)
    assert process.poll() is not None  # stopped with its server
