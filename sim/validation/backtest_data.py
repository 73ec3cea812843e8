"""Inputs of the elasticity backtest: the OEWS history panel and the elasticity table.

Both are read from the scenario's occupations directory: ``history_2011_2017.csv``
(built by ``occupations/build_history.py``; see ``occupations/SOURCES.md`` section 5)
and ``elasticities.csv`` (one central elasticity and a range per occupation).
:func:`comparison_panel` collapses the per-code panel into its comparison
groups (the units whose definition is the same in both years) and attaches the
group's employment-weighted exposure and elasticity.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from sim.data.elasticities import read_elasticities
from sim.data.schema import ELASTICITIES_FILE
from sim.errors import DataValidationError

HISTORY_FILE = "history_2011_2017.csv"
HISTORY_KEY_COLUMNS = ("occupation_code", "group_2012_2017", "group_2011_2017")
SOC_MAJOR_LENGTH = 2
"""Characters of a SOC code that name its major group ('15-1251' -> '15')."""


def load_history(directory: Path) -> pd.DataFrame:
    """Read ``history_2011_2017.csv`` from ``directory`` (codes as strings)."""
    path = directory / HISTORY_FILE
    if not path.is_file():
        raise DataValidationError(
            f"{path}: not found; build it with python occupations/build_history.py"
        )
    return pd.read_csv(path, dtype=dict.fromkeys(HISTORY_KEY_COLUMNS, str))


def load_elasticities(directory: Path) -> pd.DataFrame:
    """Read ``elasticities.csv`` from ``directory``, validated by :mod:`sim.data.elasticities`.

    Raises
    ------
    DataValidationError
        If the file is missing or fails its schema (columns, elasticities > 0,
        ``low <= central <= high``, known sources).
    """
    table = read_elasticities(directory)
    if table is None:
        raise DataValidationError(
            f"{directory / ELASTICITIES_FILE}: not found; the elasticity backtest needs it "
            "(build it with python occupations/build.py)"
        )
    return table


def comparison_panel(
    history: pd.DataFrame,
    elasticity: pd.Series,
    *,
    group_column: str,
    years: tuple[int, int],
    exposure_column: str,
) -> pd.DataFrame:
    """One row per comparison group complete in both ``years``.

    Parameters
    ----------
    history
        The per-code panel (:func:`load_history`).
    elasticity
        Central elasticity by ``occupation_code`` (unitless, >= 0).
    group_column
        ``group_2012_2017`` or ``group_2011_2017``.
    years
        Start and end year, e.g. ``(2012, 2017)``.
    exposure_column
        Exposure measure of the panel (``routine_intensity`` ...).

    Returns
    -------
    pandas.DataFrame
        Index group code; ``start`` and ``end`` employment (persons), ``log_growth``
        (ln end/start), ``exposure`` and ``elasticity`` (start-employment-weighted
        means over members with a value; NaN if none), ``major_group`` (SOC major
        group of the member with most start employment).
    """
    start, end = (f"employment_{year}" for year in years)
    codes = history["occupation_code"]
    members = pd.DataFrame(
        {
            "group": history[group_column],
            "weight": history[start],
            "start": history[start],
            "end": history[end],
            "exposure": history[exposure_column],
            "elasticity": codes.map(elasticity),
            "major_group": codes.str[:SOC_MAJOR_LENGTH],
        }
    )
    groups = members.groupby("group", sort=True)
    panel = groups[["start", "end"]].sum(min_count=1)
    panel["log_growth"] = np.log(panel["end"] / panel["start"])
    for column in ("exposure", "elasticity"):
        panel[column] = _weighted_mean(members, column)
    largest = members.sort_values(["group", "weight"], ascending=[True, False], kind="mergesort")
    panel["major_group"] = largest.groupby("group")["major_group"].first()
    return panel.loc[panel["log_growth"].notna()]


def _weighted_mean(members: pd.DataFrame, column: str) -> pd.Series:
    known = members.loc[members[column].notna()]
    weighted = (known[column] * known["weight"]).groupby(known["group"]).sum()
    return weighted / known["weight"].groupby(known["group"]).sum()
