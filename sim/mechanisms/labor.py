"""Labour adjustment: employment moves toward required labour through frictions.

Per step of length dt (years), for each occupation, in this order:

1. attrition: ``x_i dt E`` employed workers leave the labour force (BLS exit rates);
2. desired change: ``D = (L* - E)(1 - exp(-lambda dt))``, bounded below by
   ``-(attrition + l_max dt E)`` and above by ``h_max dt E``;
3. if the target lies above employment after attrition, the gap is hired; otherwise
   the excess is laid off into unemployment (tagged with the last occupation), so
   shrinking occupations shrink first by not replacing leavers;
4. unemployed workers fill hires at hazard rho (never more than the hires);
   re-employed workers come from each origin in proportion to its pool and go to
   each hiring occupation in proportion to its hires; the rest of the hires are
   entrants from outside the labour force;
5. unemployed workers leave the labour force at hazard delta.

Before step 2 the target may be rationed: when the occupations of a world
together need more workers than the labour-force ceiling ``C`` (persons),
every target is scaled by ``C / sum L*``, so employment stays bounded by the
working-age population whatever demand asks for; and hiring is scaled down so
that total employment itself never rises above ``C`` while shrinking
occupations are still above their targets: where ``sum(E + change) > C``,
every positive change is multiplied by ``1 - min(excess / sum(positive
changes), 1)``.

Steps 1-3 are :func:`openings_step`; steps 4-5 run on the mobility network
(:mod:`sim.mechanisms.reallocation`).

Employment never goes negative, and by construction
``employed + unemployed + exits = start + entrants`` at every step.
Arrays are (worlds, occupations); the stage works on one world at a time.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from sim.mechanisms.compiled import compiled, total
from sim.params import LaborParams

FloatArray = NDArray[np.float64]


class LaborState(NamedTuple):
    """Head counts per occupation (persons); cumulative flows since the base year."""

    employment: FloatArray
    unemployed: FloatArray
    exits: FloatArray
    entrants: FloatArray

    @classmethod
    def start(cls, employment: FloatArray) -> LaborState:
        """Base-year state (fresh arrays): everyone employed, nobody displaced yet."""
        employed = np.array(employment, dtype=np.float64)
        zeros = np.zeros_like(employed)
        return cls(employed, zeros, zeros.copy(), zeros.copy())


class LaborFlows(NamedTuple):
    """Flows of one step, persons per step, per occupation."""

    attrition: FloatArray
    hires: FloatArray
    layoffs: FloatArray
    reemployed: FloatArray
    entrants: FloatArray
    unemployed_exits: FloatArray

    @classmethod
    def none(cls, shape: tuple[int, ...]) -> FloatArray:
        """No flows (the base year), stacked (flows, *shape); ``LaborFlows(*rows)`` names them."""
        return np.zeros((len(cls._fields), *shape))


#: Rows of the stacked flows array, in :class:`LaborFlows` order.
ATTRITION, HIRES, LAYOFFS, REEMPLOYED, ENTRANTS, UNEMPLOYED_EXITS = (
    LaborFlows._fields.index(name)
    for name in ("attrition", "hires", "layoffs", "reemployed", "entrants", "unemployed_exits")
)

#: Denominator floor for shares of a zero total (persons); any share of zero is zero.
TINY = 1e-300


def hazard_share(rate_per_year: float | FloatArray, step_years: float) -> FloatArray:
    """Share of a stock leaving within one step at a constant hazard."""
    return -np.expm1(-np.asarray(rate_per_year, dtype=float) * step_years)


class StepRates(NamedTuple):
    """Per-step shares, resolved once from :class:`LaborParams` and the step length.

    Attributes
    ----------
    attrition : FloatArray
        Share of each occupation's employed leaving the labour force per step.
    adjustment : float
        Share of the gap to required labour closed per step.
    min_change : FloatArray
        Lower bound of the employment change, share of employment per step:
        ``-(attrition + max layoffs)``, never below -1 so employment stays >= 0.
    max_hires : float
        Cap on expansion hires, share of employment per step.
    reemployment, unemployed_exit : float
        Shares of the unemployed re-employed (if hires allow) and leaving per step.
    employment_ceiling : float
        Ceiling on each world's total employment, persons (inf = none).
    """

    attrition: FloatArray
    adjustment: float
    min_change: FloatArray
    max_hires: float
    reemployment: float
    unemployed_exit: float
    employment_ceiling: float

    @classmethod
    def from_params(
        cls,
        params: LaborParams,
        exit_rate_per_year: FloatArray,
        step_years: float,
        employment_ceiling: float = np.inf,
    ) -> StepRates:
        """Resolve rates per year into shares per step of ``step_years``."""
        attrition = hazard_share(exit_rate_per_year * params.exit_rate_multiplier, step_years)
        layoffs = np.minimum(params.max_layoff_rate_per_year * step_years, 1.0 - attrition)
        return cls(
            attrition=np.ascontiguousarray(attrition, dtype=np.float64),
            adjustment=float(hazard_share(params.adjustment_speed_per_year, step_years)),
            min_change=np.ascontiguousarray(-(attrition + layoffs), dtype=np.float64),
            max_hires=float(params.max_hiring_rate_per_year * step_years),
            reemployment=float(hazard_share(params.reemployment_rate_per_year, step_years)),
            unemployed_exit=float(hazard_share(params.unemployed_exit_rate_per_year, step_years)),
            employment_ceiling=float(employment_ceiling),
        )


@compiled
def openings_step(rates, required, employment, change, flows, w):  # pragma: no cover - compiled
    """Steps 1-3 for world ``w``: attrition, the bounded change, hires and layoffs.

    ``required`` (L*), ``employment`` and the scratch ``change`` are world
    ``w``'s rows, persons; ``flows`` the stacked (flows, worlds, occupations)
    array.  Leaves attrition, hires (= vacancies) and layoffs in ``flows`` and
    moves ``employment`` by the change.
    """
    n = employment.shape[0]
    ceiling = rates.employment_ceiling
    total_required = total(required, None)
    rationed = total_required > ceiling
    scale = ceiling / max(total_required, TINY) if rationed else 1.0
    new_total = 0.0
    for i in range(n):
        target = required[i] * scale if rationed else required[i]
        step = (target - employment[i]) * rates.adjustment
        step = min(max(step, rates.min_change[i] * employment[i]), rates.max_hires * employment[i])
        change[i] = step
        new_total += employment[i] + step
    if new_total > ceiling:  # growth stops at the ceiling
        growth = 0.0
        for i in range(n):
            growth += max(change[i], 0.0)
        keep = 1.0 - min((new_total - ceiling) / max(growth, TINY), 1.0)
        for i in range(n):
            if change[i] > 0.0:
                change[i] = change[i] * keep
    for i in range(n):
        attrition = rates.attrition[i] * employment[i]
        after_attrition = change[i] + attrition
        hires = max(after_attrition, 0.0)
        flows[ATTRITION, w, i] = attrition
        flows[HIRES, w, i] = hires
        flows[LAYOFFS, w, i] = hires - after_attrition  # = max(-after_attrition, 0)
        employment[i] = employment[i] + change[i]
