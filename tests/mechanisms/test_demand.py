"""Demand: trend, saturation, output update, spending recycling and required labour."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from sim.mechanisms import demand
from sim.params import DemandParams


def curves(eps, floor=0.1, saturation=10.0, recycling=0.0, wage_bill=None):
    eps = np.asarray(eps, dtype=float)
    params = DemandParams(
        elasticity_floor=floor,
        saturation_output_multiple=saturation,
        spending_recycling_share=recycling,
    )
    bill = np.ones_like(eps) if wage_bill is None else np.asarray(wage_bill, dtype=float)
    return demand.DemandCurves.from_params(params, eps, bill)


def test_trend_compounds_bls_projection_and_stops():
    growth = demand.annual_trend_growth(np.array([10.0, -20.0]), 1.0)
    path = demand.trend_path(np.array([2025.0, 2035.0, 2060.0]), growth, 2025, 2035)
    assert_allclose(path[0], [1.0, 1.0])
    assert_allclose(path[1], [1.10, 0.80])
    assert_allclose(path[2], path[1])


def test_constant_elasticity_gives_power_law():
    a = np.array([1.0, 1.5, 3.0, 10.0])
    eps = 1.7
    log_q = 0.0
    for prev, cur in zip(a[:-1], a[1:], strict=True):
        log_q = demand.advance_log_output(log_q, eps, 1.0, np.log(cur) - np.log(prev))
    labour = demand.required_labour(100.0, log_q, np.log(a[-1]))
    assert labour == pytest.approx(100.0 * 10.0 ** (eps - 1))


def test_saturation_falls_to_half_at_multiple_and_respects_floor():
    eps = curves([2.1]).elasticity(np.log(np.array([1.0, 10.0, 1e100])))
    assert eps[0] == pytest.approx(2.1)
    assert eps[1] == pytest.approx(1.1)
    assert 0.1 < eps[2] < 0.13


def test_saturation_disabled_and_inelastic_below_floor_unchanged():
    assert_allclose(curves([2.0], saturation=np.inf).elasticity(np.array([5.0])), [2.0])
    assert_allclose(curves([0.05]).elasticity(np.array([5.0])), [0.05])


def test_no_recycling_means_no_income_effect():
    got = curves([0.2, 2.0]).log_recycled_income(np.array([[0.1, 3.0]]), np.array([[1.0, 1.0]]))
    assert_allclose(got, [[0.0]])


def test_full_recycling_keeps_total_spending_constant():
    c = curves([0.2, 0.5, 1.5], recycling=1.0, wage_bill=[1.0, 2.0, 3.0])
    log_a = np.array([[2.0, 0.5, 1.0]])
    log_q = c.pass_through * c.base_elasticity * log_a
    log_y = c.log_recycled_income(log_q, log_a)
    spending = np.exp(log_q + log_y - c.pass_through * log_a) @ c.spending_weight
    assert_allclose(spending, [1.0])


def test_full_recycling_with_uniform_gains_conserves_the_wage_bill():
    c = curves([0.2, 0.7], recycling=1.0, wage_bill=[3.0, 1.0])
    log_a = np.array([[1.5, 1.5]])
    log_q = c.base_elasticity * log_a
    log_y = c.log_recycled_income(log_q, log_a)
    labour = demand.required_labour(np.array([300.0, 100.0]), log_q + log_y, log_a)
    assert labour.sum() == pytest.approx(400.0)
    assert labour[0, 0] < 300.0
    assert labour[0, 1] > 100.0


def test_full_recycling_with_equal_elasticities_leaves_each_occupation_unchanged():
    c = curves([0.4, 0.4], recycling=1.0)
    log_a = np.array([[1.5, 1.5]])
    log_q = c.base_elasticity * log_a
    log_y = c.log_recycled_income(log_q, log_a)
    assert_allclose(demand.required_labour(100.0, log_q + log_y, log_a), [[100.0, 100.0]])


@pytest.mark.parametrize("steepness", [0.5, 1.0, 2.0, 3.0, 4.0, 4.5])
def test_saturation_steepness_is_a_hill_exponent(steepness):
    params = DemandParams(saturation_output_multiple=10.0, saturation_steepness=steepness)
    c = demand.DemandCurves.from_params(params, np.array([2.1]), np.ones(1))
    x = 1.7
    expected = 2.1 - 2.0 * x**steepness / (1 + x**steepness)
    assert c.elasticity(np.array([x * np.log(10.0)]))[0] == pytest.approx(expected)
