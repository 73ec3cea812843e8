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

Before step 2 the target may be rationed (:func:`ration_to_ceiling`): when the
occupations of a world together need more workers than the labour-force ceiling
``C`` (persons), every target is scaled by ``C / sum L*``, so employment stays
bounded by the working-age population whatever demand asks for; and hiring
is scaled down (:func:`limit_growth`) so that total employment itself never
rises above ``C`` while shrinking occupations are still above their targets.

Employment never goes negative, and by construction
``employed + unemployed + exits = start + entrants`` at every step.
Arrays may carry leading axes (e.g. the AI and no-AI worlds); sums over
occupations use the last axis.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

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
        """Base-year state: everyone employed, nobody displaced yet."""
        zeros = np.zeros_like(employment, dtype=float)
        return cls(np.asarray(employment, dtype=float), zeros, zeros.copy(), zeros.copy())


class LaborFlows(NamedTuple):
    """Flows of one step, persons per step, per occupation."""

    attrition: FloatArray
    hires: FloatArray
    layoffs: FloatArray
    reemployed: FloatArray
    entrants: FloatArray
    unemployed_exits: FloatArray

    @classmethod
    def none(cls, shape: tuple[int, ...]) -> LaborFlows:
        """No flows (the base year)."""
        return cls(*np.zeros((len(cls._fields), *shape)))


#: Denominator floor for shares of a zero total (persons); any share of zero is zero.
TINY = 1e-300


def hazard_share(rate_per_year: float | FloatArray, step_years: float) -> FloatArray:
    """Share of a stock leaving within one step at a constant hazard."""
    return -np.expm1(-np.asarray(rate_per_year, dtype=float) * step_years)


@dataclass(frozen=True)
class StepRates:
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
    employment_ceiling : float
        Ceiling on each world's total employment, persons (inf = none); growth
        stops there (:func:`limit_growth`). Set by the model from the scenario.
    reemployment, unemployed_exit : float
        Shares of the unemployed re-employed (if hires allow) and leaving per step.
    """

    attrition: FloatArray
    adjustment: float
    min_change: FloatArray
    max_hires: float
    reemployment: float
    unemployed_exit: float
    employment_ceiling: float = np.inf

    @classmethod
    def from_params(
        cls, params: LaborParams, exit_rate_per_year: FloatArray, step_years: float
    ) -> StepRates:
        """Resolve rates per year into shares per step of ``step_years``."""
        attrition = hazard_share(exit_rate_per_year * params.exit_rate_multiplier, step_years)
        layoffs = np.minimum(params.max_layoff_rate_per_year * step_years, 1.0 - attrition)
        return cls(
            attrition=attrition,
            adjustment=float(hazard_share(params.adjustment_speed_per_year, step_years)),
            min_change=-(attrition + layoffs),
            max_hires=params.max_hiring_rate_per_year * step_years,
            reemployment=float(hazard_share(params.reemployment_rate_per_year, step_years)),
            unemployed_exit=float(hazard_share(params.unemployed_exit_rate_per_year, step_years)),
        )


def limit_growth(employment: FloatArray, change: FloatArray, ceiling: float) -> FloatArray:
    """Scale each world's growing rows so total employment stays within ``ceiling``.

    Where ``sum(E + change) > ceiling``, every positive change is multiplied by
    ``1 - min(excess / sum(positive changes), 1)``; shrinking rows are untouched.
    Worlds within the ceiling are returned unchanged, bit for bit.
    """
    new_total = (employment + change).sum(axis=-1, keepdims=True)
    over = new_total > ceiling
    if not over.any():
        return change
    growth = np.maximum(change, 0.0).sum(axis=-1, keepdims=True)
    keep = 1.0 - np.minimum((new_total - ceiling) / np.maximum(growth, TINY), 1.0)
    return np.where(over & (change > 0.0), change * keep, change)


def ration_to_ceiling(required: FloatArray, ceiling: float) -> FloatArray:
    """Scale each world's targets down in proportion where their total exceeds ``ceiling``.

    Worlds (leading axes) whose total is within the ceiling are returned unchanged,
    bit for bit.
    """
    total = required.sum(axis=-1, keepdims=True)
    over = total > ceiling
    if not over.any():
        return required
    return np.where(over, required * (ceiling / np.maximum(total, TINY)), required)


def openings(
    employment: FloatArray, target: FloatArray, rates: StepRates
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Steps 1-3: attrition, employment change, hires (vacancies) and layoffs, persons/step."""
    attrition = rates.attrition * employment
    change = (target - employment) * rates.adjustment
    change = np.minimum(
        np.maximum(change, rates.min_change * employment), rates.max_hires * employment
    )
    change = limit_growth(employment, change, rates.employment_ceiling)
    change_after_attrition = change + attrition
    hires = np.maximum(change_after_attrition, 0.0)
    layoffs = hires - change_after_attrition  # = max(-change_after_attrition, 0)
    return attrition, change, hires, layoffs


def adjust(
    state: LaborState, target: FloatArray, rates: StepRates
) -> tuple[LaborState, LaborFlows]:
    """Advance employment one step toward ``target`` without a network (aggregate matching).

    The model uses :func:`sim.mechanisms.reallocation.advance`, which shares
    steps 1-3 (:func:`openings`) and matches on the mobility network instead.
    """
    employment = state.employment
    attrition, change, hires, layoffs = openings(employment, target, rates)
    pool = state.unemployed + layoffs
    reemployed_to, reemployed_from = _match_unemployed(pool, hires, rates.reemployment)
    pool = pool - reemployed_from
    unemployed_exits = rates.unemployed_exit * pool
    entrants = hires - reemployed_to
    flows = LaborFlows(attrition, hires, layoffs, reemployed_to, entrants, unemployed_exits)
    new_state = LaborState(
        employment=employment + change,
        unemployed=pool - unemployed_exits,
        exits=state.exits + attrition + unemployed_exits,
        entrants=state.entrants + entrants,
    )
    return new_state, flows


def _match_unemployed(
    pool: FloatArray, hires: FloatArray, reemployment_share: float
) -> tuple[FloatArray, FloatArray]:
    """Re-employment by destination (hires) and by origin (pool), persons."""
    pool_total = pool.sum(axis=-1, keepdims=True)
    hires_total = hires.sum(axis=-1, keepdims=True)
    matched = np.minimum(reemployment_share * pool_total, hires_total)
    to_share = hires * (matched / np.maximum(hires_total, TINY))
    from_share = pool * (matched / np.maximum(pool_total, TINY))
    return to_share, from_share
