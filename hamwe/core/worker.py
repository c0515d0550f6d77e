"""The background worker beside the web server: started with it, stopped with it.

`hamwe serve` (gunicorn's master, through `gunicorn.conf.py`'s hooks) and `hamwe demo`
start `hamwe db_worker` as a child that the kernel ends when its parent dies, even by
`kill -9` (Linux's parent-death signal), so no worker outlives the server it serves.
"""

import ctypes
import signal
import subprocess
import sys

_PR_SET_PDEATHSIG = 1


def _die_with_parent():  # runs in the child, between fork and exec
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:  # not Linux: the parent's shutdown hook still stops it
        pass


def start(*, quiet=False) -> subprocess.Popen:
    """Start the task worker for the default queue; returns the child process."""
    command = [sys.executable, "-m", "hamwe.cli", "db_worker", "--no-startup-delay"]
    output = subprocess.DEVNULL if quiet else None
    return subprocess.Popen(command, preexec_fn=_die_with_parent, stdout=output)


def stop(process: subprocess.Popen, *, timeout=10) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
