"""Outcome definitions as named, documented functions.

Array functions take per-occupation arrays (last axis = occupations); frame
functions take the tidy frames of a :class:`~sim.io.results.RunResult`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]


def employment_vs_no_ai(occupations: pd.DataFrame, year: int) -> pd.DataFrame:
    """Per occupation in ``year``: employment, its no-AI counterpart, and the gap.

    Returns columns ``occupation_code``, ``title``, ``employment``,
    ``employment_no_ai``, ``difference`` (persons) and ``relative_change``
    (employment / employment_no_ai - 1).
    """
    rows = occupations.loc[occupations["year"] == year].copy()
    if rows.empty:
        raise ValueError(f"no occupation rows for year {year}")
    rows["difference"] = rows["employment"] - rows["employment_no_ai"]
    rows["relative_change"] = rows["employment"] / rows["employment_no_ai"] - 1.0
    columns = [
        "occupation_code",
        "title",
        "employment",
        "employment_no_ai",
        "difference",
        "relative_change",
    ]
    return rows[columns].reset_index(drop=True)


def totals_vs_no_ai(economy: pd.DataFrame, year: float) -> dict[str, float]:
    """Economy totals at the last step of ``year`` or earlier: employment and unemployed."""
    rows = economy.loc[economy["year"] <= year + 1e-9]
    if rows.empty:
        raise ValueError(f"no economy rows at or before {year}")
    row = rows.iloc[-1]
    return {
        "year": float(row["year"]),
        "employment_total": float(row["employment_total"]),
        "employment_total_no_ai": float(row["employment_total_no_ai"]),
        "unemployed": float(row["unemployed"]),
        "unemployed_no_ai": float(row["unemployed_no_ai"]),
    }
