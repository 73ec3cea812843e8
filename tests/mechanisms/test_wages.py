"""Wages and labour share: known values of the bargaining rule."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from sim.mechanisms import wages
from sim.params import WageParams
from tests.stage_runs import labour_share, wage_state

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
