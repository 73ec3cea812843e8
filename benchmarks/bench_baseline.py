"""Benchmark: model time of a full baseline run (all occupations, 30 years, monthly).

Prints set-up time, stepping time, per-step time and frame-building time as the
median of several repetitions on one core.  Not a test: speed targets are
checked by reading these figures (target: <= 150 ms for the full run).

Usage: ``python benchmarks/bench_baseline.py [--repeat N] [--scenario PATH]``
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from sim.experiments.runner import load_tables, run
from sim.io.scenario_files import load_scenario
from sim.model import LaborMarketModel

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    """Time the baseline scenario and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--scenario", type=Path, default=ROOT / "scenarios" / "baseline.toml")
    args = parser.parse_args()
    scenario = load_scenario(args.scenario)
    tables = load_tables(scenario)
    run(scenario, tables=tables)  # warm-up: imports, caches
    build, steps, total = [], [], []
    for _ in range(args.repeat):
        start = time.perf_counter()
        model = LaborMarketModel(scenario, tables)
        built = time.perf_counter()
        for _ in range(scenario.n_steps):
            model.step()
        stepped = time.perf_counter()
        model.recorder.occupation_frame(scenario.run.base_year)
        model.recorder.economy_frame(model.capability)
        done = time.perf_counter()
        build.append(built - start)
        steps.append(stepped - built)
        total.append(done - start)
    n_occ = model.inputs.n_occupations
    n_tasks = model.inputs.tasks.weight.size
    print(
        f"scenario {scenario.name}: {n_occ} occupations, {n_tasks} tasks, "
        f"{scenario.n_steps} steps, two worlds (AI and no-AI)"
    )
    model_time = [b + s for b, s in zip(build, steps, strict=True)]
    for label, pick in (("median", statistics.median), ("best", min)):
        print(
            f"{label} of {args.repeat}: set-up {pick(build) * 1e3:.1f} ms, "
            f"stepping {pick(steps) * 1e3:.1f} ms "
            f"({pick(steps) / scenario.n_steps * 1e6:.0f} us/step), "
            f"model (set-up + stepping) {pick(model_time) * 1e3:.1f} ms, "
            f"full run incl. frames {pick(total) * 1e3:.1f} ms"
        )


if __name__ == "__main__":
    main()
