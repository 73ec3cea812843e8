"""Search and matching on the mobility network: conservation, neighbours first, retraining,
the Beveridge curve."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.testing import assert_allclose

from sim.mechanisms import labor, network, reallocation, unemployment_pool
from sim.params import LaborParams
from tests.stage_runs import BASE_FLOWS, empty_search, labour_params, labour_step, start_state

N = 5
STEP = 1 / 12


def toy_network(edges, n, self_loop=0.5, reach=0):
    source, target = zip(*edges, strict=True) if edges else ((), ())
    weighted = network.Edges(
        np.array(source, dtype=np.intp), np.array(target, dtype=np.intp), np.ones(len(edges))
    )
    return network.build(n, weighted, self_loop, reach)


def matching_for(net, participation=0.0, long_term_effectiveness=1.0):
    return reallocation.Matching.build(net, participation, 27.0, STEP, 0.0, long_term_effectiveness)


def edge_count(net):
    return net.search.nnz + (net.retraining.nnz if net.has_retraining else 0)


def simulate(net, employment, targets, participation=0.0, params=None, exit_pct=0.0):
    """Run ``targets`` (one per step, shape (1, n)) from ``employment``.

    Returns the matching, and per step the states, flows and moves; the flows
    by edge summed over all steps are ``history.edges`` (worlds, edges).
    """
    params = params or labour_params()
    rates = labor.StepRates.from_params(params, np.full(employment.shape[-1], exit_pct / 100), STEP)
    matching = matching_for(net, participation, params.long_term_search_effectiveness)
    state = start_state(employment, None)
    search = empty_search(employment.shape, matching)
    history = Steps()
    history.edges = np.zeros((employment.shape[0], edge_count(net)))
    for target in targets:
        state, flows, search, moves = labour_step(
            state, search, target, rates, matching, history.edges
        )
        history.append((state, flows, search, moves))
    return matching, history


class Steps(list):
    """Per-step results, with the summed flows by edge as ``edges``."""

    edges: np.ndarray


def year_flows(net, history):
    """Edge flows summed over all steps (worlds, edges), with W's (row, col) per edge."""
    flows = history.edges
    matrices = [net.search] + ([net.retraining] if net.has_retraining else [])
    rows = np.concatenate([np.repeat(np.arange(N), np.diff(m.indptr)) for m in matrices])
    cols = np.concatenate([m.indices for m in matrices])
    return flows, rows, cols


positive = hnp.arrays(np.float64, (1, N), elements=st.floats(0, 1e6))
edge_sets = st.lists(
    st.tuples(st.integers(0, N - 1), st.integers(0, N - 1)).filter(lambda e: e[0] != e[1]),
    max_size=12,
    unique=True,
)


@settings(max_examples=60, deadline=None)
@given(
    employment=positive,
    targets=st.lists(positive, min_size=1, max_size=10),
    edges=edge_sets,
    participation=st.floats(0, 1),
    search_rate=st.floats(0, 52),
    exit_pct=st.floats(0, 20),
    base_flows=st.sampled_from([{}, BASE_FLOWS]),
)
def test_conserves_workers_and_never_negative(
    employment, targets, edges, participation, search_rate, exit_pct, base_flows
):
    net = toy_network(edges, N, reach=3 if participation > 0 else 0)
    params = labour_params(**base_flows, reemployment_rate_per_year=search_rate)
    _, history = simulate(net, employment, targets, participation, params, exit_pct)
    start = employment.sum()
    reemployed = 0.0
    for state, flows, search, _ in history:
        total = state.employment.sum() + state.unemployed.sum() + state.exits.sum()
        assert total == pytest.approx(start + state.entrants.sum(), rel=1e-9, abs=1e-6)
        assert np.all(state.employment >= 0)
        assert np.all(state.vacancies >= 0)
        assert np.all(search.by_duration >= -1e-9 * max(start, 1))
        assert_allclose(search.by_duration.sum(axis=1), state.unemployed, rtol=1e-9, atol=1e-6)
        assert np.all(flows.reemployed <= flows.hires * (1 + 1e-12) + 1e-9)
        reemployed += flows.reemployed.sum()
    flows, _, _ = year_flows(net, history)
    assert flows.sum() == pytest.approx(reemployed, rel=1e-9, abs=1e-6)


def shrink_and_grow(shrinking=0, steps=36, factor=0.5):
    """Occupation ``shrinking`` halves; the others each grow by the same number of workers."""
    employment = np.full((1, N), 10_000.0)
    target = employment.copy()
    target[0, shrinking] *= factor
    others = np.arange(N) != shrinking
    target[0, others] += (employment[0, shrinking] - target[0, shrinking]) / others.sum()
    return employment, [target] * steps


def test_displaced_workers_go_to_network_neighbours():
    # 0 -> 1 only; 2, 3, 4 grow as much as 1 but are not reachable from 0.
    net = toy_network([(0, 1), (2, 3), (3, 4), (4, 2)], N)
    employment, targets = shrink_and_grow()
    _, history = simulate(net, employment, targets)
    flows, rows, cols = year_flows(net, history)
    from_zero = flows[0, rows == 0]
    assert from_zero.sum() > 500.0  # the test exercises real reallocation
    assert_allclose(from_zero[cols[rows == 0] == 1].sum(), from_zero.sum())


def test_neighbours_by_relatedness_first():
    # Both 1 and 2 are neighbours of 0, 1 twice as related: twice the applications.
    weighted = network.Edges(np.array([0, 0]), np.array([1, 2]), np.array([1.0, 0.5]))
    net = network.build(3, weighted, 0.5, 0)
    employment = np.full((1, 3), 10_000.0)
    targets = [np.array([[5_000.0, 12_500.0, 12_500.0]])] * 24
    params = labour_params(reemployment_rate_per_year=2.5)  # few applicants
    rates = labor.StepRates.from_params(params, np.zeros(3), STEP)
    matching = matching_for(net)
    state = start_state(employment)
    search = empty_search(employment.shape, matching)
    edges = np.zeros((1, edge_count(net)))
    for target in targets:
        state, _, search, _ = labour_step(state, search, target, rates, matching, edges)
    flows = edges[0]
    to_one, to_two = flows[net.search.indptr[0] + 1], flows[net.search.indptr[0] + 2]
    assert to_one > 1.5 * to_two > 0.0


def retraining_economy(participation):
    # 0 shrinks; its only neighbour 1 is static (few vacancies); 2 (two steps away) grows.
    net = toy_network([(0, 1), (1, 2)], N, reach=5 if participation else 0)
    employment = np.full((1, N), 10_000.0)
    target = employment.copy()
    target[0, 0], target[0, 2] = 5_000.0, 15_000.0
    matching, history = simulate(net, employment, [target] * 48, participation, exit_pct=3.0)
    flows, rows, cols = year_flows(net, history)
    from_zero = (rows == 0) & (cols != 0)
    to_non_neighbour = flows[0, from_zero & (cols == 2)].sum()
    long_term = np.mean([h[2].long_term.sum() for h in history])
    return to_non_neighbour / max(flows[0, from_zero].sum(), 1e-300), long_term


def test_retraining_reaches_non_neighbours_and_cuts_long_term_unemployment():
    share_without, long_term_without = retraining_economy(0.0)
    share_with, long_term_with = retraining_economy(0.5)
    assert share_without == 0.0
    assert share_with > 0.3
    assert long_term_with < 0.8 * long_term_without


def test_long_term_threshold_in_steps():
    net = toy_network([], 1)
    assert matching_for(net).long_term_steps == 7  # 27 weeks: 7 monthly steps (>= 6.23 months)
    assert reallocation.Matching.build(net, 0.0, 27.0, 1 / 52).long_term_steps == 27


def test_unmatched_worker_becomes_long_term_after_threshold():
    # One occupation laying off with no vacancies anywhere: nobody is re-employed.
    net = toy_network([], 1)
    params = labour_params(adjustment_speed_per_year=52.0, max_layoff_rate_per_year=0.12)
    _, history = simulate(net, np.array([[1000.0]]), [np.array([[0.0]])] * 8, params=params)
    long_term = [h[2].long_term.sum() for h in history]
    assert long_term[5] == 0.0  # laid off at step 1, 6 steps later: 6 < 7
    assert long_term[7] > 0.0


def test_temporary_demand_shock_traces_downward_beveridge_curve():
    """With base flows: a slump raises unemployment and lowers the open vacancies."""
    net = toy_network(
        [(i, (i + 1) % N) for i in range(N)] + [(i, (i + 2) % N) for i in range(N)], N
    )
    employment = np.full((1, N), 10_000.0)
    shock = employment * np.array([[0.8, 0.85, 0.9, 0.95, 1.0]])
    targets = [employment] * 12 + [shock] * 24 + [employment] * 36
    _, history = simulate(net, employment, targets, params=LaborParams(), exit_pct=4.0)
    labour_force = [h[0].employment.sum() + h[0].unemployed.sum() for h in history]
    unemployment = np.array([h[0].unemployed.sum() for h in history]) / labour_force
    vacancies = np.array([h[0].vacancies.sum() for h in history]) / labour_force
    assert unemployment[30] > unemployment[11] + 0.01
    assert vacancies[20] < vacancies[11]
    assert np.corrcoef(unemployment[12:], vacancies[12:])[0, 1] < -0.3


def _pool_after_layoffs(negligible_pool):
    """Two occupations, no edges: one step lays off 0.0004 persons in row 0, 5 in row 1."""
    net = toy_network([], 2)
    matching = reallocation.Matching.build(net, 0.0, 27.0, STEP, negligible_pool)
    rates = labor.StepRates.from_params(labour_params(), np.zeros(2), STEP)
    employment = np.array([[1_000.0, 1_000.0]])
    target = employment - np.array([[0.0004, 5.0]]) / rates.adjustment
    state = start_state(employment)
    search = empty_search(employment.shape, matching)
    return labour_step(state, search, target, rates, matching)


def test_a_negligible_pool_leaves_the_labour_force_and_workers_are_conserved():
    state, flows, search, _ = _pool_after_layoffs(negligible_pool=0.001)
    assert flows.layoffs[0, 0] == pytest.approx(0.0004)
    assert state.unemployed[0, 0] == 0.0
    assert search.by_duration[0, :, 0].sum() == 0.0
    assert flows.unemployed_exits[0, 0] == pytest.approx(0.0004)  # closed into exits
    assert state.unemployed[0, 1] > 4.0  # a real pool stays
    total = state.employment + state.unemployed + state.exits
    assert_allclose(total, 1_000.0 + state.entrants, rtol=1e-12)


def test_without_a_floor_the_small_pool_stays():
    state, flows, _, _ = _pool_after_layoffs(negligible_pool=0.0)
    assert 0.0 < state.unemployed[0, 0] < 0.0004
    assert flows.unemployed_exits[0, 0] < 1e-4


def test_search_effectiveness_falls_linearly_to_the_long_term_level():
    effectiveness = unemployment_pool.search_effectiveness(7, 0.5)
    assert_allclose(effectiveness, 1.0 - 0.5 * np.minimum(np.arange(8), 7) / 7)
    assert effectiveness[0] == 1.0
    assert effectiveness[-1] == pytest.approx(0.5)


def test_duration_dependence_lengthens_spells():
    """Lower search effectiveness of the long-term unemployed: more of them, same inflows."""

    def long_term_share(effectiveness):
        net = toy_network([(0, 1), (1, 0)], 2)
        params = LaborParams(long_term_search_effectiveness=effectiveness)
        employment = np.full((1, 2), 10_000.0)
        _, history = simulate(net, employment, [employment] * 60, params=params)
        state, _, search, _ = history[-1]
        return search.long_term.sum() / state.unemployed.sum()

    assert long_term_share(0.3) > long_term_share(1.0) + 0.02
