"""Uncertainty data for a report: series across runs, sensitivity indices, PRIM boxes.

:class:`UncertaintyData` is the one shape the uncertainty section draws from.
Replications fill its series from their saved economy frames
(:func:`replication_uncertainty`); a sweep directory (issue 9) fills it from the
tidy tables ``laborsim analyze`` exports beside the store (:func:`load_sweep`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from sim.errors import LaborsimError
from sim.experiments.analysis_files import verified_tables
from sim.io.results import RunResult

#: Columns of :attr:`UncertaintyData.series` (long: one row per run x year x outcome).
SERIES_COLUMNS = ("run_id", "year", "outcome", "value")
#: Columns of :attr:`UncertaintyData.sensitivity`; ``index`` is S1, ST, mu_star or sigma.
SENSITIVITY_COLUMNS = ("outcome", "parameter", "method", "index", "value", "conf")
#: Quantiles of a fan chart: 90% band, 50% band and the median.
FAN_QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
#: Files of a sweep directory (issue 9: ``laborsim sweep`` writes the store,
#: ``laborsim analyze`` exports the tables read here).
SWEEP_STORE_FILE = "sweep.duckdb"
SWEEP_OUTCOMES_FILE = "outcomes.parquet"
SWEEP_EXPERIMENTS_FILE = "experiments.parquet"
FAILED_RUNS_FILE = "failed_runs.csv"
PRIM_FILE = "prim_boxes.csv"
TOTAL_SCOPE = "total"
#: Index files: (file, method, ((index column, confidence column or ""), ...)).
SWEEP_INDEX_FILES = (
    ("sobol_indices.csv", "Sobol", (("S1", "S1_conf"), ("ST", "ST_conf"))),
    ("morris_indices.csv", "Morris", (("mu_star", "mu_star_conf"), ("sigma", ""))),
)
#: Sweep outcome -> (series outcome of :data:`SERIES_OUTCOMES`, unit factor).
SWEEP_SERIES = {
    "employment_vs_no_ai": ("employment_vs_no_ai_pct", 100.0),
    "displaced_unemployed": ("unemployed_above_no_ai_million", 1e-6),
    "wage_bill_vs_no_ai": ("wage_bill_vs_no_ai_pct", 100.0),
}


class Outcome(NamedTuple):
    """A named outcome: label and unit for axes and tables."""

    label: str
    unit: str


#: Outcomes computed from every run's economy frame (yearly rows).
SERIES_OUTCOMES = {
    "employment_vs_no_ai_pct": Outcome("Employment vs no-AI", "%"),
    "unemployed_million": Outcome("Unemployed (base churn included)", "million persons"),
    "wage_bill_vs_no_ai_pct": Outcome("Wage bill vs no-AI (base-year wages)", "%"),
    "mean_exposure": Outcome("Mean exposure (employment-weighted)", "share of tasks"),
    "unemployed_above_no_ai_million": Outcome("Unemployed above the no-AI path", "million persons"),
}


@dataclass(frozen=True)
class UncertaintyData:
    """What the uncertainty section draws.

    Attributes
    ----------
    n_runs : int
        Runs behind the series.
    what_varies : str
        One sentence on what differs between the runs.
    series : pandas.DataFrame
        Columns :data:`SERIES_COLUMNS`; outcomes named as in :data:`SERIES_OUTCOMES`.
    sensitivity : pandas.DataFrame or None
        Columns :data:`SENSITIVITY_COLUMNS` (Sobol or Morris indices), if computed.
    prim : pandas.DataFrame or None
        PRIM boxes, one row per box x restricted parameter, shown as a table.
    """

    n_runs: int
    what_varies: str
    series: pd.DataFrame
    sensitivity: pd.DataFrame | None = None
    prim: pd.DataFrame | None = None


def replication_uncertainty(runs: Sequence[RunResult]) -> UncertaintyData:
    """Series of :data:`SERIES_OUTCOMES` across replications of one scenario."""
    frames = [_yearly_outcomes(run, index) for index, run in enumerate(runs)]
    return UncertaintyData(
        n_runs=len(runs),
        what_varies=(
            f"{len(runs)} replications of one scenario: only the random streams differ "
            "(task threshold noise), every parameter is the same"
        ),
        series=pd.concat(frames, ignore_index=True),
    )


def _yearly_outcomes(run: RunResult, run_id: int) -> pd.DataFrame:
    economy = run.economy
    yearly = economy.loc[np.isclose(economy["year"], economy["year"].round())]
    values = {
        "employment_vs_no_ai_pct": 100.0
        * (yearly["employment_total"] / yearly["employment_total_no_ai"] - 1.0),
        "unemployed_million": yearly["unemployed"] / 1e6,
        "wage_bill_vs_no_ai_pct": 100.0
        * (yearly["wage_bill_usd_billion"] / yearly["wage_bill_no_ai_usd_billion"] - 1.0),
        "mean_exposure": yearly["mean_exposure"],
    }
    years = yearly["year"].round().astype(int).to_numpy()
    frames = [
        pd.DataFrame({"run_id": run_id, "year": years, "outcome": name, "value": series.to_numpy()})
        for name, series in values.items()
    ]
    return pd.concat(frames, ignore_index=True)


def fan_quantiles(series: pd.DataFrame) -> pd.DataFrame:
    """Per outcome and year, the :data:`FAN_QUANTILES` across runs (columns q05 ... q95)."""
    grouped = series.groupby(["outcome", "year"])["value"]
    table = grouped.quantile(list(FAN_QUANTILES)).unstack()
    table.columns = [f"q{round(q * 100):02d}" for q in FAN_QUANTILES]
    return table.reset_index()


def is_sweep_dir(path: Path) -> bool:
    """Whether ``path`` holds a sweep store (``sweep.duckdb``)."""
    return (path / SWEEP_STORE_FILE).is_file()


def load_sweep(path: Path) -> UncertaintyData:
    """Uncertainty data of a sweep directory, from the tables ``laborsim analyze`` exported.

    Reads ``outcomes.parquet`` (run_id, outcome, year, scope, value), the
    Sobol or Morris indices CSV and ``prim_boxes.csv``, after checking them
    against the analysis manifest and the store
    (:func:`~sim.experiments.analysis_files.verified_tables`).

    Raises
    ------
    LaborsimError
        If the sweep has not been analysed, or the tables are stale or altered.
    """
    files = verified_tables(path)
    if SWEEP_OUTCOMES_FILE not in files:
        raise LaborsimError(f"{path}: the analysis holds no outcomes (no run finished)")
    outcomes = _read_table(files[SWEEP_OUTCOMES_FILE])
    totals = outcomes.loc[outcomes["scope"] == TOTAL_SCOPE]
    frames = [
        pd.DataFrame(
            {
                "run_id": rows["run_id"],
                "year": rows["year"],
                "outcome": name,
                "value": rows["value"] * factor,
            }
        )
        for source, (name, factor) in SWEEP_SERIES.items()
        for rows in [totals.loc[totals["outcome"] == source]]
        if not rows.empty
    ]
    series = (
        pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=SERIES_COLUMNS)
    )
    prim = _read_table(files[PRIM_FILE]) if PRIM_FILE in files else None
    return UncertaintyData(
        n_runs=int(outcomes["run_id"].nunique()),
        what_varies="runs of a parameter sweep: the uncertainties and levers of its spec vary"
        + _failed_clause(files),
        series=series,
        sensitivity=_sweep_indices(files),
        prim=prim,
    )


def _read_table(path: Path) -> pd.DataFrame:
    """A verified analysis table (its bytes match the manifest, so it parses)."""
    return pd.read_parquet(path) if path.suffix == ".parquet" else pd.read_csv(path)


def _failed_clause(files: dict[str, Path]) -> str:
    """``; N of M runs failed ...`` from the exported experiments table, or nothing."""
    if SWEEP_EXPERIMENTS_FILE not in files:
        return ""
    status = pd.read_parquet(files[SWEEP_EXPERIMENTS_FILE], columns=["status"])["status"]
    failed = int((status == "failed").sum())
    if not failed:
        return ""
    return (
        f"; {failed} of {len(status)} runs failed and are left out "
        f"(their errors: {FAILED_RUNS_FILE})"
    )


def _sweep_indices(files: dict[str, Path]) -> pd.DataFrame | None:
    """Sobol (S1, ST) or Morris (mu*, sigma) indices of total-scope outcomes, tidy."""
    for file_name, method, indices in SWEEP_INDEX_FILES:
        if file_name not in files:
            continue
        table = _read_table(files[file_name])
        table = table.loc[table["scope"] == TOTAL_SCOPE]
        if "lever_point" in table.columns:
            table = table.loc[table["lever_point"] == table["lever_point"].min()]
        label = table["outcome"].astype(str) + " " + table["year"].astype(str)
        rows = [
            pd.DataFrame(
                {
                    "outcome": label,
                    "parameter": table["parameter"],
                    "method": method,
                    "index": index,
                    "value": table[index],
                    "conf": table[conf] if conf else np.nan,
                }
            )
            for index, conf in indices
        ]
        return pd.concat(rows, ignore_index=True)
    return None
