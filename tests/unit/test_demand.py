"""Demand: trend, saturation, output update and required labour."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from sim import demand


def test_trend_compounds_bls_projection_and_stops():
    growth = demand.annual_trend_growth(np.array([10.0, -20.0]), 1.0)
    at_ten = demand.trend_factor(2035, growth, 2025, 2040)
    assert_allclose(at_ten, [1.10, 0.80])
    assert_allclose(demand.trend_factor(2060, growth, 2025, 2035), at_ten)


def test_constant_elasticity_gives_power_law():
    a = np.array([1.0, 1.5, 3.0, 10.0])
    eps = 1.7
    log_q = 0.0
    for prev, cur in zip(a[:-1], a[1:], strict=True):
        log_q = demand.advance_log_output(log_q, eps, 1.0, np.log(cur) - np.log(prev))
    labour = demand.required_labour(100.0, 1.0, log_q, np.log(a[-1]))
    assert labour == pytest.approx(100.0 * 10.0 ** (eps - 1))


def test_saturation_falls_to_half_at_multiple_and_respects_floor():
    eps = demand.saturated_elasticity(
        np.array([2.1]), np.log(np.array([1.0, 10.0, 1e100])), 0.1, 10.0
    )
    assert eps[0] == pytest.approx(2.1)
    assert eps[1] == pytest.approx(1.1)
    assert 0.1 < eps[2] < 0.13


def test_saturation_disabled_and_inelastic_below_floor_unchanged():
    assert_allclose(
        demand.saturated_elasticity(np.array([2.0]), np.array([5.0]), 0.1, np.inf), [2.0]
    )
    assert_allclose(
        demand.saturated_elasticity(np.array([0.05]), np.array([5.0]), 0.1, 10.0), [0.05]
    )
