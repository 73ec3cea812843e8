"""Key figures and the summary of a run, generated from its numbers only.

Every sentence is filled from a computed value; nothing is claimed that the
numbers below it do not show.  Where replications exist, the spread across
them is stated; a single run says that it has none.
"""

from __future__ import annotations

import pandas as pd

from sim.conventions import SEED_EXAMPLES
from sim.io.results import RunResult
from sim.report.document import ReportTable
from sim.report.frames import (
    change_vs_no_ai,
    report_years,
    run_years,
    yearly_economy,
)
from sim.report.summary import MIN_BASE_EMPLOYMENT_FOR_RANKING

#: A relative change beyond this counts as expanding or shrinking in the counts (fraction).
NOTABLE_CHANGE = 0.05


def key_numbers(result: RunResult, year: int) -> dict[str, float]:
    """Named headline numbers of ``result`` in ``year`` (units in the names)."""
    economy = yearly_economy(result.economy).set_index("year").loc[year]
    base, _ = run_years(result)
    base_rows = change_vs_no_ai(result.occupations, base)
    large = base_rows.loc[base_rows["employment"] >= MIN_BASE_EMPLOYMENT_FOR_RANKING]
    rows = change_vs_no_ai(result.occupations, year)
    ranked = rows.loc[rows["occupation_code"].isin(large["occupation_code"])]
    shrinking = rows.loc[rows["relative_change"] < 0, "occupation_code"]
    base_weight = base_rows.set_index("occupation_code")["employment"]
    return {
        "compute_oom": float(economy["log10_effective_compute"]),
        "employment_million": float(economy["employment_total"]) / 1e6,
        "employment_no_ai_million": float(economy["employment_total_no_ai"]) / 1e6,
        "employment_vs_no_ai_pct": 100.0
        * (economy["employment_total"] / economy["employment_total_no_ai"] - 1.0),
        "unemployment_rate_no_ai_pct": 100.0 * float(economy["unemployment_rate_no_ai"]),
        "excess_unemployment_rate_pp": 100.0 * float(economy["excess_unemployment_rate"]),
        "excess_long_term_million": float(economy["excess_long_term_unemployed"]) / 1e6,
        "openings_rate_pct": 100.0 * float(economy["openings_rate"]),
        "openings_rate_no_ai_pct": 100.0 * float(economy["openings_rate_no_ai"]),
        "labour_share_pct": 100.0 * float(economy["labour_share"]),
        "labour_share_no_ai_pct": 100.0 * float(economy["labour_share_no_ai"]),
        "wage_bill_vs_no_ai_pct": 100.0
        * (economy["wage_bill_usd_billion"] / economy["wage_bill_no_ai_usd_billion"] - 1.0),
        "mean_exposure": float(economy["mean_exposure"]),
        "mean_adoption": float(economy["mean_adoption"]),
        "n_ranked": float(len(ranked)),
        "n_shrinking": float((ranked["relative_change"] < -NOTABLE_CHANGE).sum()),
        "n_expanding": float((ranked["relative_change"] > NOTABLE_CHANGE).sum()),
        "employment_share_shrinking_pct": 100.0 * base_weight[shrinking].sum() / base_weight.sum(),
    }


#: Rows of the key-figures table: key of :func:`key_numbers`, label, unit, format.
KEY_ROWS = (
    ("compute_oom", "Effective compute above the reference year", "OOM", "{:.1f}"),
    ("employment_million", "Employment with AI", "million persons", "{:,.1f}"),
    ("employment_no_ai_million", "Employment on the no-AI path", "million persons", "{:,.1f}"),
    ("employment_vs_no_ai_pct", "Employment vs no-AI", "%", "{:+.1f}"),
    ("unemployment_rate_no_ai_pct", "Unemployment rate on the no-AI path", "%", "{:.2f}"),
    ("excess_unemployment_rate_pp", "Excess unemployment rate (AI - no-AI)", "points", "{:+.2f}"),
    (
        "excess_long_term_million",
        "Excess long-term unemployed (27+ weeks)",
        "million persons",
        "{:+.2f}",
    ),
    ("openings_rate_pct", "Openings rate with AI", "% of positions", "{:.2f}"),
    ("openings_rate_no_ai_pct", "Openings rate on the no-AI path", "% of positions", "{:.2f}"),
    ("labour_share_pct", "Labour share with AI", "% of output value", "{:.1f}"),
    ("labour_share_no_ai_pct", "Labour share on the no-AI path", "% of output value", "{:.1f}"),
    ("wage_bill_vs_no_ai_pct", "Wage bill vs no-AI (base-year wages)", "%", "{:+.1f}"),
    ("mean_exposure", "Exposure (employment-weighted mean)", "share of tasks", "{:.2f}"),
    ("mean_adoption", "Adoption (employment-weighted mean)", "share of tasks", "{:.2f}"),
    ("n_shrinking", f"Occupations >{NOTABLE_CHANGE:.0%} below no-AI", "count", "{:.0f}"),
    ("n_expanding", f"Occupations >{NOTABLE_CHANGE:.0%} above no-AI", "count", "{:.0f}"),
    (
        "employment_share_shrinking_pct",
        "Base-year employment in occupations below no-AI",
        "%",
        "{:.0f}",
    ),
)


def key_figures_table(
    result: RunResult, spreads: dict[int, dict[str, str]] | None = None
) -> ReportTable:
    """The key figures at 2035 and the horizon; ``spreads`` adds ranges across replications."""
    years = report_years(result)
    numbers = {year: key_numbers(result, year) for year in years}
    rows = []
    for key, label, unit, fmt in KEY_ROWS:
        cells = [fmt.format(numbers[year][key]) for year in years]
        if spreads:
            cells = [
                spreads.get(year, {}).get(key, cell)
                for year, cell in zip(years, cells, strict=True)
            ]
        rows.append((label, unit, *cells))
    note = (
        f"Occupation counts rank the {numbers[years[-1]]['n_ranked']:.0f} occupations with at "
        "least "
        f"{MIN_BASE_EMPLOYMENT_FOR_RANKING:,} workers in the base year."
    )
    return ReportTable(
        "table-key-figures", "Key figures", ("figure", "unit", *map(str, years)), tuple(rows), note
    )


def summary_paragraphs(result: RunResult) -> list[str]:
    """The summary: compute, totals, movers, the seed's examples, unemployment."""
    base, horizon = run_years(result)
    years = report_years(result)
    numbers = {year: key_numbers(result, year) for year in years}
    last = numbers[horizon]
    economy = yearly_economy(result.economy).set_index("year")
    at_horizon = economy.loc[horizon]
    totals = "; ".join(
        f"by {year} it is {numbers[year]['employment_vs_no_ai_pct']:+.1f}% "
        f"({numbers[year]['employment_million']:,.1f} million vs "
        f"{numbers[year]['employment_no_ai_million']:,.1f} million)"
        for year in years
    )
    paragraphs = [
        f"In scenario '{result.scenario_name}', effective compute grows {last['compute_oom']:.1f} "
        "orders "
        f"of magnitude from {base} to {horizon} (hardware {at_horizon['log10_hardware']:.1f}, "
        "spending "
        f"{at_horizon['log10_spending']:.1f}, algorithms {at_horizon['log10_algorithms']:.1f}). "
        f"Employment is compared with the same economy with capability frozen at {base}: {totals}.",
        _movers_sentence(result, horizon, last),
        _seed_sentence(result, horizon),
        _unemployment_sentence(economy),
    ]
    return [p for p in paragraphs if p]


def _movers_sentence(result: RunResult, horizon: int, numbers: dict[str, float]) -> str:
    base, _ = run_years(result)
    base_rows = change_vs_no_ai(result.occupations, base)
    large = base_rows.loc[
        base_rows["employment"] >= MIN_BASE_EMPLOYMENT_FOR_RANKING, "occupation_code"
    ]
    rows = change_vs_no_ai(result.occupations, horizon)
    rows = rows.loc[rows["occupation_code"].isin(large)].sort_values("relative_change")
    low, high = rows.iloc[0], rows.iloc[-1]
    return (
        f"By {horizon}, {numbers['n_shrinking']:.0f} of the {numbers['n_ranked']:.0f} occupations "
        "with at "
        f"least {MIN_BASE_EMPLOYMENT_FOR_RANKING:,} workers employ more than {NOTABLE_CHANGE:.0%} "
        "fewer "
        f"people than on the no-AI path and {numbers['n_expanding']:.0f} more than "
        f"{NOTABLE_CHANGE:.0%} more; "
        "occupations below their no-AI path held "
        f"{numbers['employment_share_shrinking_pct']:.0f}% of "
        f"base-year employment. The largest fall is {low['title']} "
        f"({low['relative_change']:+.0%}), the "
        f"largest rise {high['title']} ({high['relative_change']:+.0%})."
    )


def _seed_sentence(result: RunResult, horizon: int) -> str:
    rows = change_vs_no_ai(result.occupations, horizon).set_index("occupation_code")
    parts = [
        f"{label.lower()} {rows.loc[code, 'relative_change']:+.0%}"
        for code, label in SEED_EXAMPLES.items()
        if code in rows.index
    ]
    if not parts:
        return ""
    return f"The seed's examples against their no-AI paths in {horizon}: " + "; ".join(parts) + "."


def _unemployment_sentence(economy: pd.DataFrame) -> str:
    excess = economy["excess_unemployment_rate"]
    peak_year = int(excess.idxmax())
    last = economy.iloc[-1]
    gap = float(last["employment_total_no_ai"] - last["employment_total"]) / 1e6
    extra = float(last["unemployed"] - last["unemployed_no_ai"]) / 1e6
    base = 100.0 * economy["unemployment_rate_no_ai"]
    sentence = (
        f"Unemployment on the no-AI path (the base churn of the labour market) stays at "
        f"{base.min():.1f}-{base.max():.1f}%; AI adds at most {100.0 * excess.max():.2f} points "
        f"to it, in {peak_year}."
    )
    if gap <= 0:
        return sentence
    return sentence + (
        f" In {int(economy.index[-1])} employment is {gap:.1f} million below the no-AI path and "
        f"unemployment {extra:.2f} million above it: the rest of the gap is workers who left the "
        "labour force and entrants who were not hired (docs/model.md, labour step)."
    )


SINGLE_RUN_UNCERTAINTY = (
    "These numbers come from one run with one seed. Its only random element is the noise of the "
    "task thresholds; laborsim run --replications N shows its spread. They are conditional on the "
    "scenario's assumptions (Methods and assumptions), whose uncertainty a parameter sweep "
    "measures; "
    "the run carries none of that."
)

SINGLE_RUN_UNCERTAINTY_WITH_ENSEMBLE = (
    "The paragraphs below and the figures are the central run: one seed, every assumption at the "
    "scenario's value. The ranges above come from the uncertainty ensemble, which draws the "
    "uncertain assumptions and the task-threshold noise anew in every draw; they are conditional "
    "on the scenario's levers and on the plausible ranges declared for each parameter."
)
