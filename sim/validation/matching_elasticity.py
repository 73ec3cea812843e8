"""How the job-finding rate moves with labour-market tightness, against the US record.

The model's monthly U->E rate is not set: it comes out of urn-ball matching on
the mobility network (docs/model.md 5).  Over a demand cycle it rises with
tightness ``theta = V / U``; the elasticity of that rise,
``d ln f / d ln theta``, is the standard summary of a matching function
(Shimer 2005; Petrongolo & Pissarides 2001).  This check runs the no-AI world
under the Beveridge check's demand cycle (:func:`sim.validation.beveridge.cycle_economy`),
regresses ``ln f`` on ``ln theta`` month by month and compares the slope with the
same regression on the US monthly series of 2001-2019 (CPS gross flows
``UE / (UE + UU + UN)`` and ``JTSJOL / UNEMPLOY``), band stated first in
:mod:`sim.validation.labour_targets`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from sim.errors import DataValidationError
from sim.validation.beveridge import LABOUR_MARKET_DIR, VACANCIES_FILE, cycle_economy
from sim.validation.inputs import ValidationInputs
from sim.validation.labour_targets import MATCHING_ELASTICITY, US_BEVERIDGE_YEARS
from sim.validation.result import CheckResult

FloatArray = NDArray[np.float64]
FLOWS_FILE = "us_cps_gross_flows_monthly.csv"
UE, UU, UN = "LNS17100000", "LNS17500000", "LNS17900000"


def log_slope(tightness: FloatArray, finding: FloatArray) -> tuple[float, float]:
    """Least-squares slope of ``ln finding`` on ``ln tightness``, and the correlation."""
    x, y = np.log(tightness), np.log(finding)
    slope = float(np.polyfit(x, y, 1)[0])
    return slope, float(np.corrcoef(x, y)[0, 1])


def us_monthly_table(occupations_dir: Path, years: tuple[int, int], purpose: str) -> pd.DataFrame:
    """The committed CPS gross flows and unemployment/openings stocks, one row a month.

    Months of ``years`` (first and last calendar year included) with JOLTS
    openings; ``purpose`` names the caller in the error for a missing file.
    """
    directory = occupations_dir / LABOUR_MARKET_DIR
    paths = (directory / FLOWS_FILE, directory / VACANCIES_FILE)
    for path in paths:
        if not path.is_file():
            raise DataValidationError(f"{path}: not found; {purpose} needs it")
    flows = pd.read_csv(paths[0], parse_dates=["date"])
    stocks = pd.read_csv(paths[1], parse_dates=["date"])
    table = flows.merge(stocks, on="date").dropna(subset=["JTSJOL"])
    return table.loc[table["date"].dt.year.between(*years)]


def us_series(occupations_dir: Path) -> tuple[FloatArray, FloatArray]:
    """US monthly (V / U, U->E rate), 2001-2019, from the CPS gross flows and JOLTS."""
    table = us_monthly_table(occupations_dir, US_BEVERIDGE_YEARS, "the matching-elasticity check")
    finding = table[UE] / (table[UE] + table[UU] + table[UN])
    tightness = table["JTSJOL"] / table["UNEMPLOY"]
    return tightness.to_numpy(dtype=float), finding.to_numpy(dtype=float)


def model_series(economy: pd.DataFrame) -> tuple[FloatArray, FloatArray]:
    """The no-AI world's (V / U at the start of a step, share of the unemployed re-employed in it).

    Steps are months, so the share is the monthly U->E rate.
    """
    unemployed = economy["unemployed_no_ai"].to_numpy(dtype=float)
    vacancies = economy["vacancies_no_ai"].to_numpy(dtype=float)
    reemployed = economy["reemployed_no_ai"].to_numpy(dtype=float)
    return vacancies[:-1] / unemployed[:-1], reemployed[1:] / unemployed[:-1]


def matching_elasticity_check(inputs: ValidationInputs) -> CheckResult:
    """Elasticity of the monthly U->E rate to V / U over the cycle, against the US's."""
    tightness, finding = model_series(cycle_economy(inputs))
    slope, correlation = log_slope(tightness, finding)
    us_slope, us_correlation = log_slope(*us_series(Path(inputs.baseline.occupations.path)))
    target = MATCHING_ELASTICITY
    return CheckResult(
        name="matching_elasticity",
        description=(
            "No-AI world under the Beveridge check's demand cycle: slope of ln(monthly U->E "
            "rate) on ln(V / U), month by month. The rate is not set: it comes out of the "
            "urn-ball matching on the mobility network."
        ),
        published=(
            f"US 2001-2019 (CPS gross flows, JOLTS): {us_slope:.2f} (r = {us_correlation:.2f}); "
            f"{target.source}"
        ),
        source=(
            "BLS CPS gross flows (UE, UU, UN) and JOLTS JTSJOL via FRED "
            "(occupations/labour_market/); Shimer (2005), AER 95(1); Petrongolo & "
            "Pissarides (2001), JEL 39(2)"
        ),
        ours=(
            f"{slope:.2f} (r = {correlation:.2f}); V/U {tightness.min():.2f}-"
            f"{tightness.max():.2f}, U->E {finding.min():.1%}-{finding.max():.1%} a month"
        ),
        band=f"{target.low:g}-{target.high:g}",
        passed=target.contains(slope),
        notes=(
            "Urn-ball matching alone (one market, applications at random) gives "
            "theta (1 - exp(-1/theta)), whose elasticity is 0.42 at theta = 1; search "
            "along the network, entrants who fill vacancies directly and vacancies "
            "withdrawn move the model's from that."
        ),
        metrics={
            "elasticity": slope,
            "correlation": correlation,
            "us_elasticity": us_slope,
            "us_correlation": us_correlation,
        },
    )
