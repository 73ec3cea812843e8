"""Benchmark: sweep throughput on 1 and 2 workers, and peak memory as a sweep grows.

Runs Latin-hypercube sweeps of the full baseline (all occupations, 30 years,
monthly) over three uncertainties into temporary stores, and prints

- throughput on 1 worker (in process) and 2 workers (a local Dask cluster):
  the steady rate once the first chunk is stored, and the rate including
  cluster start-up; the speed-up of the steady rates;
- peak resident memory of the whole process tree (this process plus every
  worker process, sampled every 0.1 s with psutil) for sweeps of 500 and 2,000
  runs on 2 workers, and their ratio (target: within 10%).

Not a test: figures to read. A run takes ~0.25 s, so the default settings take
several minutes; on a shared machine the figures vary with the load.

Usage: ``python benchmarks/bench_sweep.py [--throughput-runs N] [--memory-runs A B ...]``
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from pathlib import Path

import psutil

from sim.experiments.sweep import run_sweep

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
"demand.spending_recycling_share" = {{}}
[outcomes]
by_major_group = true
"""
SAMPLE_SECONDS = 0.1
MIB = 2**20


class PeakMemory:
    """Samples the resident memory of this process and all its descendants in a thread."""

    def __init__(self) -> None:
        self.peak = 0
        self.peak_main = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

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


def timed_sweep(directory: Path, runs: int, workers: int) -> tuple[float, float, PeakMemory]:
    """Run a fresh sweep of ``runs`` runs.

    Returns wall seconds (start-up included), the steady rate in runs/s (runs
    stored after the first chunk, over the time since it arrived) and the peak
    memory sampler (peak of the process tree, and of this process alone).
    """
    spec = directory / f"bench-{runs}-{workers}.toml"
    spec.write_text(SPEC.format(base=ROOT / "scenarios" / "baseline.toml", samples=runs))
    arrivals: list[tuple[float, int]] = []

    def progress(done: int, total: int) -> None:
        if done:
            arrivals.append((time.perf_counter(), done))

    with PeakMemory() as memory:
        start = time.perf_counter()
        summary = run_sweep(spec, out=directory / spec.stem, workers=workers, progress=progress)
        seconds = time.perf_counter() - start
    if summary.ran != runs or summary.failed:
        raise SystemExit(f"sweep ran {summary.ran} of {runs} runs, {summary.failed} failed")
    (first_time, first_done), (last_time, last_done) = arrivals[0], arrivals[-1]
    steady = (last_done - first_done) / max(last_time - first_time, 1e-9)
    return seconds, steady, memory


def main() -> None:
    """Print throughput and peak-memory figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--throughput-runs", type=int, default=200)
    parser.add_argument("--memory-runs", type=int, nargs="*", default=[500, 2000])
    args = parser.parse_args()
    print(f"machine: {psutil.cpu_count()} cores, load average {psutil.getloadavg()}")
    with tempfile.TemporaryDirectory() as temporary:
        directory = Path(temporary)
        rates = {}
        for workers in (1, 2):
            seconds, rates[workers], _ = timed_sweep(directory, args.throughput_runs, workers)
            print(
                f"throughput, {workers} worker(s): {rates[workers]:.2f} runs/s steady "
                f"({args.throughput_runs} runs in {seconds:.1f} s including start-up: "
                f"{args.throughput_runs / seconds:.2f} runs/s)"
            )
        print(f"speed-up 2 vs 1 worker: {rates[2] / rates[1]:.2f}x")
        peaks = {}
        for runs in args.memory_runs:
            seconds, steady, memory = timed_sweep(directory, runs, 2)
            peaks[runs] = memory.peak
            print(
                f"peak memory, {runs} runs on 2 workers: {memory.peak / MIB:.0f} MiB process "
                f"tree (RSS summed), of which this process {memory.peak_main / MIB:.0f} MiB "
                f"({steady:.2f} runs/s steady, {seconds:.0f} s in all)"
            )
        if len(peaks) >= 2:
            first, last = min(peaks), max(peaks)
            print(f"peak memory ratio {last} vs {first} runs: {peaks[last] / peaks[first]:.3f}")
    print(f"load average at the end {psutil.getloadavg()}")


if __name__ == "__main__":
    main()
