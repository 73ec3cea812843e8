"""Chaos test: kill -9 batches at random moments, resume, and check that nothing is lost.

Usage: ``python scripts/chaos.py [--kills 20] [--replications 8] [--seed 1]`` (``make chaos``).

Rounds of: launch ``laborsim run SCENARIO --replications R --workers 2`` into a
fresh directory, ``kill -9`` the parent at a random moment (start-up, running,
saving), check that its worker processes end on their own, launch again, kill
again (2-4 times), then let one launch finish.  After each round every run must
be present exactly once, complete and loadable, with its own replication index,
no temporary directory left behind, and a random replication must replay
bit-identically (``laborsim run --replay``).  Rounds repeat until the requested
number of kills has landed.  Prints kills, runs lost, runs duplicated, orphaned
workers and replay mismatches.

Targets are functions: :func:`replications_target` builds the command and the
expected run directories, :func:`sweep_target` a 2-worker sweep whose store must
hold every run exactly once with all its outcome rows (kills land in start-up,
runs and chunk writes alike).  Then ``--concurrent`` rounds start two copies of
the command into one directory at once (:func:`two_writers`): one must refuse in
one line or find the other's runs complete, and no run may be lost.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABORSIM = [sys.executable, "-m", "sim"]
#: Kill moments are drawn uniformly in this window after launch, seconds: it spans
#: interpreter start-up, worker spawn, runs and the atomic saves.
KILL_WINDOW_SECONDS = (0.5, 12.0)
#: How long killed workers may take to end, seconds: a worker notices its parent's
#: death 0.2 s after its start-up (imports, ~1-4 s on a busy machine) has finished.
ORPHAN_GRACE_SECONDS = 30.0
#: The same for a sweep (its Dask cluster starts after the model is imported).
SWEEP_KILL_WINDOW_SECONDS = (3.0, 30.0)
VERBOSE = "--verbose" in sys.argv
SCENARIO = """description = "chaos test: the baseline to 2035"
extends = "baseline.toml"
[run]
horizon_year = 2035
"""


@dataclass
class Tally:
    """What the chaos run observed."""

    kills: int = 0
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
    concurrent_rounds: int = 0
    concurrent_refused: int = 0
    concurrent_lost: int = 0
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Target:
    """A command to kill and how to check its output directory afterwards."""

    command: list[str]
    check: Callable[[Path, Tally], None]
    #: Kill moments are drawn uniformly in this window after launch, seconds.
    kill_window: tuple[float, float] = KILL_WINDOW_SECONDS


def replications_target(scenario: Path, out: Path, replications: int) -> Target:
    """``laborsim run --replications`` into ``out``; one directory per replication."""
    command = [
        *LABORSIM, "run", str(scenario), "--replications", str(replications),
        "--workers", "2", "--out", str(out), "--quiet",
    ]  # fmt: skip

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

    return Target(command, check)


SWEEP_SPEC = """name = "chaos-sweep"
base = "{base}"
sampler = "latin_hypercube"
samples = {samples}
replications = 1
seed = 5
[uncertainties]
"demand.spending_recycling_share" = {{}}
[levers]
"labor.reemployment_rate_per_year" = {{ values = [1.5, 4.0] }}
[outcomes]
years = [2030, "horizon"]
"""


def sweep_target(scenario: Path, out: Path, replications: int) -> Target:
    """``laborsim sweep --workers 2`` into ``out``: 50 x replications runs in chunks of ~3.

    Kills fall 3-30 s after launch: the cluster's start-up takes several seconds
    on a busy machine, after which chunks are stored about every second.
    """
    spec = out.parent / f"{out.name}-spec.toml"
    samples = 25 * replications
    spec.write_text(SWEEP_SPEC.format(base=scenario, samples=samples))
    command = [*LABORSIM, "sweep", str(spec), "--workers", "2", "--out", str(out), "--quiet"]

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

    return Target(command, check, kill_window=SWEEP_KILL_WINDOW_SECONDS)


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


def kill_once(target: Target, rng: random.Random, tally: Tally) -> bool:
    """Launch, kill -9 at a random moment; False if it finished before the kill."""
    process = subprocess.Popen(target.command, cwd=ROOT, stdout=subprocess.DEVNULL)
    started = time.monotonic()
    deadline = started + rng.uniform(*target.kill_window)
    workers: set[int] = set()
    while time.monotonic() < deadline and process.poll() is None:
        workers.update(workers_of(process.pid))
        time.sleep(0.05)
    if process.poll() is not None:
        tally.finished_before_kill += 1
        return False
    workers.update(workers_of(process.pid))
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    tally.kills += 1
    tally.workers_seen += len(workers)
    killed = time.monotonic()
    while time.monotonic() < killed + ORPHAN_GRACE_SECONDS and any(map(alive, workers)):
        time.sleep(0.05)
    waited = time.monotonic() - killed
    tally.slowest_worker_exit_seconds = max(tally.slowest_worker_exit_seconds, waited)
    tally.orphaned_workers += sum(alive(pid) for pid in workers)
    if VERBOSE:
        print(f"kill {tally.kills}: after {killed - started:.1f} s, {len(workers)} children")
    return True


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
                kill_once(target, rng, tally)
            finish(target, tally)
            target.check(out, tally)
            replay_one(out, rng, tally)
        for number in range(args.concurrent):
            out = work / f"concurrent-{number:02d}"
            two_writers(TARGETS[args.target](scenario, out, args.replications), out, rng, tally)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"chaos ({args.target}): {tally.kills} kills (kill -9) in {tally.rounds} rounds "
        f"({tally.finished_before_kill} launches finished before their kill); "
        f"{tally.runs_expected} runs expected, {tally.runs_lost} lost, "
        f"{tally.runs_duplicated} duplicated, {tally.leftovers} temporary directories left, "
        f"{tally.orphaned_workers} of {tally.workers_seen} child processes of killed parents "
        f"still running after {ORPHAN_GRACE_SECONDS:g} s (slowest ended after "
        f"{tally.slowest_worker_exit_seconds:.1f} s), {tally.replay_mismatches} replay "
        f"mismatches; two writers into one directory: {tally.concurrent_rounds} rounds, "
        f"{tally.concurrent_refused} second writers refused, {tally.concurrent_lost} runs lost; "
        f"{time.perf_counter() - started:.0f} s"
    )
    for problem in tally.problems:
        print(f"problem: {problem}")
    failed = tally.runs_lost + tally.runs_duplicated + tally.orphaned_workers
    return 1 if failed or tally.replay_mismatches or tally.problems else 0


if __name__ == "__main__":
    sys.exit(main())
