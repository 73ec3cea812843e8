"""Ctrl-C at any moment of the real ``laborsim`` command: one line, status 130, nothing partial.

Each test starts the installed console script (or ``python -m sim``) in a session
of its own, as a terminal runs a command, and sends SIGINT to its whole process
group, which is what Ctrl-C does (worker processes receive it too).  Loading the
command takes one to several seconds; before ``sim/entry_point.py`` a Ctrl-C in
that time printed a traceback from inside some import.  The interpreter's own
start-up (``site``, before any project code runs; tens of milliseconds) is the
one window no project code can cover, so the first delay is past it.
"""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sim.entry_point import EXIT_INTERRUPTED, EXITING, STARTING, WORKING
from sim.io.results import load_result
from tests.cli.test_cli import scenario_file, toy_dir  # noqa: F401 - fixtures

ROOT = Path(__file__).resolve().parents[2]
LAUNCHERS = {
    "laborsim": [str(Path(sys.executable).with_name("laborsim"))],
    "python -m sim": [sys.executable, "-m", "sim"],
}
#: What the command may say after Ctrl-C, by the moment it lands (sim/entry_point.py, sim/cli).
MESSAGES = (STARTING, WORKING, EXITING)
#: The command cannot have finished this soon: loading it alone takes longer.
SURELY_STARTING_SECONDS = 1.0
REPLICATIONS = 3
TRACEBACK = re.compile("Traceback|Exception ignored")
#: Seconds a helper process (multiprocessing's resource tracker) may take to follow its parent.
GRACE_SECONDS = 5
#: Ctrl-C this long after the first worker process appears: while the workers load the library.
WORKER_LOADING_SECONDS = 0.3


def interrupt(command: list[str], *, after: float | str) -> tuple[int, str, str]:
    """Run ``command``; Ctrl-C it ``after`` seconds, or (``"workers"``) as its workers load.

    Returns the exit status, stdout and stderr; checks that no process of the
    command's group (a worker) is left behind.
    """
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, like a job in a terminal
        preexec_fn=as_from_a_terminal,
    )
    if after == "workers":
        deadline = time.monotonic() + 120
        while not _workers(process.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _workers(process.pid), "no worker process started"
        time.sleep(WORKER_LOADING_SECONDS)
    else:
        time.sleep(float(after))
    try:
        os.killpg(process.pid, signal.SIGINT)
    except ProcessLookupError:  # it had already finished
        pass
    out, err = process.communicate(timeout=300)
    deadline = time.monotonic() + GRACE_SECONDS
    while alive_in_group(process.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert alive_in_group(process.pid) == []  # no worker of the command is left
    return process.returncode, out.decode(), err.decode()


def as_from_a_terminal() -> None:
    """Ctrl-C's default action in the child, as a terminal starts a command.

    A test run started in the background of a script (``make test &``, ``nohup``)
    ignores SIGINT, and children inherit that; the command then rightly keeps
    ignoring it (tested below), which is not what these tests are about.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def alive_in_group(group: int) -> list[int]:
    """Processes of process group ``group`` that are still running (zombies are finished)."""
    return [pid for pid, _ in _group_processes(group)]


def _workers(group: int) -> list[int]:
    """Process-pool workers (multiprocessing spawn children) of process group ``group``."""
    return [pid for pid, command in _group_processes(group) if b"spawn_main" in command]


def _group_processes(group: int) -> list[tuple[int, bytes]]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            found.append((int(entry.name), command))
    return found


def assert_nothing_partial(out: Path) -> list[Path]:
    """Every run directory under ``out`` is complete; no temporary leftovers. Returns them."""
    leftovers = [p for p in out.rglob("*") if ".tmp-" in p.name or ".old-" in p.name]
    assert leftovers == []
    runs = sorted(p.parent for p in out.rglob("metadata.json"))
    for run in runs:
        load_result(run)  # refuses a damaged or incomplete run
    return runs


@pytest.mark.parametrize(
    ("launcher", "delay"),
    [("laborsim", delay) for delay in (0.25, 0.5, 1.0, 1.5, 2.5, 4.0)] + [("python -m sim", 0.5)],
)
def test_ctrl_c_at_any_moment_of_a_run_is_one_line_and_status_130(
    scenario_file,  # noqa: F811
    tmp_path,
    launcher,
    delay,
):
    out = tmp_path / "out"
    command = [*LAUNCHERS[launcher], "run", str(scenario_file), "--out", str(out), "--quiet"]
    status, _, err = interrupt([*command, "--replications", str(REPLICATIONS)], after=delay)
    assert not TRACEBACK.search(err), err
    runs = assert_nothing_partial(out) if out.exists() else []
    if status == 0:  # finished before the signal landed: everything is there
        assert delay > SURELY_STARTING_SECONDS
        assert len(runs) == REPLICATIONS
        return
    assert status == EXIT_INTERRUPTED
    assert [line for line in err.splitlines() if line.strip()] in ([m] for m in MESSAGES)


def test_ctrl_c_while_two_workers_load_stops_every_process_and_the_batch_resumes(
    scenario_file,  # noqa: F811
    tmp_path,
):
    out = tmp_path / "out"
    replications = 6
    command = [*LAUNCHERS["laborsim"], "run", str(scenario_file), "--out", str(out), "--quiet"]
    command += ["--replications", str(replications), "--workers", "2"]
    status, _, err = interrupt(command, after="workers")
    assert not TRACEBACK.search(err), err
    assert status == EXIT_INTERRUPTED
    assert [line for line in err.splitlines() if line.strip()] == [WORKING]
    saved = assert_nothing_partial(out) if out.exists() else []
    assert len(saved) < replications
    resumed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert resumed.returncode == 0, resumed.stderr
    assert resumed.stdout.count("saved ") == replications - len(saved)
    assert len(assert_nothing_partial(out)) == replications


def test_a_command_started_with_ctrl_c_ignored_keeps_ignoring_it(scenario_file, tmp_path):  # noqa: F811
    command = [*LAUNCHERS["laborsim"], "run", str(scenario_file), "--out", str(tmp_path / "out")]
    process = subprocess.Popen(
        [*command, "--quiet"],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),  # as nohup does
    )
    time.sleep(0.5)
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    assert len(assert_nothing_partial(tmp_path / "out")) == 1


#: A command whose interpreter takes seconds to tear down, as one with many libraries loaded can.
SLOW_TEARDOWN = """
import os, sys, time, types

class SlowTeardown:
    def __del__(self):  # runs as the interpreter clears __main__, after every exit handler
        os.write(2, b"tearing down\\n")
        time.sleep(3)

def command():
    sys.modules["__main__"].kept = SlowTeardown()
    return 0

sys.modules["sim.cli"] = types.SimpleNamespace(main=command)
from sim.entry_point import main
sys.exit(main())
"""


def test_ctrl_c_while_the_interpreter_tears_down_keeps_the_commands_status():
    """CPython restores SIGINT's default action before tearing its modules down; not a kill."""
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_TEARDOWN],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=as_from_a_terminal,
    )
    assert process.stderr.readline() == b"tearing down\n"
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err  # before: -2, killed by the signal with no message
    assert not TRACEBACK.search(err.decode())
