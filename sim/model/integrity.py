"""Output invariants checked at the end of every run, before anything is saved.

A run whose frames hold NaN or infinity, a negative head count, or whose
workers are not conserved fails loudly with :class:`~sim.errors.ResultIntegrityError`
instead of writing numbers nobody should trust.  Conservation (AI world, every
step)::

    employed + unemployed + exits since base = base employment + entrants since base

holds by construction in :mod:`sim.mechanisms.labor`; float64 sums over ~800
occupations and up to ~9,000 steps drift by ~1e-15 relative, so the check
allows :data:`CONSERVATION_RTOL`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.errors import ResultIntegrityError

#: Relative tolerance of worker conservation (of base employment + entrants); float
#: round-off is ~1e-15, so 1e-9 only fires on a real leak.
CONSERVATION_RTOL = 1e-9
#: Largest negative head count tolerated as round-off, persons.
NEGATIVE_TOLERANCE = 1e-6
HEAD_COUNT_COLUMNS = ("employment", "employment_no_ai", "unemployed", "unemployed_no_ai")


def check_outputs(occupations: pd.DataFrame, economy: pd.DataFrame, label: str) -> None:
    """Raise :class:`ResultIntegrityError` naming ``label`` if an invariant fails."""
    problems = [
        *_non_finite(occupations, "occupations"),
        *_non_finite(economy, "economy"),
        *_negative(occupations),
        *_not_conserved(economy),
    ]
    if problems:
        raise ResultIntegrityError(
            f"{label}: results fail their checks and were not saved: " + "; ".join(problems)
        )


def _non_finite(frame: pd.DataFrame, name: str) -> list[str]:
    numeric = frame.select_dtypes(include="number")
    bad = ~np.isfinite(numeric.to_numpy(dtype=float))
    columns = [str(c) for c, flag in zip(numeric.columns, bad.any(axis=0), strict=True) if flag]
    return [f"{name} column(s) {', '.join(columns)} hold NaN or infinity"] if columns else []


def _negative(occupations: pd.DataFrame) -> list[str]:
    return [
        f"occupations column '{column}' has values below 0 (min {occupations[column].min():.3g})"
        for column in HEAD_COUNT_COLUMNS
        if column in occupations and (occupations[column] < -NEGATIVE_TOLERANCE).any()
    ]


def _not_conserved(economy: pd.DataFrame) -> list[str]:
    present = economy["employment_total"] + economy["unemployed"] + economy["exits_cumulative"]
    inflow = economy["employment_total"].iloc[0] + economy["entrants_cumulative"]
    error = (present - inflow).abs() / inflow.abs().clip(lower=1.0)
    worst = float(error.max()) if len(error) else 0.0
    if not worst <= CONSERVATION_RTOL:
        return [
            f"workers not conserved (relative error {worst:.3g} > {CONSERVATION_RTOL:g}; "
            "employed + unemployed + exits must equal base employment + entrants)"
        ]
    return []
