"""Wages and labour share: known values of the bargaining rule."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from sim.mechanisms import wages
from sim.params import WageParams
from tests.stage_runs import labour_share, unpassed_gains, wage_state

BASE = np.array([50_000.0, 80_000.0])


def rule(pass_through=1.0, bargaining=0.5, share=0.6):
    params = WageParams(bargaining_share=bargaining, base_labour_share=share)
    return wages.WageRule.from_params(params, BASE, pass_through)


def test_base_year_gives_base_wages_and_labour_share():
    employment = np.array([[1000.0, 500.0]])
    state = wage_state(rule(), employment, employment, np.zeros((1, 2)))
    assert_allclose(state.wage, BASE[None])
    assert labour_share(state, employment)[0] == pytest.approx(0.6)


def test_tightness_raises_wages_by_bargaining_share():
    employment = np.array([[1000.0, 1000.0]])
    required = np.array([[1210.0, 810.0]])
    state = wage_state(rule(), employment, required, np.zeros((1, 2)))
    assert_allclose(state.wage, [[BASE[0] * 1.1, BASE[1] * 0.9]])


def test_full_pass_through_leaves_labour_share_unchanged_by_productivity():
    employment = np.array([[1000.0, 1000.0]])
    state = wage_state(rule(1.0), employment, employment, np.log([[4.0, 1.0]]))
    assert labour_share(state, employment)[0] == pytest.approx(0.6)


def test_kept_productivity_gains_lower_the_labour_share():
    # phi = 0.5, A = 4: value per worker x2, wage x2^beta; share falls by 2^(beta - 1).
    employment = np.array([[1000.0, 0.0]])
    state = wage_state(rule(0.5, 0.5), employment, employment, np.log([[4.0, 1.0]]))
    assert state.wage[0, 0] == pytest.approx(BASE[0] * 2**0.5)
    assert labour_share(state, employment)[0] == pytest.approx(0.6 * 2**-0.5)


@pytest.mark.parametrize(("bargaining", "pass_through"), [(0.5, 1.0), (0.3, 0.6), (0.0, 0.9)])
def test_viable_employment_is_where_wages_take_the_largest_share(bargaining, pass_through):
    """At E = E_v the wage rule's labour share is s_max; more workers raise it."""
    params = WageParams(bargaining_share=bargaining, base_labour_share=0.6)
    wage_rule = wages.WageRule.from_params(params, BASE, pass_through, max_labour_share=0.9)
    required, log_a = np.array([[300.0, 40.0]]), np.log([[5.0, 1.5]])
    viable = np.empty(2)
    wages.viable_employment(wage_rule, required[0], unpassed_gains(pass_through, log_a)[0], viable)
    for scale, below in ((1.0, None), (0.5, True), (2.0, False)):
        employment = viable[None] * scale
        state = wage_state(wage_rule, employment, required, log_a)
        shares = state.wage[0] * employment[0] / state.output_value[0]
        if below is None:
            assert_allclose(shares, 0.9, rtol=1e-12)
        else:
            assert ((shares < 0.9) if below else (shares > 0.9)).all()


def test_viable_employment_is_unbounded_when_wages_follow_output_one_for_one():
    unbounded = np.empty(2)
    params = WageParams(bargaining_share=1.0, base_labour_share=0.6)
    wage_rule = wages.WageRule.from_params(params, BASE, 1.0, max_labour_share=0.9)
    wages.viable_employment(wage_rule, np.array([10.0, 0.0]), np.ones(2), unbounded)
    assert np.isinf(unbounded).all()
    wages.viable_employment(rule(), np.array([0.0, 5.0]), np.ones(2), unbounded)
    assert np.isinf(unbounded[0])  # nothing required: no limit
    assert np.isfinite(unbounded[1])
