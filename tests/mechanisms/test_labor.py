"""Labour adjustment: conservation, non-negativity, attrition before layoffs, base flows.

The stages run on a complete mobility network (every occupation reachable
from every other), so matching does not depend on who is whose neighbour.
Most tests switch the base flows off (:func:`tests.stage_runs.labour_params`)
to check the AI-driven adjustment by hand; the last ones check the base flows.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.testing import assert_allclose

from sim.mechanisms import labor, network, reallocation
from sim.params import LaborParams
from tests.stage_runs import BASE_FLOWS, empty_search, labour_params, labour_step, start_state

N = 6
positive = hnp.arrays(np.float64, N, elements=st.floats(0, 1e7))


def complete(n):
    pairs = [(i, j) for i in range(n) for j in range(n) if i != j]
    source, target = zip(*pairs, strict=True) if pairs else ((), ())
    edges = network.Edges(
        np.array(source, dtype=np.intp), np.array(target, dtype=np.intp), np.ones(len(pairs))
    )
    return network.build(n, edges, 0.5, 0)


def step(state, target, exit_rate, params=None, step_years=1 / 12, search=None):
    """One labour step with rates resolved from ``params`` (defaults if None).

    Arrays may be 1-d (one world).  Without ``search``, the unemployed are one
    step into unemployment.  Returns the new state, the flows and the search state.
    """
    one_world = np.ndim(state.employment) == 1
    state = labor.LaborState(*(np.atleast_2d(part) for part in state))
    n = state.employment.shape[-1]
    params = params or labour_params()
    rates = labor.StepRates.from_params(params, exit_rate, step_years)
    matching = reallocation.Matching.build(
        complete(n), 0.0, 27.0, step_years, 0.0, params.long_term_search_effectiveness
    )
    if search is None:
        search = empty_search(state.employment.shape, matching)
        search.by_duration[:, 1] = state.unemployed
    new, flows, search, _ = labour_step(state, search, np.atleast_2d(target), rates, matching)
    if one_world:
        new = labor.LaborState(*(part[0] for part in new))
        flows = labor.LaborFlows(*(part[0] for part in flows))
    return new, flows, search


def total(state: labor.LaborState) -> float:
    return state.employment.sum() + state.unemployed.sum() + state.exits.sum()


@settings(max_examples=200, deadline=None)  # the first example may compile the stages
@given(
    employment=positive,
    targets=st.lists(positive, min_size=1, max_size=12),
    exit_pct=hnp.arrays(np.float64, N, elements=st.floats(0, 20)),
    hire=st.floats(0, 5),
    layoff=st.floats(0, 5),
    speed=st.floats(0, 52),
    reemploy=st.floats(0, 52),
    base_flows=st.sampled_from([{}, BASE_FLOWS]),
)
def test_conserves_workers_and_never_negative(
    employment, targets, exit_pct, hire, layoff, speed, reemploy, base_flows
):
    params = labour_params(
        **base_flows,
        max_hiring_rate_per_year=hire,
        max_layoff_rate_per_year=layoff,
        adjustment_speed_per_year=speed,
        reemployment_rate_per_year=reemploy,
    )
    state = start_state(employment)
    start = employment.sum()
    search = None
    for target in targets:
        state, flows, search = step(state, target, exit_pct / 100, params, 1 / 12, search)
        assert np.all(state.employment >= 0)
        assert np.all(state.unemployed >= -1e-9 * max(start, 1))
        assert total(state) == pytest.approx(start + state.entrants.sum(), rel=1e-9, abs=1e-6)
        assert np.all(flows.reemployed <= flows.hires + 1e-9)
        assert np.all(state.vacancies >= 0.0)


def test_steady_target_replaces_leavers_without_layoffs():
    state = start_state(np.array([1000.0]))
    params = labour_params()
    new, flows, _ = step(state, np.array([1000.0]), np.array([0.12]), params, 1.0)
    assert_allclose(new.employment, 1000.0)
    assert flows.layoffs[0] == 0.0
    assert flows.hires[0] == pytest.approx(flows.attrition[0])


def test_small_decline_absorbed_by_attrition():
    params = labour_params(adjustment_speed_per_year=52.0)
    state = start_state(np.array([1000.0]))
    new, flows, _ = step(state, np.array([990.0]), np.array([0.12]), params, 1 / 12)
    assert flows.layoffs[0] == 0.0
    assert new.unemployed[0] == 0.0


def test_large_decline_is_capped_by_layoff_rate():
    params = labour_params(adjustment_speed_per_year=52.0, max_layoff_rate_per_year=0.12)
    state = start_state(np.array([1000.0]))
    _, flows, _ = step(state, np.array([0.0]), np.array([0.0]), params, 1 / 12)
    assert flows.layoffs[0] == pytest.approx(1000.0 * 0.12 / 12)


def test_unemployed_fill_hires_elsewhere_before_entrants():
    params = labour_params(adjustment_speed_per_year=52.0, reemployment_rate_per_year=52.0)
    state = start_state(np.array([1000.0, 1000.0]), np.array([50.0, 0.0]))
    _, flows, _ = step(state, np.array([1000.0, 1020.0]), np.zeros(2), params, 1 / 12)
    hires = 20.0 * -np.expm1(-52 / 12)
    assert flows.hires[1] == pytest.approx(hires)
    # 50 (1 - exp(-52/12)) ~ 49.3 searchers apply to ~19.7 vacancies: urn-ball fills
    # v (1 - exp(-a / v)) of them, the rest go to entrants
    applicants = 50.0 * -np.expm1(-52 / 12)
    assert flows.reemployed[1] == pytest.approx(hires * -np.expm1(-applicants / hires))
    assert flows.entrants.sum() == pytest.approx(hires - flows.reemployed[1])


def test_worlds_axis_is_independent():
    one = start_state(np.array([[1000.0, 500.0]]))
    two = start_state(np.array([[1000.0, 500.0], [10.0, 20.0]]))
    target = np.array([[800.0, 700.0], [5.0, 30.0]])
    a, _, _ = step(one, target[:1], np.array([0.03, 0.05]))
    b, _, _ = step(two, target, np.array([0.03, 0.05]))
    assert_allclose(a.employment[0], b.employment[0])
    assert_allclose(a.unemployed[0], b.unemployed[0])


def test_base_churn_separates_and_refills_at_a_steady_target():
    """Base flows: separations into unemployment at the CPS rate, positions kept, vacancies open."""
    params = LaborParams()
    employment = np.array([1000.0, 3000.0])
    state = start_state(employment, employment * 0.046)
    new, flows, _ = step(state, employment, np.zeros(2), params)
    separation = 1.0 - (1.0 - params.separation_rate_per_month)
    assert_allclose(flows.layoffs, separation * employment, rtol=1e-12)
    assert_allclose(flows.unemployment_entrants, 0.00147 * employment, rtol=1e-12)
    assert_allclose(new.positions, employment, rtol=1e-12)  # positions per worker 1 here
    assert np.all(new.vacancies > 0.0)
    assert_allclose(new.employment + new.vacancies, new.positions, rtol=1e-12)
    assert np.all(flows.hires == flows.reemployed + flows.entrants)


def test_vacancies_are_withdrawn_before_anybody_is_laid_off():
    """Without the cyclical response, a fall in required labour first closes open positions;
    layoffs only beyond them."""
    params = LaborParams(adjustment_speed_per_year=52.0, separation_response=0.0)
    employment = np.array([1000.0])
    state = start_state(employment, None, 0.0415)
    open_before = state.vacancies[0]
    new, flows, _ = step(state, np.array([990.0]), np.zeros(1), params)
    assert new.vacancies[0] < open_before
    churn = params.separation_rate_per_month * 1000.0
    assert flows.layoffs[0] == pytest.approx(churn)  # no layoffs beyond the churn


def _openings(
    viable, employment=(1000.0, 1000.0), required=(100.0, 100.0), trend_growth=0.0, **changes
):
    """One openings step of one world, positions = employment at the start; (state, flows).

    ``trend_growth``: the non-AI trend's growth in the step, every occupation.
    """
    params = labour_params(
        **{"adjustment_speed_per_year": 1.0, "max_layoff_rate_per_year": 0.12, **changes}
    )
    employed = np.array([employment], dtype=np.float64)
    rates = labor.StepRates.from_params(params, np.zeros(employed.shape[1]), 1 / 12)
    state = labor.LaborState.start(employed, np.zeros_like(employed), np.zeros_like(employed))
    flows = labor.LaborFlows.none(employed.shape)
    change = np.zeros(employed.shape)
    viable = np.asarray(viable, dtype=np.float64)
    labor.openings_step(
        rates,
        np.array(required, dtype=np.float64),
        np.full(employed.shape[1], float(trend_growth)),
        viable,
        state,
        change[0],
        flows,
        0,
    )
    return state, flows


def test_employment_above_viable_falls_to_it_whatever_the_layoff_limit():
    state, flows = _openings([400.0, np.inf])
    # occupation 0: positions and employment fall to 400 in the step (600 laid off)
    assert state.positions[0, 0] == pytest.approx(400.0)
    assert state.employment[0, 0] == pytest.approx(400.0)
    assert flows[labor.LAYOFFS, 0, 0] == pytest.approx(600.0)
    assert state.vacancies[0, 0] == 0.0
    # occupation 1: the limits hold, 12%/year of employment in a month
    assert flows[labor.LAYOFFS, 0, 1] == pytest.approx(1000.0 * 0.12 / 12)
    assert state.employment[0, 1] == pytest.approx(990.0)


def test_a_viable_employment_that_does_not_bind_changes_nothing():
    employment = (1000.0, 800.0, 50.0)
    required = (100.0, 900.0, 60.0)
    free, free_flows = _openings([np.inf] * 3, employment, required, separation_rate_per_month=0.01)
    loose, loose_flows = _openings(
        [5000.0] * 3, employment, required, separation_rate_per_month=0.01
    )
    for a, b in zip((*free, free_flows), (*loose, loose_flows), strict=True):
        np.testing.assert_array_equal(a, b)


#: One monthly step that closes almost the whole gap (a = 1 - exp(-52/12)), 1%/month churn,
#: positions may fall by up to 6%/month (the response's fall included).
FAST = {
    "adjustment_speed_per_year": 52.0,
    "separation_rate_per_month": 0.01,
    "max_layoff_rate_per_year": 0.72,
}
CLOSED = -np.expm1(-52.0 / 12.0)


def _response(required, omega, trend_growth=0.0):
    """Openings step of one occupation of 1000 at ``required``: (state, flows) with the
    cyclical response ``omega`` and without it."""
    with_response = _openings(
        [np.inf], (1000.0,), (required,), trend_growth, separation_response=omega, **FAST
    )
    without = _openings(
        [np.inf], (1000.0,), (required,), trend_growth, separation_response=0.0, **FAST
    )
    return with_response, without


def test_separations_rise_by_omega_times_the_shortfall_when_demand_falls():
    """Positions fall 0.987% in the step against a flat trend: omega of that share of
    employment is laid off on top of the churn, positions go with them, vacancies do not move."""
    (state, flows), (state0, flows0) = _response(990.0, omega=1.0)
    fall = 10.0 * CLOSED  # positions' fall, persons (positions = employment = 1000)
    assert flows0[labor.LAYOFFS, 0, 0] == pytest.approx(10.0)  # the churn alone
    assert flows[labor.LAYOFFS, 0, 0] == pytest.approx(10.0 + fall)
    assert state.positions[0, 0] == pytest.approx(state0.positions[0, 0] - fall)
    assert state.employment[0, 0] == pytest.approx(state0.employment[0, 0] - fall)
    assert state.vacancies[0, 0] == pytest.approx(state0.vacancies[0, 0])


def test_separations_fall_when_positions_outgrow_the_trend():
    (state, flows), (state0, flows0) = _response(1005.0, omega=1.0)
    rise = 5.0 * CLOSED
    assert flows[labor.LAYOFFS, 0, 0] == pytest.approx(10.0 - rise)
    assert flows[labor.LAYOFFS, 0, 0] < flows0[labor.LAYOFFS, 0, 0]
    assert state.employment[0, 0] == pytest.approx(state0.employment[0, 0] + rise)
    assert state.vacancies[0, 0] == pytest.approx(state0.vacancies[0, 0])


@pytest.mark.parametrize(
    ("required", "trend_growth"), [(1000.0, 0.0), (1005.0, 0.005 * CLOSED), (990.0, -0.01 * CLOSED)]
)
def test_no_extra_separations_while_positions_follow_the_trend(required, trend_growth):
    """Steady demand, or demand moving exactly with the non-AI trend: the churn alone,
    bit for bit what the step gives without the response (up to rounding of the growth)."""
    (state, flows), (state0, flows0) = _response(required, 1.08, trend_growth)
    assert flows[labor.LAYOFFS, 0, 0] == pytest.approx(flows0[labor.LAYOFFS, 0, 0], abs=1e-9)
    assert flows[labor.LAYOFFS, 0, 0] == pytest.approx(10.0, abs=1e-9)
    assert state.employment[0, 0] == pytest.approx(state0.employment[0, 0], abs=1e-9)


def test_positions_fall_no_faster_than_the_layoff_limit_with_the_response():
    """A collapse: positions fall by max_layoff_rate_per_year (72%/year here, no attrition)
    in the step, the response's fall included, so it adds nothing to the fastest decline."""
    (state, flows), (state0, flows0) = _response(0.0, omega=1.08)
    assert state.positions[0, 0] == pytest.approx(1000.0 * (1 - 0.72 / 12))
    assert state.positions[0, 0] == pytest.approx(state0.positions[0, 0])
    assert flows[labor.LAYOFFS, 0, 0] == pytest.approx(flows0[labor.LAYOFFS, 0, 0])
