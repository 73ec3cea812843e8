"""Output invariants checked at the end of every run, before anything is saved.

A run whose frames hold NaN or infinity, a value outside the physical bounds
of its unit, or whose workers are not conserved fails loudly with
:class:`~sim.errors.ResultIntegrityError` instead of writing numbers nobody
should trust.  Conservation (AI world, every step)::

    employed + unemployed + exits since base = base labour force + entrants since base

holds by construction in :mod:`sim.mechanisms.labor`; float64 sums over ~800
occupations and up to ~9,000 steps drift by ~1e-15 relative, so the check
allows :data:`CONSERVATION_RTOL`.

Every recorded column is declared with a unit (:mod:`sim.model.outputs`,
:mod:`sim.model.outputs_network`), and every unit has bounds in
:data:`UNIT_BOUNDS`, written down before looking at any run: a new column with
a new unit fails ``tests/model/test_integrity_and_corners.py`` until its bounds
are declared here.  Head counts are bounded relative to the economy (at most
:data:`MAX_HEAD_COUNT_MULTIPLE` times base-year employment: the labour-force
ceiling is at most 10 times, so a larger count is a blow-up, not a forecast);
money is bounded absolutely.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import pandas as pd

from sim.errors import ResultIntegrityError
from sim.model.outputs import (
    PER_STEP,
    PER_YEAR,
    PERSONS,
    PERSONS_DIFFERENCE,
    SHARE,
    SHARE_DIFFERENCE,
    CapabilityRow,
    EconomyRow,
    OccupationRow,
    series_of,
)
from sim.model.outputs_network import NetworkRow, TransitionRow

#: Relative tolerance of worker conservation (of base employment + entrants); float
#: round-off is ~1e-15, so 1e-9 only fires on a real leak.
CONSERVATION_RTOL = 1e-9
#: Largest negative head count tolerated as round-off, persons.
NEGATIVE_TOLERANCE = 1e-6
#: Round-off tolerated beyond the ends of a share, [0, 1].
SHARE_TOLERANCE = 1e-9
#: Largest head count (stock or flow, per occupation or total) as a multiple of base-year
#: total employment.  The labour-force ceiling (``labor.labour_force_ceiling_multiple``)
#: is at most 10; yearly flows (hires, exits) are at most a few times the labour force.
MAX_HEAD_COUNT_MULTIPLE = 1_000.0
#: Largest mean wage of an occupation, USD/year: 100x the data's bound on base-year wages
#: (USD 1e7, itself 20x the largest OEWS mean wage, ~0.56 million).
MAX_WAGE_USD = 1e9
#: Largest money flow, USD billion (per year): 1e18 USD, ~10,000x world GDP (about
#: USD 1.1e14 in 2023, World Bank).
MAX_USD_BILLION = 1e9
#: Largest productivity multiplier: the largest AI speed-up the parameters allow
#: (``adoption.autonomous_speedup`` <= 1e6; Amdahl's multiplier never exceeds it).
MAX_MULTIPLIER = 1e6
#: Largest saturated demand elasticity: the valid range of elasticities, [0, 10].
MAX_ELASTICITY = 10.0
#: Largest log10 factor of effective compute and its parts, orders of magnitude.  The
#: capability path extrapolates its trends: with the default rates it reaches about 100
#: OOM by 2200 (the latest horizon), so this bound only catches a broken path.
MAX_LOG10 = 1_000.0
#: Largest fall of a head count against the no-AI world (``persons (difference)``),
#: persons: absolute, as the low end of a bound is; about 3,000x US employment.
MAX_HEAD_COUNT_DROP = 1e12
#: Relative round-off tolerated beyond the high end of a bound.
HIGH_RTOL = 1e-9


class Bounds(NamedTuple):
    """Allowed range of a unit; ``relative``: the high end is times base-year employment."""

    low: float
    high: float
    relative: bool = False


#: Bounds of every declared unit (see the module docstring).
UNIT_BOUNDS: dict[str, Bounds] = {
    PERSONS: Bounds(-NEGATIVE_TOLERANCE, MAX_HEAD_COUNT_MULTIPLE, relative=True),
    PER_STEP: Bounds(-NEGATIVE_TOLERANCE, MAX_HEAD_COUNT_MULTIPLE, relative=True),
    PER_YEAR: Bounds(-NEGATIVE_TOLERANCE, MAX_HEAD_COUNT_MULTIPLE, relative=True),
    SHARE: Bounds(-SHARE_TOLERANCE, 1.0 + SHARE_TOLERANCE),
    SHARE_DIFFERENCE: Bounds(-1.0 - SHARE_TOLERANCE, 1.0 + SHARE_TOLERANCE),
    PERSONS_DIFFERENCE: Bounds(-MAX_HEAD_COUNT_DROP, MAX_HEAD_COUNT_MULTIPLE, relative=True),
    "share of employment per step": Bounds(-SHARE_TOLERANCE, MAX_HEAD_COUNT_MULTIPLE),
    "x": Bounds(0.0, MAX_MULTIPLIER),
    "dimensionless": Bounds(0.0, MAX_ELASTICITY),
    "USD/year": Bounds(0.0, MAX_WAGE_USD),
    "USD billion": Bounds(0.0, MAX_USD_BILLION),
    "USD billion/year": Bounds(0.0, MAX_USD_BILLION),
    "log10 (x vs reference year)": Bounds(-MAX_LOG10, MAX_LOG10),
}
#: Unit of every recorded column (economy and occupation frames, transitions).
COLUMN_UNITS: dict[str, str] = {
    name: series.unit
    for row in (CapabilityRow, EconomyRow, NetworkRow, OccupationRow, TransitionRow)
    for name, series in series_of(row).items()
}


def check_outputs(occupations: pd.DataFrame, economy: pd.DataFrame, label: str) -> None:
    """Raise :class:`ResultIntegrityError` naming ``label`` if an invariant fails."""
    problems = [*_non_finite(occupations, "occupations"), *_non_finite(economy, "economy")]
    if not problems:
        base = _base_employment(economy)
        problems += _out_of_bounds(occupations, "occupations", base)
        problems += _out_of_bounds(economy, "economy", base)
        problems += _not_conserved(economy)
    if problems:
        raise ResultIntegrityError(
            f"{label}: results fail their checks and were not saved: " + "; ".join(problems)
        )


def _non_finite(frame: pd.DataFrame, name: str) -> list[str]:
    numeric = frame.select_dtypes(include="number")
    bad = ~np.isfinite(numeric.to_numpy(dtype=float))
    columns = [str(c) for c, flag in zip(numeric.columns, bad.any(axis=0), strict=True) if flag]
    return [f"{name} column(s) {', '.join(columns)} hold NaN or infinity"] if columns else []


def _base_employment(economy: pd.DataFrame) -> float:
    columns = [c for c in ("employment_total", "employment_total_no_ai") if c in economy]
    if economy.empty or not columns:
        return math.inf
    return float(economy[columns].iloc[0].max())


def _out_of_bounds(frame: pd.DataFrame, name: str, base_employment: float) -> list[str]:
    problems = []
    for column in frame.columns:
        unit = COLUMN_UNITS.get(str(column))
        if unit is None or unit not in UNIT_BOUNDS or frame[column].empty:
            continue
        low, high, relative = UNIT_BOUNDS[unit]
        if relative:
            high *= max(base_employment, 1.0)
        high += abs(high) * HIGH_RTOL
        smallest, largest = float(frame[column].min()), float(frame[column].max())
        if smallest < low or largest > high:
            worst = smallest if smallest < low else largest
            problems.append(
                f"{name} column '{column}' reaches {worst:.3g} {unit}, outside [{low:.3g}, "
                f"{high:.3g}]" + (" (1,000x base-year employment)" if relative else "")
            )
    return problems


def _not_conserved(economy: pd.DataFrame) -> list[str]:
    present = economy["employment_total"] + economy["unemployed"] + economy["exits_cumulative"]
    base = economy["employment_total"].iloc[0] + economy["unemployed"].iloc[0]
    inflow = base + economy["entrants_cumulative"]
    error = (present - inflow).abs() / inflow.abs().clip(lower=1.0)
    worst = float(error.max()) if len(error) else 0.0
    if not worst <= CONSERVATION_RTOL:
        return [
            f"workers not conserved (relative error {worst:.3g} > {CONSERVATION_RTOL:g}; "
            "employed + unemployed + exits must equal the base labour force + entrants)"
        ]
    return []
