"""Labour adjustment: positions follow required labour, workers separate, vacancies open.

The labour market has base flows in both worlds (calibrated to the 2015-2019
US economy, ``docs/model.md`` section 5) and the AI-driven changes on top.
Per step of length dt (years), for each occupation, in this order:

1. positions: employers aim at ``T_i = k_i L*_i`` positions (required labour
   times the occupation's positions per worker at the base-flow steady state,
   ``k_i = (E_i + V_i) / E_i``, :mod:`sim.mechanisms.steady_state`: the
   vacancies it keeps open to replace its separations) and move their
   positions ``J_i`` toward it:
   ``dJ = (T - J)(1 - exp(-lambda dt))``, bounded below by
   ``-(attrition + l_max dt) J`` and above by ``h_max dt J``;
2. separations: ``x_i dt E`` employed workers leave the labour force
   (attrition, BLS exit rates) and ``s dt E`` separate into unemployment
   (the base churn, ``labor.separation_rate_per_month``); where the remaining
   employment still exceeds the positions, the excess is laid off into
   unemployment, at most ``l_max dt E`` a step: so a shrinking occupation
   shrinks first by not refilling separations;

   cyclical separations (:mod:`sim.mechanisms.cyclical_separations`) rise
   where positions grow less than the non-AI trend and fall where they outgrow
   it, taking their positions with them;

   neither limit holds an occupation above its *viable* employment ``E_v``,
   where wages take the largest labour share employers carry,
   ``labor.max_labour_share`` (:func:`sim.mechanisms.wages.viable_employment`):
   positions above it fall to it at once and the excess of employment over it
   is laid off in the step.  ``E_v`` is several times required labour
   (``(s_max / s0)^(1 / (1 - beta))``, 3.2 at the defaults), so this binds only
   where required labour collapses faster than the limits let employment
   follow (a saturated industry whose productivity keeps rising);
3. vacancies: the positions not filled, ``V = max(J - E, 0)`` (posted when
   positions rise or workers separate, withdrawn when positions fall);
4. entry: ``n dt E`` people from outside the labour force join the unemployed
   of the occupation (``labor.unemployment_entry_rate_per_month``);
5. the unemployed search and are matched with the vacancies on the mobility
   network (:mod:`sim.mechanisms.reallocation`), which fills ``m_i`` of them;
   entrants from outside the labour force fill a share of the vacancies
   still open: ``eta`` (``labor.entrant_fill_rate_per_month``) on the non-AI
   trend path, more when vacancies are scarcer than on it and less when they
   are more plentiful (elasticity ``labor.entry_vacancy_elasticity``,
   :mod:`sim.mechanisms.unemployment_pool`); the rest stay open.

Before step 1 the target may be rationed: when the occupations of a world
together need more workers than the labour-force ceiling ``C`` (persons),
every position target is scaled by ``C / sum T``; and positions stop growing
at ``C`` (so employment, never above positions, stays within it): where
``sum(J + dJ)`` exceeds it, every positive change is
multiplied by ``1 - min(excess / sum(positive changes), 1)``.

Steps 1-4 are :func:`openings_step`; step 5 runs on the mobility network
(:mod:`sim.mechanisms.reallocation`), which also adds hires to employment.

Employment and vacancies never go negative, and by construction
``employed + unemployed + exits = start + entrants`` at every step (entrants
count both entry routes).  Arrays are (worlds, occupations); the stage works
on one world at a time.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from sim.mechanisms.compiled import TINY, compiled, total
from sim.mechanisms.cyclical_separations import positions_kept, response, trend_shortfall
from sim.params import LaborParams

FloatArray = NDArray[np.float64]
MONTHS_PER_YEAR = 12.0


class LaborState(NamedTuple):
    """Head counts and positions per occupation (persons); cumulative flows since the base year."""

    employment: FloatArray
    unemployed: FloatArray
    exits: FloatArray
    entrants: FloatArray
    """Cumulative entrants from outside the labour force: into jobs and into unemployment."""
    positions: FloatArray
    """Positions ``J``: filled plus open, persons."""
    vacancies: FloatArray
    """Open positions ``V``, persons; after a step, those still open."""

    @classmethod
    def start(
        cls,
        employment: FloatArray,
        unemployed: FloatArray,
        vacancies: FloatArray,
        ceiling: float = np.inf,
    ) -> LaborState:
        """Base-year state (fresh arrays): positions are employment plus open ``vacancies``.

        Where a world's positions would exceed ``ceiling`` (persons), its open
        positions are scaled down so that they fit (none if employment alone reaches it).
        """
        employed = np.array(employment, dtype=np.float64)
        vacant = np.broadcast_to(np.asarray(vacancies, dtype=np.float64), employed.shape).copy()
        room = np.maximum(ceiling - employed.sum(axis=-1, keepdims=True), 0.0)
        wanted = vacant.sum(axis=-1, keepdims=True)
        over = wanted > room
        if over.any():
            vacant = np.where(
                over, vacant * (np.minimum(room, wanted) / np.maximum(wanted, TINY)), vacant
            )
        positions = employed + vacant
        zeros = np.zeros_like(employed)
        return cls(
            employed,
            np.array(unemployed, dtype=np.float64),
            zeros,
            zeros.copy(),
            positions,
            positions - employed,
        )


class LaborFlows(NamedTuple):
    """Flows of one step, persons per step, per occupation."""

    attrition: FloatArray
    """Employed leaving the labour force."""
    hires: FloatArray
    """Vacancies filled: from the unemployed plus from outside the labour force."""
    layoffs: FloatArray
    """Separations into unemployment: the base churn plus demand-driven layoffs."""
    reemployed: FloatArray
    """Vacancies filled from the unemployed (by destination)."""
    entrants: FloatArray
    """Vacancies filled from outside the labour force."""
    unemployed_exits: FloatArray
    """Unemployed leaving the labour force (by last occupation)."""
    unemployment_entrants: FloatArray
    """People from outside the labour force starting to search (by occupation)."""

    @classmethod
    def none(cls, shape: tuple[int, ...]) -> FloatArray:
        """No flows (the base year), stacked (flows, *shape); ``LaborFlows(*rows)`` names them."""
        return np.zeros((len(cls._fields), *shape))


#: Rows of the stacked flows array, in :class:`LaborFlows` order.
(
    ATTRITION,
    HIRES,
    LAYOFFS,
    REEMPLOYED,
    ENTRANTS,
    UNEMPLOYED_EXITS,
    UNEMPLOYMENT_ENTRANTS,
) = (
    LaborFlows._fields.index(name)
    for name in (
        "attrition",
        "hires",
        "layoffs",
        "reemployed",
        "entrants",
        "unemployed_exits",
        "unemployment_entrants",
    )
)


def hazard_share(rate_per_year: float | FloatArray, step_years: float) -> FloatArray:
    """Share of a stock leaving within one step at a constant hazard."""
    return -np.expm1(-np.asarray(rate_per_year, dtype=float) * step_years)


def monthly_share(share_per_month: float, step_years: float) -> float:
    """Share per step of a share per month: ``1 - (1 - m)^(12 dt)`` (1 if ``m = 1``)."""
    if share_per_month >= 1.0:
        return 1.0
    return float(-np.expm1(MONTHS_PER_YEAR * step_years * np.log1p(-share_per_month)))


class StepRates(NamedTuple):
    """Per-step shares, resolved once from :class:`LaborParams` and the step length.

    Attributes
    ----------
    attrition : FloatArray
        Share of each occupation's employed leaving the labour force per step.
    adjustment : float
        Share of the gap to the position target closed per step.
    min_change : FloatArray
        Lower bound of the change in positions, share of positions per step:
        ``-(attrition + max layoffs)``, never below -1.
    max_hires : float
        Cap on the growth of positions, share of positions per step.
    max_layoffs : float
        Cap on demand-driven layoffs, share of employment per step.
    separation : float
        Base separations into unemployment, share of employment per step.
    unemployment_entry : float
        Entry into unemployment from outside the labour force, share of employment per step.
    entrant_fill : float
        Share of the vacancies open after matching filled from outside the labour force
        when they are at their reference (``eta``).
    entry_elasticity : float
        ``epsilon``: elasticity of that entry to the open vacancies
        (:func:`sim.mechanisms.unemployment_pool.settle_pool`; 1: a fixed share).
    positions_per_worker : FloatArray
        ``k_i``: positions per unit of required labour, per occupation (1 from
        :meth:`from_params`; the model sets the steady state's,
        :attr:`sim.mechanisms.steady_state.SteadyState.positions_per_worker`).
    reemployment, unemployed_exit : float
        Shares per step: the search hazard (applications of an unemployed worker at
        full search effectiveness) and exits of the unemployed.
    hiring_capacity : float
        Share of open vacancies with applicants that can hire within a step
        (``labor.hiring_capacity_per_month``).
    employment_ceiling : float
        Ceiling on each world's total employment, persons (inf = none).
    separation_response : float
        ``omega``: extra separations into unemployment (share of employment) per unit
        by which the step's growth of positions falls short of the non-AI trend's
        (``labor.separation_response``; fewer separations when positions grow faster).
    """

    attrition: FloatArray
    adjustment: float
    min_change: FloatArray
    max_hires: float
    max_layoffs: float
    separation: float
    unemployment_entry: float
    entrant_fill: float
    entry_elasticity: float
    positions_per_worker: FloatArray
    reemployment: float
    unemployed_exit: float
    employment_ceiling: float
    hiring_capacity: float
    separation_response: float

    @classmethod
    def from_params(
        cls,
        params: LaborParams,
        exit_rate_per_year: FloatArray,
        step_years: float,
        employment_ceiling: float = np.inf,
    ) -> StepRates:
        """Resolve rates per year or month into shares per step of ``step_years``."""
        attrition = hazard_share(exit_rate_per_year * params.exit_rate_multiplier, step_years)
        layoffs = np.minimum(params.max_layoff_rate_per_year * step_years, 1.0 - attrition)
        separation = monthly_share(params.separation_rate_per_month, step_years)
        return cls(
            attrition=np.ascontiguousarray(attrition, dtype=np.float64),
            adjustment=float(hazard_share(params.adjustment_speed_per_year, step_years)),
            min_change=np.ascontiguousarray(-(attrition + layoffs), dtype=np.float64),
            max_hires=float(params.max_hiring_rate_per_year * step_years),
            max_layoffs=float(params.max_layoff_rate_per_year * step_years),
            separation=separation,
            separation_response=float(params.separation_response),
            unemployment_entry=monthly_share(params.unemployment_entry_rate_per_month, step_years),
            entrant_fill=monthly_share(params.entrant_fill_rate_per_month, step_years),
            entry_elasticity=float(params.entry_vacancy_elasticity),
            positions_per_worker=np.ones_like(attrition, dtype=np.float64),
            reemployment=float(hazard_share(params.reemployment_rate_per_year, step_years)),
            unemployed_exit=float(hazard_share(params.unemployed_exit_rate_per_year, step_years)),
            employment_ceiling=float(employment_ceiling),
            hiring_capacity=monthly_share(params.hiring_capacity_per_month, step_years),
        )


@compiled
def openings_step(
    rates, required, trend_growth, viable, labour, change, flows, w
):  # pragma: no cover
    """Steps 1-4 for world ``w``: positions, separations, layoffs, vacancies and entry.

    ``required`` (L*), ``viable`` (the employment at which wages take the
    largest labour share employers carry,
    :func:`sim.mechanisms.wages.viable_employment`) and the scratch ``change``
    are world ``w``'s rows, persons: positions and employment above ``viable``
    fall to it whatever the limits on their fall (module docstring);
    ``labour`` the :class:`LaborState` (employment, positions and
    vacancies of row ``w`` are advanced); ``flows`` the stacked (flows,
    worlds, occupations) array: attrition, layoffs (all separations into
    unemployment) and entry into unemployment are set, hires are left to
    matching.
    """
    employment, positions, vacancies = (
        labour.employment[w],
        labour.positions[w],
        labour.vacancies[w],
    )
    n = employment.shape[0]
    per_worker = rates.positions_per_worker
    ceiling = rates.employment_ceiling
    total_required = total(required, per_worker)
    rationed = total_required > ceiling
    scale = ceiling / max(total_required, TINY) if rationed else 1.0
    new_total = 0.0
    for i in range(n):
        target = required[i] * per_worker[i] * scale
        step = (target - positions[i]) * rates.adjustment
        step = min(max(step, rates.min_change[i] * positions[i]), rates.max_hires * positions[i])
        change[i] = min(step, viable[i] - positions[i])
        new_total += positions[i] + change[i]
    if new_total > ceiling:  # growth stops at the ceiling
        growth = 0.0
        for i in range(n):
            growth += max(change[i], 0.0)
        keep = 1.0 - min((new_total - ceiling) / max(growth, TINY), 1.0)
        new_total = 0.0
        for i in range(n):
            if change[i] > 0.0:
                change[i] = change[i] * keep
            new_total += positions[i] + change[i]
    kept = positions_kept(rates, trend_growth, employment, positions, change, new_total)
    for i in range(n):
        shortfall = trend_shortfall(trend_growth[i], change[i], positions[i])
        # positions fall by at most -min_change a step, the response's included
        room = max(change[i] - rates.min_change[i] * positions[i], 0.0)
        positions[i] = positions[i] + change[i]
        attrition = rates.attrition[i] * employment[i]
        cyclical = response(rates, shortfall, room, employment[i], kept)
        base = min(rates.separation * employment[i], employment[i] - attrition)
        churn = min(
            max(rates.separation + cyclical, 0.0) * employment[i], employment[i] - attrition
        )
        # the response's separations take their positions with them: more are destroyed
        # when positions fall short of the trend, fewer when they outgrow it
        positions[i] = max(positions[i] - (churn - base), 0.0)
        remaining = employment[i] - attrition - churn
        limit = max((rates.max_layoffs - max(cyclical, 0.0)) * employment[i], remaining - viable[i])
        laid_off = min(max(remaining - positions[i], 0.0), limit, remaining)
        flows[ATTRITION, w, i] = attrition
        flows[LAYOFFS, w, i] = churn + laid_off
        flows[UNEMPLOYMENT_ENTRANTS, w, i] = rates.unemployment_entry * employment[i]
        flows[HIRES, w, i] = 0.0
        employment[i] = remaining - laid_off
        vacancies[i] = max(positions[i] - employment[i], 0.0)
