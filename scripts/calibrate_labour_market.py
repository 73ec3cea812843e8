"""Calibrate the two fitted labour-market parameters to their CPS and JOLTS targets (issue 20).

Usage: ``python scripts/calibrate_labour_market.py [dotted.param=value ...]``

Solves for the search intensity (``labor.reemployment_rate_per_year``) and the
entrants' vacancy-filling rate (``labor.entrant_fill_rate_per_month``) so that
the baseline's no-AI world, over years 2-10 after the base year
(:func:`sim.validation.labour_market.no_ai_figures`), has the monthly U->E
rate and the openings rate of :mod:`sim.validation.labour_targets` (CPS and
JOLTS 2015-2019 means).  Extra ``name=value`` arguments override the baseline
first (e.g. ``labor.long_term_search_effectiveness=0.4``).  Prints every
evaluation and the solution; the shipped defaults are set from it by hand.
Everything else (unemployment rate, long-term share, V/U, switching) comes out
and is checked by ``laborsim validate``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from scipy.optimize import fsolve

from sim.experiments.runner import load_tables, run
from sim.io.scenario_files import load_scenario
from sim.params.scenario import derive
from sim.validation.labour_market import no_ai_figures
from sim.validation.labour_targets import (
    JOB_FINDING_RATE,
    OPENINGS_RATE,
    STEADY_STATE_LAST_YEAR_OFFSET,
)

BASELINE = Path(__file__).resolve().parents[1] / "scenarios" / "baseline.toml"
SEARCH, FILL = "labor.reemployment_rate_per_year", "labor.entrant_fill_rate_per_month"
#: Starting point (search hazard per year, filling share per month) and solver settings.
START = (19.0, 0.064)
STEP_SIZE, TOLERANCE = 1e-3, 1e-3


def main(arguments: list[str]) -> None:
    """Solve and print (see the module docstring)."""
    overrides = {name: float(value) for name, value in (a.split("=", 1) for a in arguments)}
    base = derive(load_scenario(BASELINE), overrides)
    tables = load_tables(base)
    horizon = base.run.base_year + STEADY_STATE_LAST_YEAR_OFFSET

    def residuals(log_values: np.ndarray) -> list[float]:
        search, fill = np.exp(log_values)
        scenario = derive(
            base,
            {
                SEARCH: float(search),
                FILL: float(fill),
                "run.horizon_year": horizon,
                "run.record_transitions": False,
            },
        )
        figures = no_ai_figures(run(scenario, tables=tables), base.run.base_year)
        shown = ", ".join(f"{name} {value:.4f}" for name, value in figures.items())
        print(f"search {search:.4f}/year, fill {fill:.4f}/month: {shown}", flush=True)
        return [
            float(np.log(figures["job_finding_rate_monthly"] / JOB_FINDING_RATE.value)),
            float(np.log(figures["openings_rate"] / OPENINGS_RATE.value)),
        ]

    solution = np.exp(fsolve(residuals, np.log(START), epsfcn=STEP_SIZE, xtol=TOLERANCE))
    print(f"{SEARCH} = {solution[0]:.4f}; {FILL} = {solution[1]:.4f}")


if __name__ == "__main__":
    main(sys.argv[1:])
