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

from sim.validation.labour_targets import US_BEVERIDGE_YEARS
from sim.validation.matching_elasticity import log_slope, us_monthly_table

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
    table = us_monthly_table(occupations_dir, years, "the entry elasticity").dropna(subset=[NE])
    entry = table[NE].to_numpy(dtype=float)
    if per_employed:
        entry = entry / (table["CLF16OV"] - table["UNEMPLOY"]).to_numpy(dtype=float)
    slope, _ = log_slope(table["JTSJOL"].to_numpy(dtype=float), entry)
    return slope
