"""Demand closure: the reductions, a toy economy, and the direction of every piece."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from sim.mechanisms.closure import (
    Closure,
    income_multiplier,
    labour_share,
    nominal_spending,
    spending_and_profit,
    unit_profit_gain,
)
from sim.params import ClosureParams

S0, BETA = 0.56, 0.5


def closure(c=0.94, r=0.25, theta=0.65, s0=S0, beta=BETA):
    return Closure.from_params(
        ClosureParams(consumer_mpc=c, profit_respending_rate=r, policy_offset_share=theta),
        s0,
        beta,
    )


def economy(gain_first=np.log(2.0), elasticity=0.2, pass_through=1.0):
    """Two industries with equal weights; the first gets AI (inelastic), the second not."""
    weights = np.array([0.5, 0.5])
    log_gain = np.array([[gain_first, 0.0]])
    log_output = np.array([[pass_through * elasticity * gain_first, 0.0]])
    return weights, log_output, log_gain


def test_full_policy_offset_keeps_nominal_spending_on_the_no_ai_path():
    weights, log_output, log_gain = economy(pass_through=0.7)
    rule = closure(theta=1.0)
    y = income_multiplier(weights, log_output, log_gain, 0.7, rule)
    spending, _ = spending_and_profit(weights, log_output, log_gain, 0.7, rule)
    assert_allclose(spending * y[:, 0], 1.0, rtol=1e-14)


@pytest.mark.parametrize("c", [0.0, 0.5, 0.94, 1.0])
def test_full_pass_through_and_full_policy_is_full_respending(c):
    weights, log_output, log_gain = economy(pass_through=1.0)
    rule = closure(c=c, r=0.0, theta=1.0)
    spending, profit = spending_and_profit(weights, log_output, log_gain, 1.0, rule)
    assert_allclose(profit, 0.0, atol=1e-15)
    y = income_multiplier(weights, log_output, log_gain, 1.0, rule)
    assert_allclose(y[:, 0], 1.0 / spending, rtol=1e-14)  # old recycling share 1


def test_full_pass_through_reduces_to_the_old_recycling_formula():
    weights, log_output, log_gain = economy(pass_through=1.0)
    c, theta = 0.9, 0.4
    rule = closure(c=c, theta=theta)
    spending, _ = spending_and_profit(weights, log_output, log_gain, 1.0, rule)
    kappa = c + theta * (1.0 - c)
    y = income_multiplier(weights, log_output, log_gain, 1.0, rule)
    assert_allclose(y[:, 0], 1.0 + kappa * (1.0 / spending - 1.0), rtol=1e-14)


def test_no_respending_and_passive_policy_is_partial_equilibrium():
    weights, log_output, log_gain = economy(pass_through=1.0)
    y = income_multiplier(weights, log_output, log_gain, 1.0, closure(c=0.0, r=0.0, theta=0.0))
    assert_allclose(y, 1.0, rtol=1e-14)


def test_toy_economy_inelastic_cost_cut_with_partial_pass_through():
    """rho < 1 in an inelastic industry: excess profit up, labour share down, spending short."""
    rho = 0.7
    weights, log_output, log_gain = economy(pass_through=rho, elasticity=0.2)
    rule = closure(c=0.94, r=0.25, theta=0.0)
    spending, profit = spending_and_profit(weights, log_output, log_gain, rho, rule)
    assert profit[0] > 0.0
    share = labour_share(weights, log_output, log_gain, rho, rule)
    assert share[0] < S0
    # The same economy with full pass-through keeps the labour share and has no excess profit.
    w1, out1, gain1 = economy(pass_through=1.0, elasticity=0.2)
    assert_allclose(labour_share(w1, out1, gain1, 1.0, rule), S0, rtol=1e-14)
    # Consumers' freed budget (inelastic: S < 1) and profits both leak: X < 1.
    assert spending[0] < 1.0
    spent = nominal_spending(spending[0], profit[0], 0.94, 0.25, 0.0)
    assert spent < 1.0


def test_profit_gain_rises_with_the_cost_cut_and_falls_with_pass_through():
    gains = np.log([1.0, 1.5, 2.0, 4.0])
    by_gain = [unit_profit_gain(g, 0.7, BETA) for g in gains]
    assert by_gain[0] == 0.0
    assert np.all(np.diff(by_gain) > 0.0)
    by_rho = [unit_profit_gain(np.log(2.0), rho, BETA) for rho in (0.4, 0.7, 1.0)]
    assert np.all(np.diff(by_rho) < 0.0)
    assert by_rho[-1] == 0.0


def test_more_profit_respending_and_more_policy_mean_more_spending():
    weights, log_output, log_gain = economy(pass_through=0.6)
    base = income_multiplier(weights, log_output, log_gain, 0.6, closure(r=0.1, theta=0.3))
    assert income_multiplier(weights, log_output, log_gain, 0.6, closure(r=0.5, theta=0.3)) > base
    assert income_multiplier(weights, log_output, log_gain, 0.6, closure(r=0.1, theta=0.8)) > base


def test_nominal_spending_stays_positive_at_the_ends_of_the_ranges():
    weights = np.array([1.0])
    for rho in (0.0, 1.0):
        log_gain = np.array([[np.log(100.0)]])
        log_output = np.zeros((1, 1))
        rule = closure(c=0.0, r=0.0, theta=0.0, beta=0.0)
        spending, profit = spending_and_profit(weights, log_output, log_gain, rho, rule)
        assert nominal_spending(spending[0], profit[0], 0.0, 0.0, 0.0) > 0.0
