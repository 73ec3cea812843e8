"""Uncertainty data for a report: series across runs, sensitivity indices, PRIM boxes.

:class:`UncertaintyData` is the one shape the uncertainty section draws from.
Replications fill its series from their saved economy frames
(:func:`replication_uncertainty`).  A sweep store (issue 9: one DuckDB database
per sweep plus the tidy tables of ``laborsim analyze``) plugs in through
:func:`load_sweep`, which builds the same object; until that store's layout is
on main it refuses with a clear message rather than guessing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from sim.errors import LaborsimError
from sim.io.results import RunResult

#: Columns of :attr:`UncertaintyData.series` (long: one row per run x year x outcome).
SERIES_COLUMNS = ("run_id", "year", "outcome", "value")
#: Columns of :attr:`UncertaintyData.sensitivity`; ``index`` is S1, ST, mu_star or sigma.
SENSITIVITY_COLUMNS = ("outcome", "parameter", "method", "index", "value", "conf")
#: Quantiles of a fan chart: 90% band, 50% band and the median.
FAN_QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
SWEEP_STORE_SUFFIX = ".duckdb"


class Outcome(NamedTuple):
    """A named outcome: label and unit for axes and tables."""

    label: str
    unit: str


#: Outcomes computed from every run's economy frame (yearly rows).
SERIES_OUTCOMES = {
    "employment_vs_no_ai_pct": Outcome("Employment vs no-AI", "%"),
    "unemployed_million": Outcome("Displaced unemployed", "million persons"),
    "wage_bill_vs_no_ai_pct": Outcome("Wage bill vs no-AI (base-year wages)", "%"),
    "mean_exposure": Outcome("Mean exposure (employment-weighted)", "share of tasks"),
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
    """Whether ``path`` holds a sweep store (a DuckDB database)."""
    return path.is_dir() and any(path.glob(f"*{SWEEP_STORE_SUFFIX}"))


def load_sweep(path: Path) -> UncertaintyData:
    """Uncertainty data of a sweep directory.

    Raises
    ------
    LaborsimError
        Always, for now: the sweep store's layout (issue 9) is not on main yet,
        and the report does not guess at tables it cannot check.
    """
    raise LaborsimError(
        f"{path}: reading sweep stores is not supported by this version of the report yet; "
        "report the sweep's run directories or replications instead"
    )
