"""Capability path: decomposition, S-curve ceiling, seed arithmetic."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from sim.mechanisms.capability import capability_path, spending_usd_billion
from sim.params import CapabilityParams
from sim.params.scenario import Scenario

YEARS = np.linspace(2016, 2060, 529)


def test_zero_at_reference_year():
    path = capability_path(np.array([2025.0]), CapabilityParams())
    assert_allclose(path.log10_effective_compute, 0.0, atol=1e-12)
    assert_allclose(path.spending_usd_billion, CapabilityParams().spending_reference_usd_billion)


def test_decomposition_multiplies_back_to_total():
    path = capability_path(YEARS, CapabilityParams())
    product = (10**path.log10_hardware) * (10**path.log10_spending) * (10**path.log10_algorithms)
    assert_allclose(np.log10(product), path.log10_effective_compute, rtol=1e-12, atol=1e-12)


def test_hardware_and_algorithms_double_on_schedule():
    params = CapabilityParams(hardware_doubling_years=2.0, algorithmic_halving_months=16.0)
    path = capability_path(np.array([2025.0, 2027.0, 2025.0 + 16 / 12]), params)
    assert_allclose(10 ** path.log10_hardware[1], 2.0)
    assert_allclose(10 ** path.log10_algorithms[2], 2.0)


@given(
    growth=st.floats(1.01, 10.0),
    ceiling=st.floats(1.0, 1000.0),
    year=st.floats(1990.0, 2200.0),
)
def test_spending_never_exceeds_ceiling(growth, ceiling, year):
    params = CapabilityParams(
        spending_growth_per_year=growth,
        spending_ceiling_usd_billion=ceiling,
        spending_reference_usd_billion=0.25,
    )
    assert spending_usd_billion(np.array([year]), params)[0] <= ceiling * (1 + 1e-12)


def test_spending_growth_starts_at_rate_and_saturates():
    params = CapabilityParams()
    spend = spending_usd_billion(np.array([2025.0, 2026.0, 2060.0, 2061.0]), params)
    early_growth = spend[1] / spend[0]
    late_growth = spend[3] / spend[2]
    assert early_growth == pytest.approx(2.4, rel=0.03)
    assert late_growth == pytest.approx(1.0, abs=1e-3)


def test_effective_compute_growth_slows_as_spending_saturates():
    path = capability_path(YEARS, Scenario().capability)
    growth = np.diff(path.log10_effective_compute)
    assert np.all(growth > 0)
    assert growth[-1] < 0.7 * growth[len(YEARS) // 5]
    # Once spending saturates, growth is hardware + algorithms only.
    step = YEARS[1] - YEARS[0]
    expected = step * (np.log10(2) / 2.5 + 12 / 8 * np.log10(2))
    assert growth[-1] == pytest.approx(expected, rel=1e-3)
