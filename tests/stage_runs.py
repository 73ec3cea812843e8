"""Run the compiled step stages on small hand-built arrays (the stages themselves, never a copy).

The model runs the stages through :func:`sim.model.kernel.advance`; these
helpers call the same functions, in the loop's order, on copies of the
given states, so mechanism tests can check hand-worked and analytic cases.
"""

from __future__ import annotations

import numpy as np

from sim.mechanisms import demand, labor, reallocation, unemployment_pool, wages
from sim.mechanisms.price import unpassed_gain
from sim.params import LaborParams

#: The labour parameters the hand-worked labour cases assume, pinned (not the
#: defaults, which may change); a test changes only the ones it names.
PINNED_LABOUR = {
    "adjustment_speed_per_year": 1.0,
    "max_hiring_rate_per_year": 0.25,
    "max_layoff_rate_per_year": 0.15,
    "exit_rate_multiplier": 1.0,
    "reemployment_rate_per_year": 2.5,
    "unemployed_exit_rate_per_year": 0.1,
    "labour_force_ceiling_multiple": 1.66,
    # No base flows (issue 20): no churn, no entry into unemployment, no vacancies left
    # open, no duration dependence, every vacancy with an applicant hires within the step;
    # the hand-worked cases are the AI-driven adjustment alone.
    "separation_rate_per_month": 0.0,
    "unemployment_entry_rate_per_month": 0.0,
    "entrant_fill_rate_per_month": 1.0,
    "long_term_search_effectiveness": 1.0,
    "hiring_capacity_per_month": 1.0,
    "separation_response": 0.0,
    "entry_vacancy_elasticity": 1.0,
}
#: The defaults of the base flows (to switch them on over :data:`PINNED_LABOUR`).
BASE_FLOWS = {
    name: LaborParams.model_fields[name].default
    for name in (
        "separation_rate_per_month",
        "unemployment_entry_rate_per_month",
        "entrant_fill_rate_per_month",
        "long_term_search_effectiveness",
        "hiring_capacity_per_month",
        "separation_response",
        "entry_vacancy_elasticity",
    )
}


def labour_params(**changes: float) -> LaborParams:
    """:class:`LaborParams` with :data:`PINNED_LABOUR`, then ``changes``."""
    return LaborParams(**{**PINNED_LABOUR, **changes})


def _copy(values) -> np.ndarray:
    return np.array(values, dtype=np.float64, copy=True)


def start_state(employment, unemployed=None, openings_rate=0.0) -> labor.LaborState:
    """A base-year :class:`~sim.mechanisms.labor.LaborState` (unemployed 0 unless given).

    ``openings_rate`` of every occupation's positions are open (the model starts
    each occupation at its own steady state instead, :mod:`sim.mechanisms.steady_state`).
    """
    employment = np.asarray(employment, dtype=np.float64)
    jobless = np.zeros_like(employment) if unemployed is None else unemployed
    vacancies = employment * (openings_rate / (1.0 - openings_rate))
    return labor.LaborState.start(employment, jobless, vacancies)


def empty_search(shape, matching: reallocation.Matching) -> unemployment_pool.SearchState:
    """Nobody unemployed: a search state of ``shape`` = (worlds, occupations)."""
    bins = matching.long_term_steps + 1
    return unemployment_pool.SearchState(np.zeros((shape[0], bins, shape[1])))


def labour_step(
    state: labor.LaborState,
    search: unemployment_pool.SearchState,
    target: np.ndarray,
    rates: labor.StepRates,
    matching: reallocation.Matching,
    edge_flows: np.ndarray | None = None,
    trend_growth: np.ndarray | None = None,
    entry_reference: float = 0.0,
) -> tuple[labor.LaborState, labor.LaborFlows, unemployment_pool.SearchState, reallocation.Moves]:
    """One labour-market step of every world: openings, matching on the network, settling.

    Arrays are (worlds, occupations); the inputs are not changed.  With
    ``edge_flows`` (worlds, edges), re-employment by edge is added to it.
    ``trend_growth`` (occupations,) is the non-AI trend's growth a step (0 if not given);
    ``entry_reference`` the open vacancies (all occupations) at which entrants fill the
    share ``eta`` (persons; 0 if not given: a fixed share ``eta`` whatever the elasticity).
    """
    labour = labor.LaborState(*(_copy(part) for part in state))
    search = unemployment_pool.SearchState(_copy(search.by_duration))
    shape = labour.employment.shape
    flows = labor.LaborFlows.none(shape)
    moves = reallocation.Moves.none(shape)
    scratch = reallocation.SearchScratch.empty(shape)
    change = np.zeros(shape)
    target = np.ascontiguousarray(np.broadcast_to(target, shape), dtype=np.float64)
    pooled = []
    viable = np.full(shape[1], np.inf)  # no labour-share limit on layoffs
    growth = np.zeros(shape[1]) if trend_growth is None else _copy(trend_growth)
    for w in range(shape[0]):
        labor.openings_step(rates, target[w], growth, viable, labour, change[w], flows, w)
        pooled.append(
            unemployment_pool.age_pool(
                search.by_duration[w],
                labour.unemployed[w],
                flows,
                matching.effectiveness,
                scratch.pool[w],
                scratch.effective[w],
                w,
            )
        )
    if any(pooled):
        edges = np.zeros((shape[0], 0)) if edge_flows is None else edge_flows
        reallocation.match_worlds(rates, matching, moves, flows, scratch, labour.vacancies, edges)
    else:
        for w in range(shape[0]):
            reallocation.no_searchers(moves, flows, scratch, labour.vacancies[w], w, False)
    for w in range(shape[0]):
        unemployment_pool.settle_pool(
            rates, matching, labour, search, flows, scratch, entry_reference, w
        )
    return labour, labor.LaborFlows(*flows), search, moves


def demand_path(
    curves: demand.DemandCurves, log_productivity: np.ndarray, labour_trend: np.ndarray
) -> list[demand.DemandState]:
    """Demand states after each step of ``log_productivity`` (steps + 1, worlds, occupations).

    Row 0 is the base year; ``labour_trend`` is (occupations,) persons, the same every step.
    """
    log_productivity = np.ascontiguousarray(log_productivity, dtype=np.float64)
    trend = np.ascontiguousarray(labour_trend, dtype=np.float64)
    worlds, n = log_productivity.shape[1:]
    state = demand.DemandState.start(
        curves, log_productivity[0], np.broadcast_to(trend, (worlds, n))
    )
    spending = np.zeros(n)
    states = []
    for t in range(1, log_productivity.shape[0]):
        for w in range(worlds):
            demand.demand_step(
                curves, state, spending, log_productivity[t, w], log_productivity[0, w], trend, w
            )
        states.append(demand.DemandState(*(part.copy() for part in state)))
    return states


def saturated(curves: demand.DemandCurves, log_output: np.ndarray) -> np.ndarray:
    """The compiled saturated elasticity of every occupation at ``log_output`` (occupations,)."""
    out = np.empty(np.shape(log_output))
    demand.elasticities(curves, np.ascontiguousarray(log_output, dtype=np.float64), out)
    return out


def wage_state(
    rule: wages.WageRule,
    employment: np.ndarray,
    required: np.ndarray,
    log_productivity_gain: np.ndarray,
) -> wages.WageState:
    """Wages and output value of every world at ``ln(A / A(base))`` (worlds, occupations)."""
    employment, required, gain = (
        np.ascontiguousarray(a, dtype=np.float64)
        for a in (employment, required, log_productivity_gain)
    )
    state = wages.WageState.empty(employment.shape)
    unpassed = unpassed_gains(rule.pass_through, gain)
    for w in range(employment.shape[0]):
        wages.wages_step(rule, employment[w], required[w], unpassed[w], state, w)
    return state


def unpassed_gains(pass_through: float, log_gain: np.ndarray) -> np.ndarray:
    """``(A / A(base))^(1 - phi)`` of every cell of ``log_gain``, by the model's own function."""
    gains = np.asarray(log_gain, dtype=np.float64)
    return np.vectorize(lambda g: unpassed_gain(pass_through, float(g)), otypes=[float])(gains)


def labour_share(state: wages.WageState, employment: np.ndarray) -> np.ndarray:
    """Wage bill over output value per world (the recorded totals' ratio)."""
    return (state.wage * employment).sum(axis=-1) / state.output_value.sum(axis=-1)
