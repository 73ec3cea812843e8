"""Demand: trend, saturation, output update, the income effect and required labour."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from sim.mechanisms import demand
from sim.mechanisms.closure import Closure
from sim.params import DemandParams
from tests.stage_runs import demand_path, saturated

#: Nothing re-spent, no bargaining, one small industry whose extra spending the rest of
#: the economy pays (spending not capped): no income effect (partial equilibrium).
NOTHING_RESPENT = Closure(0.0, 0.0, 0.0, 0.0, spending_cap=np.inf)
#: Policy closes every shortfall: the wage bill demanded stays at its base level.
ALL_RESPENT = Closure(0.0, 0.0, 1.0, 0.0)


def curves(
    eps, floor=0.1, saturation=10.0, respent=False, wage_bill=None, pass_through=1.0, steepness=3.0
):
    """Demand constants with every parameter the cases rely on pinned."""
    eps = np.asarray(eps, dtype=float)
    params = DemandParams(
        elasticity_floor=floor,
        saturation_output_multiple=saturation,
        saturation_steepness=steepness,
        price_pass_through=pass_through,
    )
    bill = np.ones_like(eps) if wage_bill is None else np.asarray(wage_bill, dtype=float)
    closure = ALL_RESPENT if respent else NOTHING_RESPENT
    return demand.DemandCurves.from_params(params, closure, eps, bill)


def test_trend_compounds_bls_projection_and_stops():
    growth = demand.annual_trend_growth(np.array([10.0, -20.0]), 1.0)
    path = demand.trend_path(np.array([2025.0, 2035.0, 2060.0]), growth, 2025, 2035)
    assert_allclose(path[0], [1.0, 1.0])
    assert_allclose(path[1], [1.10, 0.80])
    assert_allclose(path[2], path[1])


def test_constant_elasticity_gives_power_law():
    # no saturation, no income effect: L* = trend A^(phi eps - 1) whatever the path of A
    eps = 1.7
    c = curves([eps], saturation=np.inf)
    log_a = np.log(np.array([1.0, 1.5, 3.0, 10.0]))[:, None, None]
    last = demand_path(c, log_a, np.array([100.0]))[-1]
    assert last.required_labour[0, 0] == pytest.approx(100.0 * 10.0 ** (eps - 1))
    assert last.log_own_output[0, 0] == pytest.approx(eps * np.log(10.0))


def test_saturation_falls_to_half_at_multiple_and_respects_floor():
    eps = [saturated(curves([2.1]), np.array([x]))[0] for x in np.log([1.0, 10.0, 1e100])]
    assert eps[0] == pytest.approx(2.1)
    assert eps[1] == pytest.approx(1.1)
    assert 0.1 < eps[2] < 0.13


def test_saturation_disabled_and_inelastic_below_floor_unchanged():
    assert_allclose(saturated(curves([2.0], saturation=np.inf), np.array([5.0])), [2.0])
    assert_allclose(saturated(curves([0.05]), np.array([5.0])), [0.05])


def one_jump(c, log_a, trend=None):
    """Demand after one step from the base year to ``ln A`` (worlds = 1)."""
    log_a = np.asarray(log_a, dtype=float)
    path = np.stack([np.zeros_like(log_a), log_a])[:, None, :]
    return demand_path(c, path, np.ones(log_a.size) if trend is None else np.asarray(trend))[-1]


def test_nothing_respent_means_no_income_effect():
    state = one_jump(curves([0.2, 2.0], saturation=np.inf), [1.0, 1.0])
    assert state.log_income[0, 0] == 0.0


def test_full_respending_keeps_total_spending_constant():
    c = curves([0.2, 0.5, 1.5], respent=True, wage_bill=[1.0, 2.0, 3.0], saturation=np.inf)
    log_a = np.array([2.0, 0.5, 1.0])
    state = one_jump(c, log_a)
    log_q = state.log_own_output[0]
    assert_allclose(log_q, c.pass_through * c.base_elasticity * log_a)
    spending = np.exp(log_q + state.log_income[0, 0] - c.pass_through * log_a) @ c.spending_weight
    assert spending == pytest.approx(1.0)


def test_full_respending_with_uniform_gains_conserves_the_wage_bill():
    c = curves([0.2, 0.7], respent=True, wage_bill=[3.0, 1.0], saturation=np.inf)
    labour = one_jump(c, [1.5, 1.5], trend=[300.0, 100.0]).required_labour
    assert labour.sum() == pytest.approx(400.0)
    assert labour[0, 0] < 300.0
    assert labour[0, 1] > 100.0


def test_full_respending_with_equal_elasticities_leaves_each_occupation_unchanged():
    c = curves([0.4, 0.4], respent=True, saturation=np.inf)
    labour = one_jump(c, [1.5, 1.5], trend=[100.0, 100.0]).required_labour
    assert_allclose(labour, [[100.0, 100.0]])


def test_partial_pass_through_moves_output_by_phi_eps():
    # d ln q = -eps d ln P = phi eps d ln A; L* = q / A (nothing re-spent, no bargaining)
    c = curves([2.0], saturation=np.inf, pass_through=0.6)
    state = one_jump(c, [np.log(4.0)])
    assert state.log_own_output[0, 0] == pytest.approx(0.6 * 2.0 * np.log(4.0))
    assert state.required_labour[0, 0] == pytest.approx(4.0 ** (0.6 * 2.0 - 1.0))


@pytest.mark.parametrize("steepness", [0.5, 1.0, 2.0, 3.0, 4.0, 4.5])
def test_saturation_steepness_is_a_hill_exponent(steepness):
    c = curves([2.1], floor=0.1, saturation=10.0, steepness=steepness)
    x = 1.7
    expected = 2.1 - 2.0 * x**steepness / (1 + x**steepness)
    assert saturated(c, np.array([x * np.log(10.0)]))[0] == pytest.approx(expected)


@pytest.mark.parametrize("pass_through", [0.5, 0.9])
def test_full_respending_keeps_the_wage_bill_with_partial_pass_through(pass_through):
    c = curves([0.3, 1.2], respent=True, wage_bill=[2.0, 1.0], pass_through=pass_through)
    labour = one_jump(c, [1.0, 0.2], trend=[200.0, 100.0]).required_labour
    assert labour.sum() == pytest.approx(300.0)


def test_profits_kept_and_not_respent_cut_the_wage_bill():
    """Partial pass-through, owners re-spend nothing: the saving they keep is demand lost."""
    params = DemandParams(saturation_output_multiple=np.inf, price_pass_through=0.6)
    kept = demand.DemandCurves.from_params(
        params, Closure(1.0, 0.0, 0.0, 0.5), np.array([0.5, 1.0]), np.ones(2)
    )
    passed = curves([0.5, 1.0], respent=True, pass_through=0.6)
    gain = [np.log(3.0), 0.0]
    assert one_jump(kept, gain, trend=[100.0, 100.0]).required_labour.sum() < 200.0
    assert one_jump(passed, gain, trend=[100.0, 100.0]).required_labour.sum() == pytest.approx(
        200.0
    )
