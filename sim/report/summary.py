"""Plain-text summary of a run: totals against the no-AI path and the biggest movers."""

from __future__ import annotations

import pandas as pd

from sim.experiments import outcomes
from sim.io.results import RunResult

#: Year the summary reports besides the horizon (a common policy milestone).
MILESTONE_YEAR = 2035
#: Occupations smaller than this in the base year are left out of the mover lists,
#: where tiny denominators would dominate relative changes (persons).
MIN_BASE_EMPLOYMENT_FOR_RANKING = 10_000
N_MOVERS = 10


def run_summary(result: RunResult) -> str:
    """Totals vs no-AI at 2035 and the horizon, and the ten largest relative movers."""
    run = result.metadata["scenario"]["run"]
    base, horizon = int(run["base_year"]), int(run["horizon_year"])
    years = sorted({y for y in (MILESTONE_YEAR, horizon) if base < y <= horizon})
    lines = [
        f"Scenario '{result.scenario_name}' ({base}-{horizon}), seed {result.metadata['seed']}"
    ]
    lines += [_totals_line(result.economy, year) for year in years]
    movers = _movers(result.occupations, base, horizon)
    lines.append(
        f"\nTen occupations expanding most vs no-AI by {horizon} "
        f"(base employment >= {MIN_BASE_EMPLOYMENT_FOR_RANKING:,}):"
    )
    lines += [_mover_line(row) for row in movers.tail(N_MOVERS)[::-1].itertuples()]
    lines.append(f"\nTen occupations shrinking most vs no-AI by {horizon}:")
    lines += [_mover_line(row) for row in movers.head(N_MOVERS).itertuples()]
    return "\n".join(lines)


def _totals_line(economy: pd.DataFrame, year: int) -> str:
    totals = outcomes.totals_vs_no_ai(economy, year)
    employed, counterfactual = totals["employment_total"], totals["employment_total_no_ai"]
    change = employed / counterfactual - 1.0
    return (
        f"  {year}: employment {employed / 1e6:,.2f}M vs no-AI {counterfactual / 1e6:,.2f}M "
        f"({change:+.2%}); displaced unemployed {totals['unemployed'] / 1e6:,.2f}M "
        f"(no-AI {totals['unemployed_no_ai'] / 1e6:,.2f}M)"
    )


def _movers(occupations: pd.DataFrame, base: int, horizon: int) -> pd.DataFrame:
    base_rows = occupations.loc[occupations["year"] == base, ["occupation_code", "employment"]]
    large = base_rows.loc[base_rows["employment"] >= MIN_BASE_EMPLOYMENT_FOR_RANKING]
    gaps = outcomes.employment_vs_no_ai(occupations, horizon)
    gaps = gaps.loc[gaps["occupation_code"].isin(large["occupation_code"])]
    return gaps.sort_values(["relative_change", "occupation_code"]).reset_index(drop=True)


def _mover_line(row: object) -> str:
    return (
        f"  {row.occupation_code:<9} {row.title[:48]:<48} {row.relative_change:+8.1%} "  # type: ignore[attr-defined]
        f"({row.difference / 1e3:+,.1f}k)"  # type: ignore[attr-defined]
    )
