"""The demand cycle (sim.mechanisms.demand_cycle): the pluck's bounds, depth and timing."""

from __future__ import annotations

import numpy as np
import pytest

from sim.errors import ScenarioError
from sim.mechanisms.demand_cycle import cycle_factor
from sim.params.demand import CycleShape
from sim.params.scenario import Scenario, derive

BASE, A, P, F = 2025.0, 0.03, 9.0, 0.3
#: Monthly points over three periods, the base year first.
YEARS = BASE + np.arange(0, 3 * 12 * int(P) + 1) / 12.0


def pluck(years, amplitude=A, period=P, fall_share=F):
    return cycle_factor(years, BASE, amplitude, period, CycleShape.PLUCK, fall_share)


def test_the_pluck_never_exceeds_the_trend_and_falls_by_twice_the_amplitude():
    factor = pluck(YEARS)
    assert factor.max() == pytest.approx(1.0)
    assert np.all(factor <= 1.0)
    assert factor.min() == pytest.approx(1.0 - 2 * A, abs=1e-4)  # monthly points miss the trough
    peaks = BASE + P * np.arange(4)
    np.testing.assert_allclose(pluck(peaks), 1.0)
    troughs = BASE + P * (np.arange(3) + F)
    np.testing.assert_allclose(pluck(troughs), 1.0 - 2 * A)


def test_the_pluck_falls_over_its_fall_share_and_recovers_over_the_rest():
    months = YEARS[: 12 * int(P) + 1]
    factor = pluck(months)
    trough = int(round(F * P * 12))  # month 32.4 -> the monthly trough is month 32
    assert np.all(np.diff(factor[: trough + 1]) < 0.0)  # falling to the trough
    assert np.all(np.diff(factor[trough + 1 :]) > 0.0)  # recovering after it
    # halfway down at half the fall, halfway back at half the recovery (half cosines)
    halfway = BASE + P * np.array([F / 2, F + (1 - F) / 2])
    np.testing.assert_allclose(pluck(halfway), 1.0 - A)
    # the fall is faster than the recovery: steepest monthly fall > steepest monthly rise
    assert -np.diff(factor).min() > np.diff(factor).max() * (1 - F) / F * 0.99


def test_the_pluck_repeats_every_period_and_a_symmetric_pluck_is_one_minus_cosine():
    np.testing.assert_allclose(pluck(YEARS + P), pluck(YEARS), atol=1e-12)
    symmetric = pluck(YEARS, fall_share=0.5)
    expected = 1.0 - A * (1.0 - np.cos(2.0 * np.pi * (YEARS - BASE) / P))
    np.testing.assert_allclose(symmetric, expected, atol=1e-12)


def test_the_sine_is_the_former_formula_and_no_amplitude_is_no_cycle():
    sine = cycle_factor(YEARS, BASE, A, 8.0, CycleShape.SINE)
    np.testing.assert_array_equal(sine, 1.0 + A * np.sin(2.0 * np.pi * (YEARS - BASE) / 8.0))
    assert sine.max() == pytest.approx(1.0 + A, abs=1e-4)  # booms above the trend
    for shape in CycleShape:
        np.testing.assert_array_equal(cycle_factor(YEARS, BASE, 0.0, P, shape, F), 1.0)


def test_the_default_cycle_is_off_and_a_pluck_keeps_half_the_trend():
    demand = Scenario().demand
    assert demand.cycle_amplitude == 0.0
    assert demand.cycle_shape is CycleShape.PLUCK
    with pytest.raises(ScenarioError, match=r"demand\.cycle_amplitude = 0\.3.*\[0, 0\.25\]"):
        derive(Scenario(), {"demand.cycle_amplitude": 0.3})
    sine = derive(Scenario(), {"demand.cycle_amplitude": 0.3, "demand.cycle_shape": "sine"})
    assert sine.demand.cycle_amplitude == 0.3
