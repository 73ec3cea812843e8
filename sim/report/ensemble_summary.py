"""Plain-text summary of an uncertainty ensemble: totals with ranges, classes, movers, drivers."""

from __future__ import annotations

import pandas as pd

from sim.experiments.ensemble import Ensemble
from sim.experiments.ensemble_stats import (
    CHANGE_THRESHOLD,
    CLASSES,
    EITHER_WAY_SHARE,
    ROBUST_DECLINE,
    ROBUST_GROWTH,
    SIGN_UNCERTAIN,
)
from sim.report.summary import MIN_BASE_EMPLOYMENT_FOR_RANKING

#: Robust movers listed per direction.
N_ROBUST_MOVERS = 5
#: Drivers named per headline total.
N_DRIVERS = 3
#: Label and formatter of each headline total (values: shares or persons).
TOTAL_LABELS = {
    "employment_vs_no_ai": ("employment vs no-AI", "{:+.1%}"),
    "wage_bill_vs_no_ai": ("wage bill vs no-AI", "{:+.1%}"),
    "displaced_unemployed": ("unemployed above no-AI (million)", "{:.2f}"),
}
#: Multiplier from stored value to the unit of :data:`TOTAL_LABELS` (persons to millions).
TOTAL_SCALE = {"displaced_unemployed": 1e-6}


def range_text(row: object, fmt: str, scale: float = 1.0) -> str:
    """``median [q05, q95]`` of a range row, each value times ``scale`` formatted with ``fmt``."""
    values = (scale * getattr(row, name) for name in ("median", "q05", "q95"))
    median, low, high = (fmt.format(value) for value in values)
    return f"{median} [{low}, {high}]"


def class_counts(ensemble: Ensemble, year: int) -> dict[str, int]:
    """Occupations per class in ``year`` (every class present, zero if empty)."""
    rows = ensemble.occupations.loc[ensemble.occupations["year"] == year]
    counts = rows["classification"].value_counts()
    return {name: int(counts.get(name, 0)) for name in CLASSES}


def rule_text() -> str:
    """The classification rule in one sentence."""
    return (
        f"robust decline (growth): the whole 5-95% range more than {CHANGE_THRESHOLD:.0%} below "
        "(above) the no-AI path; otherwise sign uncertain"
    )


def ensemble_summary(ensemble: Ensemble) -> str:
    """Totals with 5-95% ranges, class counts, robust movers and top drivers."""
    meta = ensemble.meta
    lines = [
        f"Uncertainty ensemble of '{meta['scenario']}': {meta['draws_done']} of {meta['draws']} "
        f"draws done, {len(meta['parameters'])} uncertain parameters drawn from their plausible "
        "ranges (Latin hypercube, each draw its own seed); median [5%, 95%] across draws:"
    ]
    if meta.get("draws_failed"):
        lines.append(
            f"  WARNING: {meta['draws_failed']} draws failed and are left out (first error: "
            f"{meta.get('first_error', '')}); the plausible ranges admit invalid combinations"
        )
    for year, rows in ensemble.totals.groupby("year"):
        parts = [
            f"{TOTAL_LABELS[row.outcome][0]} "
            f"{range_text(row, TOTAL_LABELS[row.outcome][1], TOTAL_SCALE.get(row.outcome, 1.0))}"
            for row in rows.itertuples()
            if row.outcome in TOTAL_LABELS
        ]
        lines.append(f"  {year}: " + "; ".join(parts))
    for year in ensemble.years:
        lines.append(_classes_line(ensemble, year))
    lines.append(f"  ({rule_text()})")
    horizon = ensemble.years[-1]
    lines += _robust_movers(ensemble, horizon, ROBUST_DECLINE)
    lines += _robust_movers(ensemble, horizon, ROBUST_GROWTH)
    lines += _driver_lines(ensemble.drivers, horizon)
    return "\n".join(lines)


def _classes_line(ensemble: Ensemble, year: int) -> str:
    counts = class_counts(ensemble, year)
    rows = ensemble.occupations.loc[ensemble.occupations["year"] == year]
    either = int(rows["either_way"].sum())
    return (
        f"  Occupations in {year} ({len(rows)}): {ROBUST_DECLINE} {counts[ROBUST_DECLINE]}, "
        f"{ROBUST_GROWTH} {counts[ROBUST_GROWTH]}, {SIGN_UNCERTAIN} {counts[SIGN_UNCERTAIN]} "
        f"({either} of them move more than {CHANGE_THRESHOLD:.0%} each way in "
        f"{EITHER_WAY_SHARE:.0%}+ of draws)"
    )


def robust_movers(ensemble: Ensemble, year: int, kind: str) -> pd.DataFrame:
    """Occupations of class ``kind`` with >= 10,000 base-year workers, largest median first."""
    rows = ensemble.occupations
    rows = rows.loc[
        (rows["year"] == year)
        & (rows["classification"] == kind)
        & (rows["employment_base"] >= MIN_BASE_EMPLOYMENT_FOR_RANKING)
    ]
    return rows.sort_values("median", ascending=kind == ROBUST_DECLINE)


def _robust_movers(ensemble: Ensemble, year: int, kind: str) -> list[str]:
    rows = robust_movers(ensemble, year, kind).head(N_ROBUST_MOVERS)
    if rows.empty:
        return [f"No {kind} by {year} among occupations with >= "
                f"{MIN_BASE_EMPLOYMENT_FOR_RANKING:,} workers."]  # fmt: skip
    lines = [
        f"{kind.capitalize()} by {year}, largest median change (>= "
        f"{MIN_BASE_EMPLOYMENT_FOR_RANKING:,} workers):"
    ]
    lines += [
        f"  {row.occupation_code:<9} {row.title[:48]:<48} {range_text(row, '{:+.0%}')}"
        for row in rows.itertuples()
    ]
    return lines


def _driver_lines(drivers: pd.DataFrame, year: int) -> list[str]:
    if drivers.empty:
        return []
    rows = drivers.loc[(drivers["year"] == year) & (drivers["scope"] == "total")]
    lines = [f"What drives the totals in {year} (PAWN index +- 95% interval; top {N_DRIVERS}):"]
    for outcome in TOTAL_LABELS:
        group = rows.loc[rows["outcome"] == outcome]
        top = group.loc[group["rank"] <= N_DRIVERS].sort_values("rank")
        if top.empty:
            continue
        named = ", ".join(
            f"{r.parameter} {r.pawn:.2f}+-{r.pawn_conf:.2f}" for r in top.itertuples()
        )
        label = TOTAL_LABELS[outcome][0]
        lines.append(f"  {label}: {named}")
    return lines
