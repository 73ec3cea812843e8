"""The start at each occupation's steady state of the base flows: a fixed point of the step."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from sim.errors import ScenarioError
from sim.mechanisms import labor, network, reallocation, steady_state, unemployment_pool
from sim.params import LaborParams
from tests.stage_runs import labour_step

STEP = 1 / 12
#: Five occupations on a ring plus a hub, unequal sizes and exit rates: their own
#: steady states differ (a uniform openings rate would not be one).
EMPLOYMENT = np.array([1000.0, 40.0, 5000.0, 250.0, 1200.0])
EXIT_PER_YEAR = np.array([0.02, 0.05, 0.03, 0.01, 0.04])
EDGES = ((0, 1), (1, 2), (2, 3), (3, 4), (4, 0), (0, 2), (2, 0), (3, 1))


def setting(participation=0.0, **labour):
    edges = network.Edges(
        np.array([a for a, _ in EDGES], dtype=np.intp),
        np.array([b for _, b in EDGES], dtype=np.intp),
        np.linspace(0.3, 1.0, len(EDGES)),
    )
    reach = 2 if participation > 0.0 else 0
    net = network.build(EMPLOYMENT.size, edges, 0.5, reach)
    params = LaborParams(**labour)
    matching = reallocation.Matching.build(
        net, participation, 27.0, STEP, 0.0, params.long_term_search_effectiveness
    )
    rates = labor.StepRates.from_params(params, EXIT_PER_YEAR, STEP)
    return rates, matching


def start(rates, matching, growth=None):
    state = steady_state.solve(rates, matching, EMPLOYMENT, growth)
    rates = rates._replace(positions_per_worker=state.positions_per_worker)
    labour = labor.LaborState.start(EMPLOYMENT[None], state.unemployed[None], state.vacancies)
    search = unemployment_pool.SearchState.in_every_world(state.by_duration, 1)
    return state, rates, labour, search


@pytest.mark.parametrize("participation", [0.0, 0.3])
def test_a_step_from_the_steady_state_changes_nothing(participation):
    rates, matching = setting(participation)
    state, rates, labour, search = start(rates, matching)
    assert state.iterations < steady_state.MAX_ITERATIONS
    new, flows, new_search, _ = labour_step(labour, search, EMPLOYMENT[None], rates, matching)
    assert_allclose(new.employment, labour.employment, rtol=1e-9)
    assert_allclose(new.vacancies, labour.vacancies, rtol=1e-8)
    assert_allclose(new.unemployed, labour.unemployed, rtol=1e-8)
    assert_allclose(new_search.by_duration, search.by_duration, rtol=1e-8, atol=1e-12)
    assert_allclose(flows.hires, flows.attrition + flows.layoffs, rtol=1e-8)


def test_occupations_that_fill_slowly_hold_more_openings():
    rates, matching = setting()
    state, *_ = start(rates, matching)
    rate = state.vacancies / (EMPLOYMENT + state.vacancies)
    assert np.ptp(rate) > 0.005  # not one uniform openings rate
    assert np.all(state.positions_per_worker > 1.0)
    assert np.all(state.unemployed > 0.0)


def test_on_a_growth_path_every_stock_grows_by_the_factor():
    """The growth path is the non-AI trend's: separations stay at their base rate
    (labor.separation_response at its default acts only on growth off the trend)."""
    rates, matching = setting()
    growth = np.array([1.002, 1.0, 0.998, 1.001, 1.0005])
    _, rates, labour, search = start(rates, matching, growth)
    new, flows, *_ = labour_step(
        labour, search, (EMPLOYMENT * growth)[None], rates, matching, None, growth - 1.0
    )
    assert_allclose(new.employment[0], EMPLOYMENT * growth, rtol=1e-9)
    assert_allclose(new.vacancies[0], labour.vacancies[0] * growth, rtol=2e-3)
    assert_allclose(flows.layoffs[0], rates.separation * EMPLOYMENT, rtol=1e-9)


def test_without_base_flows_nobody_is_unemployed_and_only_attrition_is_replaced():
    rates, matching = setting(separation_rate_per_month=0.0, unemployment_entry_rate_per_month=0.0)
    state, *_ = start(rates, matching)
    assert_allclose(state.unemployed, 0.0)
    filled_by_entrants = rates.entrant_fill
    hires = rates.attrition * EMPLOYMENT
    assert_allclose(state.vacancies, hires * (1.0 - filled_by_entrants) / filled_by_entrants)


def test_no_steady_state_is_a_clear_error():
    """Nobody searches and no entrant fills: separations can never be replaced."""
    rates, matching = setting(reemployment_rate_per_year=0.0, entrant_fill_rate_per_month=0.0)
    with pytest.raises(ScenarioError, match=r"no steady state .* labor\.\* rates"):
        steady_state.solve(rates, matching, EMPLOYMENT)
