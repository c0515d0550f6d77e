"""A task for tests of the worker itself (hamwe/tests/test_worker.py): it touches only a
file, so a worker can run it on a database with nothing but the task queue's table."""

from pathlib import Path

from django_tasks import task


@task()
def leave_a_mark(path, text):
    Path(path).write_text(text)
