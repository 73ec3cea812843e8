"""The Beveridge curve under a demand cycle: slope, loop direction and the US points.

The baseline's no-AI world is run with required labour moving on a sine
cycle (``demand.cycle_amplitude``, ``demand.cycle_period_years``; values and
band in :mod:`sim.validation.labour_targets`).  Its path in the plane of the
unemployment rate ``u = U / (E + U)`` and the vacancy rate ``v = V / (E + U)``
must slope down (negative correlation), loop counter-clockwise (positive
signed area: in a recovery vacancies rise before unemployment falls, as in US
data) and lie near the monthly US points of 2001-2019
(``UNEMPLOY / CLF16OV``, ``JTSJOL / CLF16OV``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from sim.errors import DataValidationError
from sim.experiments.runner import run
from sim.params.scenario import derive
from sim.validation.inputs import ValidationInputs
from sim.validation.labour_targets import (
    BEVERIDGE,
    CYCLE_AMPLITUDE,
    CYCLE_PERIOD_YEARS,
    CYCLES,
    US_BEVERIDGE_YEARS,
)
from sim.validation.result import CheckResult

FloatArray = NDArray[np.float64]
LABOUR_MARKET_DIR = "labour_market"
VACANCIES_FILE = "us_unemployment_vacancies_monthly.csv"
PERCENT = 100.0


def us_points(occupations_dir: Path) -> FloatArray:
    """Monthly US (u, v) in percent, 2001-2019: unemployment and openings over the labour force."""
    path = occupations_dir / LABOUR_MARKET_DIR / VACANCIES_FILE
    if not path.is_file():
        raise DataValidationError(f"{path}: not found; the Beveridge check needs it")
    table = pd.read_csv(path, parse_dates=["date"])
    first, last = US_BEVERIDGE_YEARS
    table = table.loc[table["date"].dt.year.between(first, last)].dropna(subset=["JTSJOL"])
    labour_force = table["CLF16OV"].to_numpy(dtype=float)
    return (
        PERCENT
        * np.column_stack(
            (table["UNEMPLOY"].to_numpy(dtype=float), table["JTSJOL"].to_numpy(dtype=float))
        )
        / labour_force[:, None]
    )


def loop_area(points: FloatArray) -> float:
    """Signed shoelace area of the closed path through ``points`` (x, y); counter-clockwise > 0."""
    x, y = points[:, 0], points[:, 1]
    return float(0.5 * np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y))


def near_share(model: FloatArray, reference: FloatArray, distance: float) -> float:
    """Share of ``model`` points within ``distance`` (Euclidean) of some ``reference`` point."""
    gaps = np.sqrt(((model[:, None, :] - reference[None, :, :]) ** 2).sum(axis=-1))
    return float((gaps.min(axis=1) <= distance).mean())


def cycle_economy(inputs: ValidationInputs) -> pd.DataFrame:
    """The economy frame of the baseline under the check's demand cycle, first cycle left out."""
    base = inputs.baseline.run.base_year
    scenario = derive(
        inputs.baseline,
        {
            "demand.cycle_amplitude": CYCLE_AMPLITUDE,
            "demand.cycle_period_years": CYCLE_PERIOD_YEARS,
            "run.horizon_year": base + CYCLES * CYCLE_PERIOD_YEARS,
            "run.record_transitions": False,
        },
    )
    economy = run(scenario, tables=inputs.tables).economy
    return economy.loc[economy["year"] - base > CYCLE_PERIOD_YEARS + 1e-9]


def cycle_path(inputs: ValidationInputs) -> FloatArray:
    """The no-AI world's (u, v) in percent over the last full cycles, one point a month."""
    kept = cycle_economy(inputs)
    labour_force = kept["employment_total_no_ai"] + kept["unemployed_no_ai"]
    return PERCENT * np.column_stack(
        (
            kept["unemployed_no_ai"] / labour_force,
            kept["vacancies_no_ai"] / labour_force,
        )
    )


def beveridge_check(inputs: ValidationInputs) -> CheckResult:
    """Downward slope, counter-clockwise loop, near the US 2001-2019 points."""
    path = cycle_path(inputs)
    reference = us_points(Path(inputs.baseline.occupations.path))
    correlation = float(np.corrcoef(path[:, 0], path[:, 1])[0, 1])
    area = loop_area(path)
    near = near_share(path, reference, BEVERIDGE.max_distance)
    passed = (
        correlation < BEVERIDGE.max_correlation
        and area > BEVERIDGE.min_loop_area
        and near >= BEVERIDGE.min_near_share
    )
    return CheckResult(
        name="beveridge_curve",
        description=(
            f"No-AI world under a demand cycle (required labour x 1 + "
            f"{CYCLE_AMPLITUDE:g} sin(2 pi t / {CYCLE_PERIOD_YEARS:g} years)): the path of "
            "(unemployment rate, vacancies over the labour force) slopes down, loops "
            "counter-clockwise and lies near the US monthly points of 2001-2019."
        ),
        published=(
            f"US 2001-2019: u {reference[:, 0].min():.1f}-{reference[:, 0].max():.1f}%, "
            f"v {reference[:, 1].min():.1f}-{reference[:, 1].max():.1f}%; downward-sloping, "
            "counter-clockwise loops"
        ),
        source=(
            "BLS CPS UNEMPLOY, CLF16OV and JOLTS JTSJOL via FRED "
            "(occupations/labour_market/); loop direction: Blanchard & Diamond (1989), "
            "Brookings Papers 1989(1)"
        ),
        ours=(
            f"correlation {correlation:.2f}, loop area {area:+.3f} points^2, "
            f"{near:.0%} of points within {BEVERIDGE.max_distance:g} points of a US point; "
            f"u {path[:, 0].min():.1f}-{path[:, 0].max():.1f}%, "
            f"v {path[:, 1].min():.1f}-{path[:, 1].max():.1f}%"
        ),
        band=(
            f"correlation < {BEVERIDGE.max_correlation:g}; area > {BEVERIDGE.min_loop_area:g} "
            f"(counter-clockwise); >= {BEVERIDGE.min_near_share:.0%} of points within "
            f"{BEVERIDGE.max_distance:g} points"
        ),
        passed=bool(passed),
        notes=(
            "The cycle moves required labour in both worlds alike; only the no-AI world is "
            "read. The first cycle is left out."
        ),
        metrics={"correlation": correlation, "loop_area": area, "near_share": near},
    )
