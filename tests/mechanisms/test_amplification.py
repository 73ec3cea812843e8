"""Adoption diffusion and Amdahl amplification."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from sim.mechanisms import adoption, amplification
from sim.params import AdoptionParams


def test_amdahl_known_values():
    u = np.array([0.0, 0.5, 0.5, 1.0, 1.0, 0.9])
    v = np.array([0.0, 0.0, 0.5, 0.0, 1.0, 0.4])
    # assisted 2x, autonomous 10x: 1 / ((1 - u) + (u - v) / 2 + v / 10)
    expected = [1, 1 / 0.75, 1 / 0.55, 2, 10, 1 / (0.1 + 0.25 + 0.04)]
    assert_allclose(amplification.productivity_multiplier(u, v, 2.0, 10.0), expected)
    assert_allclose(amplification.productivity_path(u, v, 2.0, 10.0), expected)


@given(u=st.floats(0, 1), autonomous_part=st.floats(0, 1))
def test_autonomy_raises_output_more_than_assistance(u, autonomous_part):
    v = u * autonomous_part
    params = AdoptionParams()
    ka, ku = params.assisted_speedup, params.autonomous_speedup
    both = amplification.productivity_multiplier(np.array([u]), np.array([v]), ka, ku)[0]
    assisted = amplification.productivity_multiplier(np.array([u]), np.array([0.0]), ka, ku)[0]
    assert 1.0 <= assisted <= both + 1e-12


def bass_step(f0, c, p, q, dt):
    """One step of the run's adoption path from ``f0`` at constant rate scale ``c``."""
    exposure_by_step = np.array([[0.0], [c]])
    diffusion = adoption.Diffusion(np.ones(1), p, q, dt)
    start = adoption.AdoptionState(np.array([f0]), np.array([0.0]))
    return adoption.adoption_path(start, exposure_by_step, diffusion).adopter_share[1, 0]


def euler(f, c, p, q, years, n=200_000):
    dt = years / n
    for _ in range(n):
        f = f + dt * c * (p + q * f) * (1 - f)
    return f


@pytest.mark.parametrize(("f0", "c"), [(0.0, 1.0), (0.1, 0.5), (0.6, 2.0)])
def test_adoption_step_matches_fine_euler(f0, c):
    exact = bass_step(f0, c, 0.03, 0.38, 1.0)
    assert exact == pytest.approx(euler(f0, c, 0.03, 0.38, 1.0), rel=1e-4)


def test_bass_without_innovation_is_logistic():
    f0, q, t = 0.1, 0.5, 2.0
    expected = f0 * np.exp(q * t) / (1 - f0 + f0 * np.exp(q * t))
    got = bass_step(f0, 1.0, 0.0, q, t)
    assert got == pytest.approx(expected)


@given(
    f=st.floats(0, 1),
    c=st.floats(0, 5),
    p=st.floats(0, 1),
    q=st.floats(0, 5),
    dt=st.floats(1e-3, 5),
)
def test_bass_stays_in_bounds_and_never_falls(f, c, p, q, dt):
    new = bass_step(f, c, p, q, dt)
    assert f <= new <= 1.0


def test_no_feasible_work_means_no_diffusion():
    assert bass_step(0.2, 0.0, 0.03, 0.38, 1.0) == 0.2


def test_regulation_and_value_set_speed():
    speed = adoption.adoption_speed(np.array([0.5, 1.0, 0.5]), np.array([1, 1, 3.0]), 1.0)
    assert_allclose(speed, [1.0, 1.5, 1 / 3])
