"""Fuzz the input front door: generated hostile scenario files and occupation tables.

Usage: ``python scripts/fuzz.py [N_SCENARIOS [N_TABLES [N_SPECS [N_DAMAGED]]]]``
(``make fuzz``: 10,000 scenario files, 2,000 occupation-table sets, 2,000 sweep
specs and 300 damaged results directories; see ``scripts/fuzz_sweeps.py``).

Each generated input (strategies in ``tests/strategies.py``) is loaded the way
``laborsim run`` loads it.  Accepted inputs are run on a toy economy (scenario
files) or run the toy scenario (tables), and the run's outputs must pass the
integrity checks.  Prints, per kind, how many inputs were accepted (and ran to
valid results), cleanly rejected (a LaborsimError: one clear line), or ended in
any other exception (a bug: the first few are printed).  Target: 0 other
exceptions; accepted runs with invalid outputs would be 'silent garbage' and are
counted separately (they are caught by the integrity check, which rejects them).
"""

from __future__ import annotations

import collections
import sys
import tempfile
import time
import traceback
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fuzz_sweeps import (  # noqa: E402
    SILENT,
    fuzz_cases,
    fuzz_damaged_results,
    fuzz_sweep_specs,
)

from sim.data import load_occupation_tables  # noqa: E402
from sim.errors import LaborsimError, ResultIntegrityError  # noqa: E402
from sim.experiments.runner import RunSpec, run_spec  # noqa: E402
from sim.io.scenario_files import load_scenario  # noqa: E402
from sim.params.scenario import derive  # noqa: E402
from tests.conftest import make_tables  # noqa: E402
from tests.strategies import SCENARIO_NAME, scenario_cases, table_cases, write_tree  # noqa: E402

TOY = make_tables([{"occupation_code": f"43-900{i}", "economic_value": 0.3 * i} for i in (1, 2, 3)])
#: Steps of a toy run: accepted scenarios run at one step a year to keep the fuzz fast.
STEPS_PER_YEAR = 1
#: The toy economy has no estimated-elasticity table: it uses the major-group table.
TOY_SETTINGS = {"run.steps_per_year": STEPS_PER_YEAR, "demand.elasticity_source": "major_group"}
GARBAGE = "invalid outputs caught by the integrity check"


def toy_scenario():
    from sim.params.scenario import Scenario

    return derive(Scenario(), {"run.horizon_year": 2035, **TOY_SETTINGS})


def classify(action) -> str:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a numpy overflow warning is a failure too
            action()
    except ResultIntegrityError:
        return GARBAGE
    except LaborsimError:
        return "clean rejection"
    except Exception:  # noqa: BLE001 - counting every other failure is the point
        return "other exception"
    return "accepted"


def scenario_action(directory: Path):
    def action() -> None:
        scenario = load_scenario(directory / SCENARIO_NAME)
        scenario = derive(scenario, TOY_SETTINGS)
        run_spec(RunSpec(scenario, scenario.seed), tables=TOY)

    return action


def table_action(directory: Path):
    def action() -> None:
        tables = load_occupation_tables(directory / "data")
        run_spec(RunSpec(toy_scenario(), 1), tables=tables)

    return action


def fuzz(kind: str, strategy, make_action, n: int) -> collections.Counter:
    def one_case(files) -> tuple[str, str]:
        with tempfile.TemporaryDirectory() as tmp:
            directory = write_tree(tmp, files)
            outcome = classify(make_action(directory))
            if outcome != "other exception":
                return outcome, ""
            try:  # again, for the traceback
                make_action(directory)()
            except Exception:  # noqa: BLE001
                return outcome, traceback.format_exc(limit=3)
            return outcome, "(did not fail again)"

    counts, examples = fuzz_cases(strategy, one_case, n)
    for example in examples[:5]:
        print(f"--- {kind}: {example}")
    return counts


def _report(kind: str, counts: collections.Counter, seconds: float) -> None:
    print(
        f"{kind}: {sum(counts.values())} inputs: "
        + ", ".join(f"{name} {count}" for name, count in sorted(counts.items()))
        + f" ({seconds:.0f} s)",
        flush=True,
    )


def main(n_scenarios: int, n_tables: int, n_specs: int, n_damaged: int) -> int:
    started = time.perf_counter()
    totals: collections.Counter = collections.Counter()
    for kind, strategy, action, n in (
        ("scenario files", scenario_cases(), scenario_action, n_scenarios),
        ("occupation tables", table_cases(TOY), table_action, n_tables),
    ):
        if n < 1:
            continue
        began = time.perf_counter()
        counts = fuzz(kind, strategy, action, n)
        totals.update(counts)
        _report(kind, counts, time.perf_counter() - began)
    for kind, fuzz_kind, n in (
        ("sweep specs", fuzz_sweep_specs, n_specs),
        ("damaged results (report, analyze, --replay)", fuzz_damaged_results, n_damaged),
    ):
        if n < 1:
            continue
        began = time.perf_counter()
        counts, examples = fuzz_kind(n)
        for example in examples:
            print(f"--- {kind}: example ---\n{example}")
        totals.update(counts)
        _report(kind, counts, time.perf_counter() - began)
    print(
        f"total: {sum(totals.values())} inputs, accepted {totals['accepted']}, "
        f"clean rejections {totals['clean rejection']}, other exceptions "
        f"{totals['other exception']}, silently accepted bad inputs {totals[SILENT]}, "
        f"invalid outputs {totals[GARBAGE]} (refused, never saved); "
        f"{time.perf_counter() - started:.0f} s"
    )
    return 1 if totals["other exception"] or totals[SILENT] else 0


if __name__ == "__main__":
    arguments = [int(value) for value in sys.argv[1:5]]
    sys.exit(main(*(arguments + [10_000, 2_000, 2_000, 300][len(arguments) :])))
