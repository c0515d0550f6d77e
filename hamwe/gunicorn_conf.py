"""gunicorn's settings for `hamwe serve`: the task worker lives and dies with the master,
and a request may hold a worker for at most `timeout` seconds (documents are rendered by
the task worker, not in a request)."""

from hamwe.core import worker as task_worker

timeout = 30
graceful_timeout = 20
_worker = None


def on_starting(server):
    global _worker
    _worker = task_worker.start()


def on_exit(server):
    if _worker is not None:
        task_worker.stop(_worker)
