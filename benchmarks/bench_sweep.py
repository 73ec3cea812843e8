"""Benchmark: sweep throughput, scaling, memory and the 10,000-run target, in one run.

Runs Latin-hypercube sweeps of the full baseline (all occupations, 30 years,
monthly) over three uncertainties into temporary stores and prints

- the yardstick ``../shared/bench/naive_mesa.py 831 360`` (best of three, wall
  and CPU), measured in this run: the 10,000-run target (3 minutes where the
  yardstick takes 1.1 s) is scaled by it;
- the single full baseline run (set-up, stepping, frames, as ``bench_baseline.py``
  times it; best of five) beside the yardstick, and their ratio (target 50x);
- the sweep machinery alone: throughput with a trivial evaluator (fixed outcome
  rows, no model) on 1 and 2 workers, i.e. the per-run cost of dispatch,
  transfer and store writes;
- the model's per-run time split in this process: scenario derive, model
  construction, stepping, outcome reduction, garbage collection;
- throughput of the real sweep on 1 worker (in process, one core) and 2 workers
  (a local Dask cluster), by difference: a 1,300-run sweep minus a 300-run
  sweep, so that start-up (a worker spends about 3 s of CPU starting: imports,
  tables, the mobility network, Numba's cache), the first chunk and the tail
  (one worker finishing before the other) cancel; the speed-up of those rates
  (target 1.8x), with the CPU time of the process tree per run, which other
  processes on the machine do not inflate.  Nothing samples the processes
  during these sweeps (CPU time is read from the kernel's accounting at the
  end): sampling every 0.1 s cost this process about 25 ms of CPU a second,
  taken from the workers' two cores;
- peak resident memory of the whole process tree (this process plus every
  worker, sampled every 0.1 s with psutil) for sweeps of 500 and 2,000 runs on
  2 workers, and their ratio (target: within 10%), with the CPU per run;
- the time of a 10,000-run sweep on 2 workers against the scaled target:
  projected from the largest 2-worker sweep (its start-up and tail plus 10,000
  runs at its steady rate), or measured with ``--runs 10000``.

Not a test: figures to read.  The load average is printed before each part;
on a shared machine the figures vary with it.

Usage: ``python benchmarks/bench_sweep.py [--throughput-runs SHORT LONG] [--memory-runs A B]
[--runs 10000]``
"""

from __future__ import annotations

import argparse
import gc
import resource
import tempfile
import threading
import time
from pathlib import Path

import psutil
from bench_baseline import YARDSTICK, full_run_parts, timed, yardstick_run

from sim.experiments.evaluate import TRANSITIONS_SWITCH, ModelEvaluator
from sim.experiments.runner import advance_to_horizon, load_tables
from sim.experiments.sweep import run_sweep
from sim.experiments.sweep_outcomes import OutcomeRow, run_outcomes
from sim.io.scenario_files import load_scenario
from sim.io.sweep_files import load_sweep
from sim.model import LaborMarketModel
from sim.params import derive

ROOT = Path(__file__).resolve().parents[1]
SPEC = """
name = "bench"
base = "{base}"
sampler = "latin_hypercube"
samples = {samples}
seed = 1
[uncertainties]
"capability.algorithmic_halving_months" = {{}}
"demand.elasticity_quantile" = {{}}
"closure.policy_offset_share" = {{}}
[outcomes]
by_major_group = true
"""
SAMPLE_SECONDS = 0.1
MIB = 2**20
#: The 10,000-run target: 3 minutes on 2 workers where the yardstick takes 1.1 s.
TARGET_RUNS, TARGET_SECONDS, REFERENCE_YARDSTICK_SECONDS = 10_000, 180.0, 1.1
#: Runs of the trivial-evaluator sweeps.
TRIVIAL_RUNS = 2000
#: Outcome rows of a baseline run with these outcomes: 2 years x (3 totals + 22 SOC groups).
FAKE_ROWS = [
    OutcomeRow(name, year, scope, 0.0)
    for year in (2035, 2055)
    for name, scope in [
        ("employment_vs_no_ai", "total"),
        ("displaced_unemployed", "total"),
        ("wage_bill_vs_no_ai", "total"),
        *(("employment_vs_no_ai", f"soc:{group}") for group in range(11, 55, 2)),
    ]
]


class FixedEvaluator:
    """A trivial evaluator: fixed outcome rows, no model (the sweep machinery alone)."""

    def __call__(self, values: dict[str, float], seed: object) -> tuple[list[OutcomeRow], None]:
        """Return the fixed rows."""
        return list(FAKE_ROWS), None


class TreeMonitor:
    """CPU time of the process tree over a block and, if asked, its peak memory.

    CPU: this process's own CPU time plus that of its reaped children (the
    worker processes, joined when the cluster closes: ``RUSAGE_CHILDREN``), so
    the sweep's CPU cost, which the machine's other load does not inflate the
    way it inflates wall time, is measured without sampling anything.  Memory
    (``memory=True``): a thread samples the summed resident memory of this
    process and its descendants (and of this process alone) every
    ``SAMPLE_SECONDS`` and keeps the peaks.  The sampling costs this process
    about 25 ms of CPU a second, which competes with the workers, so the
    throughput sweeps run without it.
    """

    def __init__(self, *, memory: bool) -> None:
        self.peak = 0
        self.peak_main = 0
        self.cpu = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True) if memory else None

    def __enter__(self) -> TreeMonitor:
        self._cpu_start = _tree_cpu()
        if self._thread is not None:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self.cpu = _tree_cpu() - self._cpu_start

    def _sample(self) -> None:
        root = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for process in [root, *root.children(recursive=True)]:
                try:
                    total += process.memory_info().rss
                except psutil.Error:
                    continue
            self.peak = max(self.peak, total)
            try:
                self.peak_main = max(self.peak_main, root.memory_info().rss)
            except psutil.Error:
                pass
            time.sleep(SAMPLE_SECONDS)


def _tree_cpu() -> float:
    """CPU seconds of this process and of its children that have ended and been reaped."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def write_spec(directory: Path, runs: int, label: str) -> Path:
    """A bench sweep spec of ``runs`` runs."""
    spec = directory / f"bench-{runs}-{label}.toml"
    spec.write_text(SPEC.format(base=ROOT / "scenarios" / "baseline.toml", samples=runs))
    return spec


def timed_sweep(
    directory: Path, runs: int, workers: int, evaluator: object = None, *, memory: bool = False
) -> tuple[float, float, TreeMonitor]:
    """Run a fresh sweep; wall seconds (start-up included), steady runs/s, the tree monitor."""
    label = f"{workers}w-{'fixed' if evaluator else 'model'}"
    spec = write_spec(directory, runs, label)
    arrivals: list[tuple[float, int]] = []

    def progress(done: int, total: int) -> None:
        if done:
            arrivals.append((time.perf_counter(), done))

    with TreeMonitor(memory=memory) as tree:
        start = time.perf_counter()
        summary = run_sweep(
            spec, out=directory / spec.stem, workers=workers, progress=progress, evaluator=evaluator
        )
        seconds = time.perf_counter() - start
    if summary.ran != runs or summary.failed:
        raise SystemExit(f"sweep ran {summary.ran} of {runs} runs, {summary.failed} failed")
    (first_time, first_done), (last_time, last_done) = arrivals[0], arrivals[-1]
    steady = (last_done - first_done) / max(last_time - first_time, 1e-9)
    return seconds, steady, tree


def load() -> str:
    """The load averages (1, 5, 15 min)."""
    return "load average " + ", ".join(f"{value:.2f}" for value in psutil.getloadavg())


def yardstick_seconds() -> float:
    """Best wall time of three yardstick runs (printed with CPU time)."""
    action = yardstick_run()
    samples = [timed(action) for _ in range(3)]
    wall, cpu = min(s[0] for s in samples), min(s[1] for s in samples)
    print(f"yardstick naive_mesa.py 831 360: {wall:.3f} s wall, {cpu:.3f} s cpu (best of 3)")
    return wall


def full_run_ratio(yardstick: float, repeats: int = 5) -> None:
    """The single full baseline run (as ``bench_baseline.py``) beside the yardstick."""
    scenario = load_scenario(ROOT / "scenarios" / "baseline.toml")
    tables = load_tables(scenario)
    full_run_parts(scenario, tables)  # warm-up
    best = min(full_run_parts(scenario, tables)["full run"][0] for _ in range(repeats))
    print(
        f"single full baseline run (set-up, steps, frames; best of {repeats}): "
        f"{best * 1e3:.1f} ms; yardstick / full run {yardstick / best:.1f}x (target 50x)"
    )


def run_parts(directory: Path, runs: int = 12) -> None:
    """Mean per-run time of each part of a model run in this process, ms."""
    sweep = load_sweep(write_spec(directory, runs, "parts"))
    evaluator = ModelEvaluator(sweep.base, sweep.spec.outcomes, sweep.years)
    evaluator({}, sweep.seed)  # warm-up: tables, caches, compilation
    parts = dict.fromkeys(("derive", "build", "step", "outcomes", "gc"), 0.0)
    gc.collect()
    gc.freeze()  # as in a worker's chunk (sim.experiments.evaluate.frozen_heap)
    for sample in range(runs):
        clock = [time.perf_counter()]
        scenario = derive(sweep.base, {TRANSITIONS_SWITCH: False})
        clock.append(time.perf_counter())
        model = LaborMarketModel(scenario, evaluator.tables, seed=sample)
        clock.append(time.perf_counter())
        advance_to_horizon(model)
        clock.append(time.perf_counter())
        run_outcomes(model, sweep.spec.outcomes, sweep.years)
        clock.append(time.perf_counter())
        del model
        gc.collect()
        clock.append(time.perf_counter())
        for part, begin, end in zip(parts, clock, clock[1:], strict=False):
            parts[part] += (end - begin) / runs
    gc.unfreeze()
    total = sum(parts.values())
    split = ", ".join(f"{part} {seconds * 1e3:.1f}" for part, seconds in parts.items())
    print(f"model run parts (in process, ms): {split}; total {total * 1e3:.1f}")


def throughput(directory: Path, runs: int, short: int) -> None:
    """Sweep machinery alone (trivial evaluator), then model throughput and the speed-up.

    The model's rate on each worker count is measured by difference: a sweep of
    ``runs`` runs minus a sweep of ``short`` runs, so that start-up, the first
    chunk and the tail (one worker finishing before the other) cancel.  The
    steady rate of one sweep (from its first stored chunk) is printed too; it
    overstates 2 workers, whose second first chunk is partly done before the
    first is stored.
    """
    print(load())
    for workers in (1, 2):
        seconds, rate, _ = timed_sweep(directory, TRIVIAL_RUNS, workers, FixedEvaluator())
        print(
            f"sweep machinery alone (trivial evaluator), {workers} worker(s): {rate:.0f} runs/s "
            f"steady, {1e3 / rate:.2f} ms/run; {TRIVIAL_RUNS} runs in {seconds:.1f} s "
            "including start-up"
        )
    rates = {}
    for workers in (1, 2):
        print(load())
        short_seconds, _, short_tree = timed_sweep(directory, short, workers)
        seconds, steady, tree = timed_sweep(directory, runs, workers)
        rates[workers] = (runs - short) / (seconds - short_seconds)
        cpu = (tree.cpu - short_tree.cpu) / (runs - short)
        print(
            f"model, {workers} worker(s): {rates[workers]:.1f} runs/s by difference of "
            f"{runs}- and {short}-run sweeps ({seconds:.1f} s and {short_seconds:.1f} s "
            f"including start-up), CPU of the process tree {cpu * 1e3:.1f} ms/run; "
            f"steady rate of the {runs}-run sweep {steady:.1f} runs/s"
        )
    print(f"model: speed-up 2 vs 1 worker {rates[2] / rates[1]:.2f}x (target >= 1.8x)")


def memory_and_projection(
    directory: Path, compared: list[int], extra: int | None, target_seconds: float
) -> None:
    """Peak memory of 2-worker sweeps of each size; the 10,000-run time from the largest."""
    peaks, largest = {}, None
    for runs in sorted({*compared, *([extra] if extra else [])}):
        print(load())
        seconds, steady, tree = timed_sweep(directory, runs, 2, memory=True)
        peaks[runs], largest = tree.peak, (runs, seconds, steady)
        print(
            f"{runs} runs on 2 workers: {seconds:.1f} s, {steady:.2f} runs/s steady, CPU "
            f"{tree.cpu * 1e3 / runs:.1f} ms/run; peak memory {tree.peak / MIB:.0f} MiB "
            f"process tree (this process {tree.peak_main / MIB:.0f})"
        )
    if len(compared) >= 2:
        first, last = min(compared), max(compared)
        ratio = peaks[last] / peaks[first]
        print(f"peak memory {last} vs {first} runs: {ratio:.3f}x (target <= 1.10x)")
    if largest is None:
        return
    runs, seconds, steady = largest
    if runs == TARGET_RUNS:
        verdict, figure = "measured", seconds
    else:
        verdict, figure = "projected", seconds - runs / steady + TARGET_RUNS / steady
    print(
        f"{TARGET_RUNS} runs on 2 workers: {figure:.0f} s {verdict} "
        f"(target {target_seconds:.0f} s = {TARGET_SECONDS:.0f} s x yardstick / "
        f"{REFERENCE_YARDSTICK_SECONDS} s): {'met' if figure <= target_seconds else 'NOT met'}"
    )


def main() -> None:
    """Print every figure of the sweep targets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--throughput-runs",
        type=int,
        nargs=2,
        default=[300, 1300],
        metavar=("SHORT", "LONG"),
        help="the two sweeps of the speed-up",
    )
    parser.add_argument("--memory-runs", type=int, nargs="*", default=[500, 2000])
    parser.add_argument("--runs", type=int, help="also time a sweep of this many runs (10000)")
    args = parser.parse_args()
    print(f"machine: {psutil.cpu_count()} cores, {load()}")
    yardstick = yardstick_seconds() if YARDSTICK.is_file() else REFERENCE_YARDSTICK_SECONDS
    target_seconds = TARGET_SECONDS * yardstick / REFERENCE_YARDSTICK_SECONDS
    with tempfile.TemporaryDirectory() as temporary:
        directory = Path(temporary)
        full_run_ratio(yardstick)
        run_parts(directory)
        throughput(directory, args.throughput_runs[1], args.throughput_runs[0])
        memory_and_projection(directory, args.memory_runs, args.runs, target_seconds)
    print(f"at the end: {load()}")


if __name__ == "__main__":
    main()
