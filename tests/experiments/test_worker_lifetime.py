"""Worker processes end on their own when their parent is killed (kill -9)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sim.experiments.worker_lifetime import PARENT_POLL_SECONDS

PARENT = """
import multiprocessing, os, sys, time
from concurrent.futures import ProcessPoolExecutor
from sim.experiments.worker_lifetime import exit_with_parent

if __name__ == "__main__":
    pool = ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn"),
                               initializer=exit_with_parent, initargs=(os.getpid(),))
    pids = [pool.submit(os.getpid).result() for _ in range(4)]
    pool.submit(time.sleep, 120)
    pool.submit(time.sleep, 120)
    print(" ".join(map(str, sorted(set(pids)))), flush=True)
    time.sleep(120)
"""


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_workers_exit_when_their_parent_is_killed(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(PARENT)
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, env=env)
    with parent.stdout:
        workers = [int(pid) for pid in parent.stdout.readline().split()]
    assert workers
    assert all(running(pid) for pid in workers)  # busy sleeping in their tasks
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 20 * PARENT_POLL_SECONDS + 2
    while time.monotonic() < deadline and any(running(pid) for pid in workers):
        time.sleep(0.1)
    assert not any(running(pid) for pid in workers)
