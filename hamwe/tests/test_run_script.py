"""`./run` hands its process over to Hamwe, so that a signal sent to it (kill, systemd's
stop) reaches Hamwe itself instead of leaving it running."""

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _processes_mentioning(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker.encode() in (entry / "cmdline").read_bytes():
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
                if state != "Z":
                    found.append(int(entry.name))
        except OSError:  # gone meanwhile
            continue
    return found


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM], ids=["KILL", "TERM"])
def test_a_signal_sent_to_run_reaches_hamwe(tmp_path, signum):
    ready = tmp_path / "hamwe.pid"
    # A long-running Hamwe command that says which process it runs in once it has started.
    code = (f"import os, pathlib, time; p = pathlib.Path({str(ready)!r}); "
            "t = p.with_suffix('.tmp'); t.write_text(str(os.getpid())); t.rename(p); "
            "time.sleep(600)")
    env = {**os.environ, "HAMWE_DATA_DIR": str(tmp_path / "data")}
    run = subprocess.Popen([str(ROOT / "run"), "shell", "-c", code], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        while not ready.exists():
            if run.poll() is not None:
                pytest.fail(f"./run shell ended early ({run.returncode}): "
                            f"{run.stderr.read().decode()}")
            if time.monotonic() > deadline:
                pytest.fail("./run shell did not start within 180 s")
            time.sleep(0.1)
        hamwe = int(ready.read_text())
        assert hamwe == run.pid, (
            f"./run kept a process of its own ({run.pid}) above Hamwe ({hamwe}): it must "
            "exec Hamwe, not start it as a child")

        os.kill(run.pid, signum)
        assert run.wait(timeout=30) == -signum
        deadline = time.monotonic() + 10
        while _processes_mentioning(str(ready)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _processes_mentioning(str(ready)) == [], "a Hamwe process was left running"
    finally:
        for pid in _processes_mentioning(str(ready)):
            os.kill(pid, signal.SIGKILL)
        if run.poll() is None:
            run.kill()
        run.wait()
        run.stderr.close()
