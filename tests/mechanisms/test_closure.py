"""Demand closure: the reductions, a toy economy, and the direction of every piece."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from sim.mechanisms.closure import (
    Closure,
    income_multiplier,
    labour_demand,
    labour_share,
    owners_share,
    totals,
)
from sim.params import ClosureParams

S0, BETA = 0.56, 0.5


def closure(c=0.94, r=0.25, theta=0.65, beta=BETA):
    params = ClosureParams(consumer_mpc=c, profit_respending_rate=r, policy_offset_share=theta)
    return Closure.from_params(params, beta)


LOG_TWO = float(np.log(2.0))


def economy(gain_first=LOG_TWO, elasticity=0.2, pass_through=1.0):
    """Two industries with equal weights; the first gets AI (its own output moved)."""
    weights = np.array([0.5, 0.5])
    log_gain = np.array([[gain_first, 0.0]])
    log_output = np.array([[pass_through * elasticity * gain_first, 0.0]])
    return weights, log_output, log_gain


def wage_bill_demanded(weights, log_output, log_gain, pass_through, rule):
    """``sum w q Y / A``: the wage bill the required labour of every occupation adds up to."""
    y = income_multiplier(weights, log_output, log_gain, pass_through, rule)
    return (np.exp(log_output - log_gain) * y) @ weights


@pytest.mark.parametrize("rho", [0.4, 0.7, 1.0])
def test_full_policy_offset_keeps_the_wage_bill_demanded(rho):
    weights, log_output, log_gain = economy(pass_through=rho)
    demanded = wage_bill_demanded(weights, log_output, log_gain, rho, closure(theta=1.0))
    assert_allclose(demanded, 1.0, rtol=1e-14)


@pytest.mark.parametrize("c", [0.0, 0.5, 0.94, 1.0])
def test_full_pass_through_and_full_policy_is_full_respending(c):
    weights, log_output, log_gain = economy(pass_through=1.0)
    rule = closure(c=c, r=0.0, theta=1.0)
    sums = totals(weights, log_output, log_gain, 1.0, rule)
    assert_allclose(sums.profit, 0.0, atol=1e-15)
    y = income_multiplier(weights, log_output, log_gain, 1.0, rule)
    assert_allclose(y[:, 0], 1.0 / sums.spending, rtol=1e-14)  # old recycling share 1


def test_full_pass_through_reduces_to_the_old_recycling_formula():
    weights, log_output, log_gain = economy(pass_through=1.0)
    c, theta = 0.9, 0.4
    rule = closure(c=c, theta=theta)
    spending = totals(weights, log_output, log_gain, 1.0, rule).spending
    kappa = c + theta * (1.0 - c)
    y = income_multiplier(weights, log_output, log_gain, 1.0, rule)
    assert_allclose(y[:, 0], 1.0 + kappa * (1.0 / spending - 1.0), rtol=1e-14)


@pytest.mark.parametrize("rho", [0.5, 1.0])
def test_nothing_respent_is_partial_equilibrium(rho):
    weights, log_output, log_gain = economy(pass_through=rho)
    rule = closure(c=0.0, r=0.0, theta=0.0, beta=0.0)
    assert_allclose(income_multiplier(weights, log_output, log_gain, rho, rule), 1.0, rtol=1e-14)


def test_toy_economy_inelastic_cost_cut_with_partial_pass_through():
    """rho < 1 in an inelastic industry: profits up, labour share down, labour demand short."""
    rho = 0.7
    weights, log_output, log_gain = economy(pass_through=rho, elasticity=0.2)
    rule = closure(c=0.94, r=0.25, theta=0.0)
    sums = totals(weights, log_output, log_gain, rho, rule)
    assert sums.profit[0] > 0.0
    share = labour_share(weights, log_output, log_gain, rho, rule, S0)
    assert share[0] < S0
    w1, out1, gain1 = economy(pass_through=1.0, elasticity=0.2)
    assert_allclose(labour_share(w1, out1, gain1, 1.0, rule, S0), S0, rtol=1e-14)
    # Consumers' freed budget (inelastic: S < 1) and profits both leak: less wage bill.
    assert sums.spending[0] < 1.0
    assert wage_bill_demanded(weights, log_output, log_gain, rho, rule)[0] < 1.0
    # ... and less than with full pass-through of the same saving.
    assert (
        wage_bill_demanded(weights, log_output, log_gain, rho, rule)[0]
        < wage_bill_demanded(w1, out1, gain1, 1.0, rule)[0]
    )


def test_owners_share_rises_with_the_gain_and_falls_with_bargaining():
    kept = np.array([1.0, 1.2, 2.0, 5.0])
    shares = [owners_share(k, BETA) for k in kept]
    assert shares[0] == 0.0
    assert np.all(np.diff(shares) > 0.0)
    assert owners_share(2.0, 1.0) == 0.0  # workers bargain everything
    assert owners_share(2.0, 0.0) == pytest.approx(0.5)
    assert owners_share(2.0, 0.5) == pytest.approx(1.0 - 2.0**-0.5, rel=1e-15)
    assert owners_share(2.0, 0.3) == pytest.approx(1.0 - 2.0**-0.7, rel=1e-15)


def test_more_profit_respending_and_more_policy_mean_more_demand():
    weights, log_output, log_gain = economy(pass_through=0.6)
    base = income_multiplier(weights, log_output, log_gain, 0.6, closure(r=0.1, theta=0.3))
    assert income_multiplier(weights, log_output, log_gain, 0.6, closure(r=0.5, theta=0.3)) > base
    assert income_multiplier(weights, log_output, log_gain, 0.6, closure(r=0.1, theta=0.8)) > base


def test_labour_demand_stays_positive_at_the_ends_of_the_ranges():
    weights = np.array([1.0])
    for rho in (0.0, 1.0):
        log_gain = np.array([[np.log(100.0)]])
        rule = closure(c=0.0, r=0.0, theta=0.0, beta=0.0)
        sums = totals(weights, np.zeros((1, 1)), log_gain, rho, rule)
        assert labour_demand(sums.spending[0], sums.profit[0], 0.0, 0.0, 0.0) > 0.0


def test_labour_demand_stays_positive_when_the_bundle_costs_more_than_the_budget():
    """Very elastic, strongly amplified output: S >> 1 and a large profit share."""
    weights = np.array([0.5, 0.5])
    log_gain = np.array([[np.log(1e3), 0.0]])
    log_output = np.array([[0.5 * 10.0 * np.log(1e3), 0.0]])
    rule = closure(c=0.94, r=0.0, theta=0.0, beta=0.0)
    sums = totals(weights, log_output, log_gain, 0.5, rule)
    assert sums.spending[0] > 10.0
    assert sums.profit[0] > 0.5 * sums.spending[0]
    assert labour_demand(sums.spending[0], sums.profit[0], 0.94, 0.0, 0.0) > 0.0


@pytest.mark.parametrize(
    ("c", "r", "theta"), [(0.94, 0.25, 0.65), (0.5, 0.0, 0.0), (0.0, 1.0, 0.3)]
)
def test_wage_bill_demanded_never_exceeds_income_when_the_bundle_costs_more(c, r, theta):
    """Elastic goods made cheap: own-price demand costs more than income (S > 1).

    Consumers cannot spend more than they earn, so they spend their income (X = 1)
    and only the owners' unspent profit leaks: ``Lambda = 1 - (1 - theta)(1 - r) G / S``.
    (Before issue 19's third session consumers spent ``S + c (1 - S)``, above income:
    ``Lambda = 1.12`` at the high elasticity quantile in 2055.)
    """
    weights, log_output, log_gain = economy(
        gain_first=np.log(4.0), elasticity=2.5, pass_through=0.9
    )
    rule = closure(c=c, r=r, theta=theta)
    sums = totals(weights, log_output, log_gain, 0.9, rule)
    assert sums.spending[0] > 1.5
    demanded = labour_demand(sums.spending[0], sums.profit[0], c, r, theta)
    leak = (1.0 - theta) * (1.0 - r) * sums.profit[0] / sums.spending[0]
    assert demanded == pytest.approx(1.0 - leak, rel=1e-14)
    assert demanded <= 1.0
    assert wage_bill_demanded(weights, log_output, log_gain, 0.9, rule)[0] == pytest.approx(
        demanded, rel=1e-12
    )


def test_spending_is_continuous_where_the_bundle_costs_the_budget():
    """At S = 1 both branches give X = 1: Lambda has no jump as S crosses income."""
    below = labour_demand(1.0 - 1e-12, 0.1, 0.94, 0.25, 0.65)
    above = labour_demand(1.0 + 1e-12, 0.1, 0.94, 0.25, 0.65)
    assert below == pytest.approx(above, abs=1e-10)
