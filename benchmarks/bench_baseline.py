"""Benchmark: a full baseline run beside the idiomatic per-agent Mesa yardstick, in one process.

Prints set-up, stepping and frame-building time (occupation, economy and
transitions frames) of the full baseline (831
occupations, 30 years, monthly, AI and no-AI worlds) as best and median of
several repetitions on one core, and the same figures for
``../shared/bench/naive_mesa.py 831 360`` (an idiomatic Mesa model of the same
size: per-agent step methods and a DataCollector), with the ratio.  Both are
timed in wall-clock and in process CPU time (``time.process_time``), which is
steadier when other processes share the machine.  Not a test: the speed target
(the full run at least 50x faster than the yardstick) is read off these figures.

Usage: ``python benchmarks/bench_baseline.py [--repeat N] [--scenario PATH]``
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from sim.experiments.evaluate import ModelEvaluator
from sim.experiments.runner import advance_to_horizon, load_tables, run
from sim.io.scenario_files import load_scenario
from sim.io.sweep_spec import OutcomeSpec
from sim.model import LaborMarketModel
from sim.model.no_ai_world import NoAiCache
from sim.params import Scenario

ROOT = Path(__file__).resolve().parents[1]
YARDSTICK = ROOT.parent / "shared" / "bench" / "naive_mesa.py"
YARDSTICK_AGENTS, YARDSTICK_STEPS = 831, 360


def timed(action: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one call.

    Garbage of earlier calls is collected first, outside the timing: a Mesa
    model and its agents form a reference cycle, so a finished model (ours and
    the yardstick's alike) is freed only by a collection, and a long-running
    process (a sweep worker) collects after each run.
    """
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


def full_run_parts(scenario: Scenario, tables: object) -> dict[str, tuple[float, float]]:
    """Set-up, stepping and frame building of one run, (wall, cpu) seconds each.

    Stepping is :func:`~sim.experiments.runner.advance_to_horizon`, what every
    run and sweep uses: all steps in one call of the compiled loop (Mesa's
    clock is not replayed: a run reads the results and discards the model).
    """
    model: list[LaborMarketModel] = []
    parts = {"set-up": timed(lambda: model.append(LaborMarketModel(scenario, tables)))}
    parts["stepping"] = timed(lambda: advance_to_horizon(model[0]))

    def frames() -> None:
        model[0].recorder.occupation_frame(scenario.run.base_year)
        model[0].recorder.economy_frame(model[0].capability)
        model[0].recorder.transitions_frame(scenario.run.base_year)

    parts["frames"] = timed(frames)
    parts["full run"] = tuple(sum(values) for values in zip(*parts.values(), strict=True))
    return parts


#: A capability parameter that reaches the AI world only (its no-AI world has the same key).
AI_ONLY_PARAMETER = "capability.algorithmic_halving_months"


def sweep_run_costs(scenario: Scenario, repeat: int) -> dict[str, list[tuple[float, float]]]:
    """(wall, cpu) seconds of a sweep run (derive, run, outcomes) in three cases.

    ``no cache``: the evaluator's no-AI cache keeps nothing; ``cache miss``:
    every run has a new no-AI world (its key and the copy kept cost extra);
    ``cache hit``: a run that varies an AI parameter only, after the first.
    """
    evaluator = ModelEvaluator(scenario, OutcomeSpec(), (2035, scenario.run.horizon_year))
    seed = np.random.SeedSequence(scenario.seed)
    evaluator({}, seed)  # tables and outcome layout loaded
    costs: dict[str, list[tuple[float, float]]] = {"no cache": [], "cache miss": []}
    costs["cache hit"] = []
    for r in range(repeat):
        value = {AI_ONLY_PARAMETER: 6.0 + r * 0.25}
        evaluator.no_ai_cache = NoAiCache(entries=0)
        costs["no cache"].append(timed(lambda v=value: evaluator(v, seed)))
        evaluator.no_ai_cache = NoAiCache()
        costs["cache miss"].append(timed(lambda v=value: evaluator(v, seed)))
        costs["cache hit"].append(timed(lambda: evaluator({AI_ONLY_PARAMETER: 12.0}, seed)))
    return costs


def yardstick_run() -> Callable[[], object]:
    """The yardstick's model run (build, step, collect), as in its own ``__main__``."""
    spec = importlib.util.spec_from_file_location("naive_mesa", YARDSTICK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    def action() -> object:
        model = module.Econ(YARDSTICK_AGENTS)
        for _ in range(YARDSTICK_STEPS):
            model.step()
        return model.datacollector.get_agent_vars_dataframe()

    return action


def summary(label: str, samples: list[tuple[float, float]]) -> tuple[float, float]:
    """Print best and median of (wall, cpu) samples; return the best (wall, cpu)."""
    walls, cpus = [s[0] for s in samples], [s[1] for s in samples]
    print(
        f"  {label:<10} wall best {min(walls) * 1e3:8.1f} ms (median "
        f"{statistics.median(walls) * 1e3:8.1f}), cpu best {min(cpus) * 1e3:8.1f} ms"
    )
    return min(walls), min(cpus)


def main() -> None:
    """Time the baseline and the yardstick and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--scenario", type=Path, default=ROOT / "scenarios" / "baseline.toml")
    args = parser.parse_args()
    scenario = load_scenario(args.scenario)
    tables = load_tables(scenario)
    warm_up = timed(lambda: run(scenario, tables=tables))
    print(f"first run in this process (imports, Numba cache load or compile): {warm_up[0]:.2f} s")
    runs = [full_run_parts(scenario, tables) for _ in range(args.repeat)]
    print(f"scenario {scenario.name}: {scenario.n_steps} steps, two worlds; {args.repeat} repeats")
    best = {}
    for part in runs[0]:
        best[part] = summary(part, [r[part] for r in runs])
    per_step = best["stepping"][1] / scenario.n_steps * 1e6
    print(f"  stepping per step: {per_step:.0f} us cpu")
    print(f"sweep run (derive, run without transitions, outcomes), varying {AI_ONLY_PARAMETER}:")
    for case, samples in sweep_run_costs(scenario, args.repeat).items():
        summary(case, samples)
    if not YARDSTICK.is_file():
        print(f"yardstick {YARDSTICK} not found: ratio not measured")
        return
    action = yardstick_run()
    print(f"yardstick naive_mesa.py {YARDSTICK_AGENTS} {YARDSTICK_STEPS}:")
    yard = summary("full run", [timed(action) for _ in range(max(3, args.repeat // 2))])
    wall_ratio, cpu_ratio = (y / ours for y, ours in zip(yard, best["full run"], strict=True))
    print(f"ratio yardstick / full run: {wall_ratio:.1f}x wall, {cpu_ratio:.1f}x cpu (target 50x)")


if __name__ == "__main__":
    main()
