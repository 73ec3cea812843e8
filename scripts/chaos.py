"""Chaos test: kill batches and sweeps at random moments, resume, and check that nothing is lost.

Usage: ``python scripts/chaos.py [--target replications|sweep] [--kills 20]
[--signal kill|int] [--replications 8] [--seed 1]`` (``make chaos``).

Rounds of: launch ``laborsim run SCENARIO --replications R --workers 2`` (or a
2-worker ``laborsim sweep``) into a fresh directory, stop it at a random moment,
launch again, stop again (2-4 times), then let one launch finish.  Each stop
lands at one of three moments, drawn in turn: *start-up* (0.3-4 s after launch),
*work* (a random moment once the first run is stored, read from the command's
output) or *write* (the instant a write is seen in progress: a hidden temporary
run directory beside the results, or the sweep store's write-ahead log changing
while a chunk commits).  ``--signal kill`` sends ``kill -9`` to the parent only
(its workers must end on their own); ``--signal int`` sends SIGINT to the whole
process group, as Ctrl-C in a terminal does, and the command must exit with
status 130 and one line, no traceback.  After each round every run must be
present exactly once, complete and loadable (a sweep: every run ``done`` with
all its outcome rows, none duplicated), no temporary directory left behind, and
a random replication must replay bit-identically (``laborsim run --replay``).
Then ``--concurrent`` rounds start two copies of the command into one directory
at once (:func:`two_writers`): one must refuse in one line or find the other's
runs complete, and no run may be lost.  Prints kills by moment, runs lost and
duplicated, orphaned workers, replay mismatches and writers refused.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABORSIM = [sys.executable, "-m", "sim"]
#: A start-up stop lands uniformly in this window after launch, seconds.
START_UP_SECONDS = (0.3, 4.0)
#: A work stop lands uniformly this long after the first run is stored, seconds.
WORK_SECONDS = (0.0, 8.0)
#: How often a write stop looks for a write in progress, seconds.
WRITE_POLL_SECONDS = 0.001
#: The longest wait for the first stored run or a write, seconds (else: it finished first).
PATIENCE_SECONDS = 180.0
MOMENTS = ("start-up", "work", "write")
#: How long killed workers may take to end, seconds: a worker notices its parent's
#: death 0.2 s after its start-up (imports, ~1-4 s on a busy machine) has finished.
ORPHAN_GRACE_SECONDS = 30.0
VERBOSE = "--verbose" in sys.argv
#: Exit status of a command stopped by Ctrl-C (SIGINT).
INTERRUPTED = 130
SCENARIO = """description = "chaos test: the baseline to 2035"
extends = "baseline.toml"
[run]
horizon_year = 2035
"""


@dataclass
class Tally:
    """What the chaos run observed."""

    kills: int = 0
    by_moment: collections.Counter = field(default_factory=collections.Counter)
    kill_seconds: list[float] = field(default_factory=list)
    runs_stored_at_kill: list[int] = field(default_factory=list)
    finished_before_kill: int = 0
    rounds: int = 0
    runs_expected: int = 0
    runs_lost: int = 0
    runs_duplicated: int = 0
    leftovers: int = 0
    workers_seen: int = 0
    slowest_worker_exit_seconds: float = 0.0
    orphaned_workers: int = 0
    replay_mismatches: int = 0
    interrupt_problems: int = 0
    concurrent_rounds: int = 0
    concurrent_refused: int = 0
    concurrent_lost: int = 0
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Target:
    """A command to stop and how to check its output directory afterwards."""

    command: list[str]
    check: Callable[[Path, Tally], None]
    #: Runs stored so far, read from what the command printed.
    stored: Callable[[str], int]
    #: A token that changes while a write is in progress (None: no write seen).
    writing: Callable[[], object]


def replications_target(scenario: Path, out: Path, replications: int) -> Target:
    """``laborsim run --replications`` into ``out``; one directory per replication."""
    command = [
        *LABORSIM, "run", str(scenario), "--replications", str(replications),
        "--workers", "2", "--out", str(out), "--quiet",
    ]  # fmt: skip
    holder = out / scenario.stem

    def writing() -> object:
        """The hidden temporary directories beside the results (a save in progress)."""
        found = [p.name for p in holder.glob(".*") if ".tmp-" in p.name or ".old-" in p.name]
        return tuple(found) or None

    def check(out_dir: Path, tally: Tally) -> None:
        holder = out_dir / scenario.stem
        found: dict[int, int] = {}
        for directory in sorted(holder.iterdir()) if holder.is_dir() else []:
            if directory.name.startswith("."):
                tally.leftovers += 1
                continue
            metadata = json.loads((directory / "metadata.json").read_text())
            index = metadata["replication"]
            if directory.name != f"replication-{index:03d}":
                tally.problems.append(f"{directory} holds replication {index}")
            found[index] = found.get(index, 0) + 1
        tally.runs_expected += replications
        tally.runs_lost += sum(1 for r in range(replications) if r not in found)
        tally.runs_duplicated += sum(count - 1 for count in found.values())

    return Target(command, check, stored=lambda text: text.count("saved "), writing=writing)


SWEEP_SPEC = """name = "chaos-sweep"
base = "{base}"
sampler = "latin_hypercube"
samples = {samples}
replications = 1
seed = 5
[uncertainties]
"closure.consumer_mpc" = {{}}
[levers]
"labor.reemployment_rate_per_year" = {{ values = [1.5, 4.0] }}
[outcomes]
years = [2030, "horizon"]
"""


def sweep_target(scenario: Path, out: Path, replications: int) -> Target:
    """``laborsim sweep --workers 2`` into ``out``: 50 x replications runs in chunks of ~3.

    Its progress bar (stderr) says how many runs are stored; a chunk commit
    appends to the store's write-ahead log ``sweep.duckdb.wal``.
    """
    spec = out.parent / f"{out.name}-spec.toml"
    samples = 25 * replications
    spec.write_text(SWEEP_SPEC.format(base=scenario, samples=samples))
    command = [*LABORSIM, "sweep", str(spec), "--workers", "2", "--out", str(out)]
    wal = out / "sweep.duckdb.wal"

    def stored(text: str) -> int:
        return max((int(m) for m in re.findall(r"\| *(\d+)/\d+ \[", text)), default=0)

    def writing() -> object:
        try:
            state = wal.stat()
        except OSError:
            return None
        return (state.st_size, state.st_mtime_ns) if state.st_size else None

    def check(out_dir: Path, tally: Tally) -> None:
        import duckdb

        runs = 2 * samples
        tally.runs_expected += runs
        with duckdb.connect(str(out_dir / "sweep.duckdb"), read_only=True) as store:
            status = dict(
                store.execute("SELECT status, count(*) FROM experiments GROUP BY 1").fetchall()
            )
            per_run = store.execute(
                "SELECT run_id, count(*) FROM outcomes GROUP BY run_id"
            ).fetchall()
            duplicated = store.execute(
                "SELECT count(*) - count(DISTINCT (run_id, outcome, year, scope)) FROM outcomes"
            ).fetchone()
        tally.runs_lost += runs - status.get("done", 0)
        tally.runs_duplicated += int(duplicated[0]) if duplicated else 0
        if len({count for _, count in per_run}) > 1 or len(per_run) != status.get("done", 0):
            tally.problems.append(f"{out_dir}: runs with partial outcome rows: {per_run[:5]}")

    return Target(command, check, stored=stored, writing=writing)


TARGETS: dict[str, Callable[[Path, Path, int], Target]] = {
    "replications": replications_target,
    "sweep": sweep_target,
}
LOCKED_OUT = ("another laborsim command", "Could not set lock", "cannot open the sweep store")


def two_writers(target: Target, out: Path, rng: random.Random, tally: Tally) -> None:
    """Start two copies of ``target`` into one directory at once; no result may be lost.

    Either one refuses in one line (the directory is taken) and the other
    finishes, or the second starts after the first and finds its runs complete;
    then every run must be present exactly once.
    """
    first = subprocess.Popen(
        target.command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    time.sleep(rng.uniform(0.0, 1.5))
    second = subprocess.Popen(
        target.command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    errors = [process.communicate()[1] for process in (first, second)]
    codes = [first.returncode, second.returncode]
    tally.concurrent_rounds += 1
    refused = [
        code == 2 and any(text in err for text in LOCKED_OUT)
        for code, err in zip(codes, errors, strict=True)
    ]
    tally.concurrent_refused += sum(refused)
    if not all(code == 0 or gone for code, gone in zip(codes, refused, strict=True)) or all(
        refused
    ):
        tally.problems.append(
            f"two writers: exit codes {codes}: {[e.strip()[-200:] for e in errors]}"
        )
    finish(target, tally)  # whatever was refused is completed by one more run
    lost_before = tally.runs_lost
    target.check(out, tally)
    tally.concurrent_lost += tally.runs_lost - lost_before


def workers_of(pid: int) -> list[int]:
    """Process ids whose parent is ``pid`` (Linux /proc)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie counts as ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


class Launch:
    """A launched command whose stdout and stderr are collected as it runs."""

    def __init__(self, command: list[str], own_group: bool) -> None:
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=own_group,
        )
        self.started = time.monotonic()
        self.chunks: list[bytes] = []
        self.readers = [
            threading.Thread(target=self._read, args=(stream,), daemon=True)
            for stream in (self.process.stdout, self.process.stderr)
        ]
        for reader in self.readers:
            reader.start()

    def _read(self, stream) -> None:
        for chunk in iter(lambda: stream.read1(4096), b""):
            self.chunks.append(chunk)

    def text(self) -> str:
        return b"".join(self.chunks).decode(errors="replace")

    def running(self) -> bool:
        return self.process.poll() is None


def wait_for_moment(launch: Launch, target: Target, moment: str, rng: random.Random) -> bool:
    """Wait until the chosen moment; False if the command finished first."""
    if moment == "start-up":
        deadline = launch.started + rng.uniform(*START_UP_SECONDS)
        while time.monotonic() < deadline and launch.running():
            time.sleep(0.01)
        return launch.running()
    patience = time.monotonic() + PATIENCE_SECONDS
    while target.stored(launch.text()) < 1 and launch.running():
        if time.monotonic() > patience:
            return launch.running()
        time.sleep(0.02)
    if moment == "work":
        deadline = time.monotonic() + rng.uniform(*WORK_SECONDS)
        while time.monotonic() < deadline and launch.running():
            time.sleep(0.01)
        return launch.running()
    before = target.writing()
    while launch.running() and time.monotonic() < patience:
        now = target.writing()
        if now is not None and now != before:
            return True
        before = now
        time.sleep(WRITE_POLL_SECONDS)
    return False


def kill_once(target: Target, rng: random.Random, tally: Tally, how: str) -> bool:
    """Launch, stop at a random moment (``how``: kill -9 or SIGINT); False if it finished first."""
    moment = MOMENTS[(tally.kills + tally.finished_before_kill) % len(MOMENTS)]
    launch = Launch(target.command, own_group=how == "int")
    process = launch.process
    workers: set[int] = set()
    watcher = threading.Event()

    def watch() -> None:
        while not watcher.is_set():
            workers.update(workers_of(process.pid))
            time.sleep(0.05)

    threading.Thread(target=watch, daemon=True).start()
    landed = wait_for_moment(launch, target, moment, rng)
    stored = target.stored(launch.text())
    if landed:
        workers.update(workers_of(process.pid))
        if how == "int":
            os.killpg(process.pid, signal.SIGINT)
        else:
            os.kill(process.pid, signal.SIGKILL)
    killed = time.monotonic()
    process.wait(timeout=PATIENCE_SECONDS)
    watcher.set()
    for reader in launch.readers:
        reader.join(timeout=ORPHAN_GRACE_SECONDS)
    if not landed:
        tally.finished_before_kill += 1
        return False
    tally.kills += 1
    tally.by_moment[moment] += 1
    tally.kill_seconds.append(killed - launch.started)
    tally.runs_stored_at_kill.append(stored)
    tally.workers_seen += len(workers)
    if how == "int":
        check_interrupted(process.returncode, launch.text(), tally)
    while time.monotonic() < killed + ORPHAN_GRACE_SECONDS and any(map(alive, workers)):
        time.sleep(0.05)
    waited = time.monotonic() - killed
    tally.slowest_worker_exit_seconds = max(tally.slowest_worker_exit_seconds, waited)
    tally.orphaned_workers += sum(alive(pid) for pid in workers)
    if VERBOSE:
        print(
            f"{how} {tally.kills} ({moment}): after {killed - launch.started:.1f} s, "
            f"{stored} runs stored, {len(workers)} children, status {process.returncode}",
            flush=True,
        )
    return True


def check_interrupted(status: int, output: str, tally: Tally) -> None:
    """After SIGINT: exit status 130, one ``interrupted`` line, no traceback."""
    lines = [line for line in re.split(r"[\r\n]", output) if "interrupted" in line]
    if status != INTERRUPTED or len(lines) != 1 or "Traceback" in output:
        tally.interrupt_problems += 1
        tally.problems.append(f"SIGINT: status {status}, output ends {output[-400:]!r}")


def finish(target: Target, tally: Tally) -> None:
    """Launch without killing; it must resume and finish cleanly."""
    done = subprocess.run(target.command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        tally.problems.append(f"resume failed ({done.returncode}): {done.stderr.strip()[:300]}")


def replay_one(out: Path, rng: random.Random, tally: Tally) -> None:
    """Replay one random replication; its frames must match bit for bit."""
    runs = sorted(out.glob("*/replication-*"))
    if not runs:
        return
    chosen = rng.choice(runs)
    done = subprocess.run(
        [*LABORSIM, "run", "--replay", str(chosen)], cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode != 0:
        tally.replay_mismatches += 1
        tally.problems.append(f"replay {chosen}: {done.stdout.strip()} {done.stderr.strip()}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--replications", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--target", choices=sorted(TARGETS), default="replications")
    parser.add_argument(
        "--signal",
        choices=("kill", "int"),
        default="kill",
        help="kill -9 the parent (default) or SIGINT the process group (Ctrl-C)",
    )
    parser.add_argument("--verbose", action="store_true", help="one line per kill")
    parser.add_argument(
        "--concurrent", type=int, default=3, help="rounds of two writers into one directory"
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    tally = Tally()
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="laborsim-chaos-"))
    scenario = work / "chaos-test.toml"
    try:
        baseline = (ROOT / "scenarios" / "baseline.toml").read_text()
        data = (ROOT / "occupations").as_posix()
        (work / "baseline.toml").write_text(baseline.replace('"../occupations"', f'"{data}"'))
        scenario.write_text(SCENARIO)
        while tally.kills < args.kills:
            tally.rounds += 1
            out = work / f"round-{tally.rounds:02d}"
            target = TARGETS[args.target](scenario, out, args.replications)
            for _ in range(rng.randint(2, 4)):
                kill_once(target, rng, tally, args.signal)
            finish(target, tally)
            target.check(out, tally)
            replay_one(out, rng, tally)
        for number in range(args.concurrent):
            out = work / f"concurrent-{number:02d}"
            two_writers(TARGETS[args.target](scenario, out, args.replications), out, rng, tally)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    seconds = sorted(tally.kill_seconds) or [0.0]
    signal_name = "kill -9" if args.signal == "kill" else "SIGINT to the process group"
    print(
        f"chaos ({args.target}): {tally.kills} stops ({signal_name}) in {tally.rounds} rounds "
        f"({tally.finished_before_kill} launches finished before their stop); by moment: "
        + ", ".join(f"{moment} {tally.by_moment[moment]}" for moment in MOMENTS)
        + f"; {seconds[0]:.1f}-{seconds[-1]:.1f} s after launch, with "
        f"{sum(1 for n in tally.runs_stored_at_kill if n > 0)} stops after runs were stored "
        f"(up to {max(tally.runs_stored_at_kill, default=0)}); "
        f"{tally.runs_expected} runs expected, {tally.runs_lost} lost, "
        f"{tally.runs_duplicated} duplicated, {tally.leftovers} temporary directories left, "
        f"{tally.orphaned_workers} of {tally.workers_seen} child processes "
        f"still running after {ORPHAN_GRACE_SECONDS:g} s (slowest ended after "
        f"{tally.slowest_worker_exit_seconds:.1f} s), {tally.replay_mismatches} replay "
        f"mismatches, {tally.interrupt_problems} SIGINT exits not one line with status 130; "
        f"two writers into one directory: {tally.concurrent_rounds} rounds, "
        f"{tally.concurrent_refused} second writers refused, {tally.concurrent_lost} runs lost; "
        f"{time.perf_counter() - started:.0f} s"
    )
    for problem in tally.problems:
        print(f"problem: {problem}")
    failed = tally.runs_lost + tally.runs_duplicated + tally.orphaned_workers
    failed += tally.interrupt_problems
    return 1 if failed or tally.replay_mismatches or tally.problems else 0


if __name__ == "__main__":
    sys.exit(main())
