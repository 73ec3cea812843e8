"""Tables the report's figures and text are drawn from, derived from saved frames.

Pure pandas: a :class:`~sim.io.results.RunResult` (and the occupation reference
table) in, tidy DataFrames out.  Relative changes are ``employment /
employment_no_ai - 1``; "OOM" is orders of magnitude (log10 units) of
effective compute relative to the scenario's reference year.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.conventions import SEED_EXAMPLES
from sim.io.results import RunResult
from sim.report.summary import MILESTONE_YEAR, MIN_BASE_EMPLOYMENT_FOR_RANKING

N_QUANTILES = 5


def run_years(result: RunResult) -> tuple[int, int]:
    """Base and horizon year of a run."""
    run = result.metadata["scenario"]["run"]
    return int(run["base_year"]), int(run["horizon_year"])


def report_years(result: RunResult) -> list[int]:
    """The milestone year (2035) where inside the run, and the horizon."""
    base, horizon = run_years(result)
    return sorted({year for year in (MILESTONE_YEAR, horizon) if base < year <= horizon})


def compute_decomposition(economy: pd.DataFrame) -> pd.DataFrame:
    """Effective compute and its factors, OOM above the reference year, per step."""
    columns = {
        "log10_hardware": "hardware",
        "log10_spending": "spending",
        "log10_algorithms": "algorithms",
        "log10_effective_compute": "effective_compute",
    }
    frame = economy[["year", *columns, "spending_usd_billion"]].rename(columns=columns)
    return frame.reset_index(drop=True)


def change_vs_no_ai(occupations: pd.DataFrame, year: int) -> pd.DataFrame:
    """Per occupation in ``year``: employment, no-AI employment and the relative change."""
    rows = occupations.loc[occupations["year"] == year].copy()
    rows["occupation_code"] = rows["occupation_code"].astype(str)
    rows["title"] = rows["title"].astype(str)
    rows["difference"] = rows["employment"] - rows["employment_no_ai"]
    rows["relative_change"] = rows["employment"] / rows["employment_no_ai"] - 1.0
    return rows.reset_index(drop=True)


def seed_picture_frame(result: RunResult, year: int | None = None) -> pd.DataFrame:
    """The seed's picture's data: one row per occupation.

    Columns ``occupation_code``, ``title``, ``exposure`` (share of tasks feasible
    in ``year``, default the horizon), ``demand_elasticity`` (base year, before
    saturation), ``employment`` (base year, persons) and ``relative_change``
    (employment vs no-AI in ``year``).
    """
    base, horizon = run_years(result)
    year = horizon if year is None else year
    at_base = change_vs_no_ai(result.occupations, base)
    at_year = change_vs_no_ai(result.occupations, year)
    frame = at_base[["occupation_code", "title", "demand_elasticity", "employment"]].merge(
        at_year[["occupation_code", "exposure", "relative_change"]], on="occupation_code"
    )
    return frame


def major_group_paths(occupations: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """Employment with and without AI per SOC major group and year (persons)."""
    groups = reference[["occupation_code", "major_group_code", "major_group_title"]]
    frame = occupations.assign(occupation_code=occupations["occupation_code"].astype(str))
    frame = frame.merge(groups, on="occupation_code", how="left")
    summed = frame.groupby(["major_group_code", "major_group_title", "year"], observed=True)[
        ["employment", "employment_no_ai"]
    ].sum()
    return summed.reset_index()


def movers(
    result: RunResult, year: int, n: int = 15, ranges: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The ``n`` occupations shrinking most and the ``n`` expanding most vs no-AI in ``year``.

    Only occupations with at least :data:`MIN_BASE_EMPLOYMENT_FOR_RANKING`
    workers in the base year are ranked; ``demand_elasticity`` is the base-year
    value (before saturation lowers it).  Sorted from most shrinking to most
    expanding.  ``ranges`` (``occupation_code`` and the elasticity range
    columns) adds each occupation's range.
    """
    base, _ = run_years(result)
    base_rows = change_vs_no_ai(result.occupations, base)
    large = set(
        base_rows.loc[base_rows["employment"] >= MIN_BASE_EMPLOYMENT_FOR_RANKING, "occupation_code"]
    )
    rows = change_vs_no_ai(result.occupations, year).drop(columns="demand_elasticity")
    rows = rows.loc[rows["occupation_code"].isin(large)]
    rows = rows.merge(base_rows[["occupation_code", "demand_elasticity"]], on="occupation_code")
    ranked = rows.sort_values(["relative_change", "occupation_code"])
    chosen = pd.concat([ranked.head(n), ranked.tail(n)]).drop_duplicates("occupation_code")
    keep = ["occupation_code", "title", "relative_change", "difference", "demand_elasticity"]
    chosen = chosen[keep]
    if ranges is not None:
        chosen = chosen.merge(ranges, on="occupation_code", how="left")
    return chosen.reset_index(drop=True)


def wage_quintiles(result: RunResult, reference: pd.DataFrame) -> pd.DataFrame:
    """Employment change vs no-AI by base-year wage quintile, at each report year.

    Quintiles split base-year employment into five equal parts by the
    occupation's mean annual wage (USD), lowest first.  Columns ``quintile``
    (1-5), ``wage_low``, ``wage_high`` (USD a year), ``year``, ``employment``,
    ``employment_no_ai``, ``difference`` (persons), ``relative_change``.
    """
    base, _ = run_years(result)
    wages = reference[["occupation_code", "mean_wage"]]
    base_rows = change_vs_no_ai(result.occupations, base).merge(wages, on="occupation_code")
    base_rows = base_rows.sort_values(["mean_wage", "occupation_code"])
    cumulative = base_rows["employment"].cumsum() / base_rows["employment"].sum()
    position = np.ceil(cumulative.to_numpy() * N_QUANTILES - 1e-9).clip(1, N_QUANTILES)
    quintile = pd.Series(position.astype(int), index=base_rows["occupation_code"])
    bounds = base_rows.groupby(quintile.to_numpy())["mean_wage"].agg(["min", "max"])
    tables = []
    for year in report_years(result):
        rows = change_vs_no_ai(result.occupations, year)
        rows["quintile"] = rows["occupation_code"].map(quintile)
        summed = rows.groupby("quintile")[["employment", "employment_no_ai"]].sum()
        summed["year"] = year
        tables.append(summed)
    table = pd.concat(tables).join(bounds.rename(columns={"min": "wage_low", "max": "wage_high"}))
    table["difference"] = table["employment"] - table["employment_no_ai"]
    table["relative_change"] = table["employment"] / table["employment_no_ai"] - 1.0
    return table.rename_axis("quintile").reset_index()


def seed_examples(occupations: pd.DataFrame) -> pd.DataFrame:
    """Yearly rows of the seed's example occupations present in the results, with labels."""
    codes = occupations["occupation_code"].astype(str)
    rows = occupations.loc[codes.isin(list(SEED_EXAMPLES))].copy()
    rows["occupation_code"] = rows["occupation_code"].astype(str)
    rows["label"] = rows["occupation_code"].map(SEED_EXAMPLES)
    rows["relative_change"] = rows["employment"] / rows["employment_no_ai"] - 1.0
    return rows.reset_index(drop=True)


def yearly_economy(economy: pd.DataFrame) -> pd.DataFrame:
    """Economy rows on whole years only (one per year)."""
    rows = economy.loc[np.isclose(economy["year"], economy["year"].round())].copy()
    rows["year"] = rows["year"].round().astype(int)
    return rows.reset_index(drop=True)


#: Columns of a run's transitions table (issue 10): persons hired into ``to_code``
#: a year whose last job was in ``from_code``.
TRANSITION_COLUMNS = ("year", "from_code", "to_code", "workers")
N_SHRINKING_SOURCES = 3


def destination_flows(result: RunResult, transitions: pd.DataFrame) -> pd.DataFrame:
    """Workers moved from radiologists and the 3 occupations losing most jobs vs no-AI.

    Returns columns ``from_code``, ``to_code`` and ``workers`` (persons, summed
    over the run), moves within an occupation left out; sources in that order.
    """
    _, horizon = run_years(result)
    gaps = change_vs_no_ai(result.occupations, horizon).sort_values("difference")
    sources = list(dict.fromkeys(["29-1224", *gaps["occupation_code"].head(N_SHRINKING_SOURCES)]))
    moves = transitions.assign(
        from_code=transitions["from_code"].astype(str), to_code=transitions["to_code"].astype(str)
    )
    moves = moves.loc[moves["from_code"].isin(sources) & (moves["from_code"] != moves["to_code"])]
    flows = moves.groupby(["from_code", "to_code"], as_index=False)["workers"].sum()
    order = {code: i for i, code in enumerate(sources)}
    return flows.sort_values(["from_code"], key=lambda codes: codes.map(order)).reset_index(
        drop=True
    )
