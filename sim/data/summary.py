"""Text summary of the occupation tables (what ``laborsim occupations`` prints).

The summary counts occupations by origin, the employment they cover and the
tasks attached to them, and lists the occupations most and least exposed by
the five data-derived criteria.  The combined criteria score used for that
ranking is

    exposure_by_criteria = mean(task_definedness, data_availability, economic_value)
                           x (1 - max(physical_barrier, interpersonal_barrier)),

a value in [0, 1]: high when the work is well defined, well documented and
valuable to automate, damped by the stronger of the two barriers.  It is a
descriptive index for the summary only; the simulator computes its own
compute-dependent exposure.
"""

from __future__ import annotations

import pandas as pd

from sim.data import (
    ASSUMPTION_SOURCE,
    IMPUTED_CRITERIA_SOURCES,
    OEWS_SOURCE,
    ONET_CRITERIA_SOURCES,
    SCORE_COLUMNS,
    OccupationTables,
)

DRIVER_SCORES = ("task_definedness", "data_availability", "economic_value")
"""Scores that raise the combined criteria exposure (averaged)."""
BARRIER_SCORES = ("physical_barrier", "interpersonal_barrier")
"""Scores that lower it (the larger one scales it down)."""
N_LISTED = 5
"""Occupations listed at each end of the ranking."""
TITLE_WIDTH = 44
"""Characters of the title shown in the ranking table."""
_SCORE_ABBREVIATIONS = ("defn", "data", "value", "phys", "inter")


def exposure_by_criteria(occupations: pd.DataFrame) -> pd.Series:
    """Combine the five criteria scores into one descriptive exposure index.

    Parameters
    ----------
    occupations
        Table with the columns of :data:`~sim.data.SCORE_COLUMNS`,
        each in [0, 1].

    Returns
    -------
    pandas.Series
        ``mean(task_definedness, data_availability, economic_value) *
        (1 - max(physical_barrier, interpersonal_barrier))``, in [0, 1]
        (dimensionless), indexed like ``occupations``.
    """
    drivers = occupations[list(DRIVER_SCORES)].mean(axis=1)
    barrier = occupations[list(BARRIER_SCORES)].max(axis=1)
    return (drivers * (1.0 - barrier)).rename("exposure_by_criteria")


def summarise_occupations(tables: OccupationTables) -> str:
    """Describe the occupation tables in a few lines of text.

    Parameters
    ----------
    tables
        Validated tables from :func:`~sim.data.load_occupation_tables`.

    Returns
    -------
    str
        Counts (occupations by origin, imputed criteria, tasks), employment
        covered (persons and share of OEWS detailed employment) and the
        ``N_LISTED`` most and least exposed occupations by
        :func:`exposure_by_criteria`, each with code, title, employment and the
        five scores.
    """
    occupations = tables.occupations
    lines = _count_lines(occupations, tables.tasks) + _employment_lines(occupations)
    ranked = _ranked(occupations)
    lines += ["", f"Most exposed by criteria (top {N_LISTED}):"]
    lines += _ranking_table(ranked.head(N_LISTED))
    lines += ["", f"Least exposed by criteria (bottom {N_LISTED}):"]
    lines += _ranking_table(ranked.tail(N_LISTED).iloc[::-1])
    return "\n".join(lines)


def _count_lines(occupations: pd.DataFrame, tasks: pd.DataFrame) -> list[str]:
    criteria = occupations["criteria_source"]
    n_imputed = int(criteria.isin(IMPUTED_CRITERIA_SOURCES).sum())
    n_borrowed = int(tasks["borrowed"].sum())
    return [
        f"Occupations: {len(occupations)}",
        f"  from OEWS May 2025: {int((occupations['source'] == OEWS_SOURCE).sum())}",
        f"  assumption rows: {int((occupations['source'] == ASSUMPTION_SOURCE).sum())}",
        f"  criteria from own O*NET data: {int(criteria.isin(ONET_CRITERIA_SOURCES).sum())}",
        f"  criteria imputed from group means: {n_imputed}",
        f"Tasks: {len(tasks)} ({n_borrowed} borrowed for imputed or assumption rows)",
    ]


def _employment_lines(occupations: pd.DataFrame) -> list[str]:
    oews = occupations[occupations["source"] == OEWS_SOURCE]
    oews_total = float(oews["employment"].sum())
    own = float(oews.loc[oews["criteria_source"].isin(ONET_CRITERIA_SOURCES), "employment"].sum())
    share = own / oews_total if oews_total > 0 else float("nan")
    return [
        f"Employment in table: {occupations['employment'].sum():,.0f} persons "
        f"(OEWS detailed: {oews_total:,.0f})",
        f"Employment with own O*NET criteria: {own:,.0f} persons "
        f"({share:.1%} of OEWS detailed employment)",
    ]


def _ranked(occupations: pd.DataFrame) -> pd.DataFrame:
    ranked = occupations.assign(exposure_by_criteria=exposure_by_criteria(occupations))
    return ranked.sort_values(
        ["exposure_by_criteria", "occupation_code"], ascending=[False, True], kind="mergesort"
    )


def _ranking_table(rows: pd.DataFrame) -> list[str]:
    scores = " ".join(f"{name:>5}" for name in _SCORE_ABBREVIATIONS)
    header = f"  {'code':<9} {'title':<{TITLE_WIDTH}} {'employment':>11} {scores} {'comb':>5}"
    lines = [header]
    for row in rows.itertuples(index=False):
        title = str(row.title)
        if len(title) > TITLE_WIDTH:
            title = title[: TITLE_WIDTH - 3] + "..."
        values = " ".join(f"{getattr(row, name):5.2f}" for name in SCORE_COLUMNS)
        lines.append(
            f"  {row.occupation_code:<9} {title:<{TITLE_WIDTH}} {row.employment:>11,.0f} "
            f"{values} {row.exposure_by_criteria:5.2f}"
        )
    return lines
