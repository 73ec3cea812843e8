"""The evidence for ``labor.entry_vacancy_elasticity``: US hires from outside the labour force.

Least squares of ``ln NE_t`` on ``ln V_t`` over the months of 2001-2019, where
``NE`` is the CPS gross flow from not in the labour force to employment
(``LNS17200000``, thousands a month) and ``V`` the JOLTS openings
(``JTSJOL``, thousands):

    ln NE_t = a + epsilon ln V_t + e_t

gives ``epsilon = 0.31``: when openings halve, hires from outside the labour
force fall by about a fifth (``2^-0.31 = 0.81``), not by half.  The variant
with ``NE`` as a share of employment (``E = CLF16OV - UNEMPLOY``) takes out
the common trend of population and openings and gives 0.18
(:func:`us_entry_elasticity` with ``per_employed=True``); the sub-periods
bound the parameter's plausible range (``sim/params/labor.py``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sim.errors import DataValidationError
from sim.validation.beveridge import LABOUR_MARKET_DIR, VACANCIES_FILE
from sim.validation.labour_targets import US_BEVERIDGE_YEARS
from sim.validation.matching_elasticity import FLOWS_FILE, log_slope

NE = "LNS17200000"


def us_entry_elasticity(
    occupations_dir: Path,
    years: tuple[int, int] = US_BEVERIDGE_YEARS,
    per_employed: bool = False,
) -> float:
    """Slope of ln(N->E flow) (or of ln(N->E / employment)) on ln(JOLTS openings), monthly.

    ``years`` are the first and last calendar years included; the series are
    read from ``occupations_dir``'s labour-market folder.
    """
    directory = occupations_dir / LABOUR_MARKET_DIR
    paths = (directory / FLOWS_FILE, directory / VACANCIES_FILE)
    for path in paths:
        if not path.is_file():
            raise DataValidationError(f"{path}: not found; the entry elasticity needs it")
    table = pd.read_csv(paths[0], parse_dates=["date"]).merge(
        pd.read_csv(paths[1], parse_dates=["date"]), on="date"
    )
    table = table.loc[table["date"].dt.year.between(*years)].dropna(subset=["JTSJOL", NE])
    entry = table[NE].to_numpy(dtype=float)
    if per_employed:
        entry = entry / (table["CLF16OV"] - table["UNEMPLOY"]).to_numpy(dtype=float)
    slope, _ = log_slope(table["JTSJOL"].to_numpy(dtype=float), entry)
    return slope
