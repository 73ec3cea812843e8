"""Report parts drawn from a run's uncertainty ensemble, or saying plainly that there is none.

The summary leads with the ensemble's ranges (:func:`ensemble_lead`), the key
figures carry them (:func:`ensemble_spreads`), the movers figure gets bands
(:func:`movers_bands`), and a section holds the median-effect vs
probability-of-decline figure, the seed examples' bands and the "what drives
this" table (:func:`ensemble_section`).  Without an ensemble each of these
says in one line that none was run (:data:`NO_ENSEMBLE`).
"""

from __future__ import annotations

import pandas as pd

from sim.conventions import SEED_EXAMPLES
from sim.experiments.ensemble import Ensemble
from sim.experiments.ensemble_stats import (
    CHANGE_THRESHOLD,
    EITHER_WAY_SHARE,
    ROBUST_DECLINE,
    ROBUST_GROWTH,
    SIGN_UNCERTAIN,
)
from sim.experiments.sweep_outcomes import EMPLOYMENT, WAGE_BILL
from sim.report.document import ReportTable, Section, make_figure
from sim.report.ensemble_summary import TOTAL_LABELS, class_counts, rule_text
from sim.report.figures_ensemble import decline_probability_figure

NO_ENSEMBLE = (
    "No uncertainty ensemble was run for these results: every number is one run at one point of "
    "every assumption, without ranges, sign probabilities or drivers "
    "(`laborsim run SCENARIO --uncertainty` adds them)."
)
#: Key-figure rows (keys of :func:`sim.report.text.key_numbers`) filled from ensemble outcomes.
KEY_OUTCOMES = {"employment_vs_no_ai_pct": EMPLOYMENT, "wage_bill_vs_no_ai_pct": WAGE_BILL}
N_DRIVERS = 3
PERCENT = 100.0


def _pct(value: float) -> str:
    return f"{PERCENT * value:+.0f}%"


def _band(row: pd.Series | dict) -> str:
    return f"{_pct(row['median'])} [{_pct(row['q05'])}, {_pct(row['q95'])}]"


def ensemble_lead(ensemble: Ensemble) -> str:
    """The summary's first paragraph: totals with ranges, class counts, the seed examples."""
    meta = ensemble.meta
    totals = ensemble.totals.loc[ensemble.totals["outcome"] == EMPLOYMENT]
    years = "; ".join(
        f"in {int(row.year)} median {PERCENT * row.median:+.1f}% "
        f"(5-95%: {PERCENT * row.q05:+.1f}% to {PERCENT * row.q95:+.1f}%; "
        f"{row.p_shrink:.0%} of draws more than {CHANGE_THRESHOLD:.0%} below, "
        f"{row.p_grow:.0%} more than {CHANGE_THRESHOLD:.0%} above)"
        for row in totals.itertuples()
    )
    horizon = ensemble.years[-1]
    counts = class_counts(ensemble, horizon)
    seeds = "; ".join(
        f"{label.lower()} {_band(band)} ({band['classification']})"
        for code, label in SEED_EXAMPLES.items()
        if (band := ensemble.band(code, horizon)) is not None
    )
    return (
        f"Across {meta['draws_done']} draws of {len(meta['parameters'])} uncertain assumptions, "
        "each from its plausible range with its own random seed (the uncertainty ensemble), "
        f"employment against the no-AI path is {years}. By {horizon}, "
        f"{counts[ROBUST_DECLINE]} occupations are in robust decline, {counts[ROBUST_GROWTH]} in "
        f"robust growth and {counts[SIGN_UNCERTAIN]} sign uncertain ({rule_text()}). "
        f"The seed's examples, median [5%, 95%]: {seeds}. The figures below show the central "
        "run (every assumption at the scenario's value); the movers figure adds the ranges."
    )


def ensemble_spreads(
    ensemble: Ensemble, central: dict[int, dict[str, float]]
) -> dict[int, dict[str, str]]:
    """Key-figure cells for the ensemble's outcomes: ``central (median [5%, 95%])`` in %."""
    spreads: dict[int, dict[str, str]] = {}
    totals = ensemble.totals.set_index(["outcome", "year"])
    for year, numbers in central.items():
        cells = {}
        for key, outcome in KEY_OUTCOMES.items():
            if (outcome, year) not in totals.index:
                continue
            row = totals.loc[(outcome, year)]
            cells[key] = (
                f"{numbers[key]:+.1f} ({PERCENT * row['median']:+.1f} "
                f"[{PERCENT * row['q05']:+.1f}, {PERCENT * row['q95']:+.1f}])"
            )
        spreads[year] = cells
    return spreads


SPREAD_NOTE = (
    "Rows with brackets: the central run's value, then in parentheses the median [5th, 95th "
    "percentile] over the uncertainty ensemble's draws."
)


def movers_bands(ensemble: Ensemble | None, year: int, table: pd.DataFrame) -> pd.DataFrame:
    """``table`` (movers of ``year``) with the ensemble's q05, q95, median and class, if any."""
    if ensemble is None:
        return table
    bands = ensemble.occupations.loc[
        ensemble.occupations["year"] == year,
        ["occupation_code", "q05", "q95", "median", "classification"],
    ]
    return table.merge(bands, on="occupation_code", how="left")


def ensemble_section(ensemble: Ensemble | None) -> Section:
    """The uncertainty section: how sure each sign is, the seed examples' bands, the drivers."""
    title = "How sure: the uncertainty ensemble"
    if ensemble is None:
        return Section("ensemble", title, paragraphs=(NO_ENSEMBLE,))
    horizon = ensemble.years[-1]
    meta = ensemble.meta
    held = ", ".join(f"`{name}`" for name in meta["held"]) or "none"
    paragraphs = (
        f"{meta['draws_done']} draws (Latin hypercube, seed {meta['seed']}, each draw its own "
        f"seed stream) of the {len(meta['parameters'])} parameters declared uncertain, each over "
        f"its plausible range; levers and fixed parameters keep the scenario's values. Held at "
        f"the scenario's values: {held}. Classes: {rule_text()}; of the sign-uncertain "
        f"occupations, those marked 'either way' move more than {CHANGE_THRESHOLD:.0%} in each "
        f"direction in at least {EITHER_WAY_SHARE:.0%} of the draws.",
        "Drivers: the PAWN index (Pianosi & Wagener 2015; SALib) of each parameter, computed on "
        "the ensemble's own draws: the median Kolmogorov-Smirnov distance between the outcome's "
        "distribution with the parameter held within a tenth of its range and its distribution "
        "over all draws (0: no influence; 1: decides it), with 95% bootstrap intervals. A dummy "
        "parameter of pure noise gives the level an index reaches by chance; 'yes' marks indices "
        "clearly above it.",
    )
    figure = make_figure(
        "fig-decline-probability",
        "Median effect against the probability of decline",
        f"Each bubble is an occupation (area: base-year employment): its median change against "
        f"the no-AI path in {horizon} across the ensemble (x) and the share of draws in which it "
        f"is more than {CHANGE_THRESHOLD:.0%} below (y). Colour: the class. Sign-uncertain "
        "occupations sit between the robust ones, whatever their median.",
        decline_probability_figure(ensemble.occupations, horizon),
    )
    return Section(
        "ensemble",
        title,
        paragraphs=paragraphs,
        figures=(figure,),
        tables=(_seed_table(ensemble), _drivers_table(ensemble)),
    )


def _seed_table(ensemble: Ensemble) -> ReportTable:
    rows = []
    for code, label in SEED_EXAMPLES.items():
        for year in ensemble.years:
            band = ensemble.band(code, year)
            if band is None:
                continue
            rows.append(
                (
                    label,
                    str(year),
                    _pct(band["median"]),
                    f"{_pct(band['q05'])} to {_pct(band['q95'])}",
                    f"{band['p_shrink']:.2f}",
                    f"{band['p_neither']:.2f}",
                    f"{band['p_grow']:.2f}",
                    str(band["classification"]),
                )
            )
    return ReportTable(
        "table-seed-bands",
        "The seed's examples across the ensemble",
        ("occupation", "year", "median", "5-95%", "P(shrink)", "P(neither)", "P(grow)", "class"),
        tuple(rows),
        f"P(shrink), P(grow): share of draws more than {CHANGE_THRESHOLD:.0%} below / above the "
        "no-AI path.",
    )


def _drivers_table(ensemble: Ensemble) -> ReportTable:
    drivers = ensemble.drivers
    rows = []
    horizon = ensemble.years[-1]
    if not drivers.empty:
        top = drivers.loc[(drivers["rank"] <= N_DRIVERS) & (drivers["year"] == horizon)]
        order = {name: i for i, name in enumerate(TOTAL_LABELS)}
        top = top.assign(
            occupation=top["scope"] != "total", headline=top["outcome"].map(order)
        ).sort_values(["occupation", "headline", "scope", "rank"], kind="stable")
        for row in top.itertuples():
            target = (
                TOTAL_LABELS.get(str(row.outcome), (str(row.outcome),))[0]
                if row.scope == "total"
                else f"{row.label}: employment vs no-AI"
            )
            rows.append(
                (
                    target,
                    str(row.year),
                    str(int(row.rank)),
                    str(row.parameter),
                    f"{row.pawn:.2f} +- {row.pawn_conf:.2f}",
                    "yes" if row.above_noise else "no",
                )
            )
    noise = drivers.loc[drivers["rank"].isna(), "pawn"] if not drivers.empty else pd.Series()
    note = (
        f"The top {N_DRIVERS} per outcome in {horizon}; every parameter and {ensemble.years[0]} "
        f"are in ensemble/ensemble_drivers.parquet. The dummy (pure noise) scored "
        f"{noise.min():.2f} to {noise.max():.2f}."
        if not noise.empty
        else "No outcome varied across the draws."
    )
    return ReportTable(
        "table-drivers",
        "What drives this",
        ("outcome", "year", "rank", "parameter", "PAWN index (95% CI)", "above noise"),
        tuple(rows),
        note,
    )


__all__ = [
    "NO_ENSEMBLE",
    "SPREAD_NOTE",
    "ensemble_lead",
    "ensemble_section",
    "ensemble_spreads",
    "movers_bands",
]
