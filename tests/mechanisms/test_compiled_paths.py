"""Compiled whole-path kernels give exactly what the array formulas they replace give.

Each oracle below is the numpy formulation the set-up used before the loops
were compiled (cumulative sums along steps, a running maximum, a bincount);
the compiled versions keep the order of every floating-point operation, so
the comparisons are exact (``assert_array_equal``), not within a tolerance.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_array_equal

from sim.mechanisms import adoption, amplification, demand, exposure
from tests.mechanisms.test_exposure import random_tasks


def searchsorted_oracle(path, threshold):
    return np.searchsorted(path, threshold, side="left")


@settings(max_examples=40, deadline=None)  # the first example compiles the kernel
@given(seed=st.integers(0, 10_000), steps=st.integers(1, 80))
def test_first_steps_equal_searchsorted_with_ties_and_repeats(seed, steps):
    gen = np.random.default_rng(seed)
    path = np.sort(np.round(gen.normal(0, 3, steps), 1))  # rounding makes repeated steps
    threshold = np.concatenate([gen.normal(0, 4, 200), path, [-np.inf, np.inf, 1e300]])
    out = np.empty(threshold.size, dtype=np.intp)
    exposure._first_steps(path, threshold, out)
    assert_array_equal(out, searchsorted_oracle(path, threshold))


def exposure_path_oracle(path, tasks):
    first_step = np.searchsorted(path, tasks.threshold_log10, side="left")
    on_path = first_step < path.size
    cells = first_step[on_path] * tasks.n_occupations + tasks.occupation_index[on_path]
    added = np.bincount(
        cells, weights=tasks.weight[on_path], minlength=path.size * tasks.n_occupations
    )
    share = np.cumsum(added.reshape(path.size, tasks.n_occupations), axis=0)
    return np.clip(share, 0.0, 1.0)


@settings(max_examples=40, deadline=None)  # the first example compiles the kernel
@given(seed=st.integers(0, 10_000))
def test_exposure_path_is_the_bincount_cumsum_exactly(seed):
    tasks = random_tasks(seed, n_tasks=300, n_occ=11)
    path = np.sort(np.random.default_rng(seed).normal(3, 6, 50))
    assert_array_equal(exposure.exposure_path(path, tasks), exposure_path_oracle(path, tasks))


def adoption_path_oracle(f0, exposure_by_step, speed, p, q, dt):
    adopter = np.empty_like(exposure_by_step)
    adopter[0] = f0
    rate = exposure_by_step[1:] * speed
    elapsed = np.cumsum(rate, axis=0) * (-(p + q) * dt)
    remaining = (1.0 - f0) / (p + q * f0) * np.exp(elapsed)
    adopter[1:] = (1.0 - p * remaining) / (1.0 + q * remaining)
    np.maximum.accumulate(adopter, axis=0, out=adopter)
    return adopter, adopter * exposure_by_step


@pytest.mark.parametrize("shape", [(40, 9), (40, 2, 9), (1, 2, 3)])
@pytest.mark.parametrize(("p", "q"), [(0.03, 0.4), (0.5, 0.0), (1e-4, 8.0)])
def test_adoption_path_is_the_cumulative_formula_exactly(shape, p, q):
    gen = np.random.default_rng(7)
    exposure_by_step = np.maximum.accumulate(gen.random(shape) ** 3, axis=0)
    speed = gen.random(shape[-1]) * 2
    diffusion = adoption.Diffusion(speed, p, q, 1 / 12)
    start = adoption.AdoptionState.start(0.02, exposure_by_step[0])
    got = adoption.adoption_path(start, exposure_by_step, diffusion)
    expected = adoption_path_oracle(0.02, exposure_by_step, speed, p, q, 1 / 12)
    assert_array_equal(got.adopter_share, expected[0])
    assert_array_equal(got.adopted_share, expected[1])
    assert np.all(np.diff(got.adopter_share, axis=0) >= 0)


def test_adoption_path_without_diffusion_stays_at_the_start():
    exposure_by_step = np.linspace(0, 1, 12).reshape(4, 3)
    diffusion = adoption.Diffusion(np.ones(3), 0.0, 0.0, 1.0)
    got = adoption.adoption_path(
        adoption.AdoptionState.start(0.1, exposure_by_step[0]), exposure_by_step, diffusion
    )
    assert_array_equal(got.adopter_share, np.full((4, 3), 0.1))
    assert_array_equal(got.adopted_share, 0.1 * exposure_by_step)


def test_productivity_path_is_amdahls_law_exactly():
    gen = np.random.default_rng(3)
    adopted = gen.random((30, 2, 17))
    speedup = 1.0 + 50 * gen.random((30, 2))
    got = amplification.productivity_path(adopted, speedup)
    assert_array_equal(got, amplification.productivity_multiplier(adopted, speedup[:, :, None]))
    known = amplification.productivity_path(np.array([[[0.0, 0.5, 1.0]]]), np.array([[4.0]]))
    assert_array_equal(known, [[[1.0, 1 / (0.5 + 0.125), 4.0]]])


def test_trend_path_repeats_flat_rows_and_scales_exactly():
    years = 2025 + np.arange(0, 40 * 12 + 1) / 12
    growth = np.array([0.02, -0.01, 0.0])
    employment = np.array([1000.0, 2500.0, 7.0])
    elapsed = np.clip(np.minimum(years, 2035) - 2025, 0.0, None)
    expected = np.exp(np.outer(elapsed, growth))
    assert_array_equal(demand.trend_path(years, growth, 2025, 2035), expected)
    assert_array_equal(
        demand.trend_path(years, growth, 2025, 2035, scale=employment), employment * expected
    )


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_exposure_path_starts_exactly_at_the_first_steps_exposure(seed):
    # The model's no-AI world reads row 0 as its exposure at the frozen base-year compute.
    tasks = random_tasks(seed, n_tasks=300, n_occ=11)
    path = np.sort(np.random.default_rng(seed).normal(3, 6, 50))
    assert_array_equal(exposure.exposure_path(path, tasks)[0], exposure.exposure_at(path[0], tasks))


def test_exposure_path_writes_into_a_strided_world_of_a_paths_array():
    tasks = random_tasks(5, n_tasks=300, n_occ=11)
    path = np.sort(np.random.default_rng(5).normal(3, 6, 50))
    by_world = np.full((path.size, 2, tasks.n_occupations), -1.0)
    exposure.exposure_path(path, tasks, out=by_world[:, 0])
    assert_array_equal(by_world[:, 0], exposure.exposure_path(path, tasks))
    assert np.all(by_world[:, 1] == -1.0)  # the other world is untouched
    with pytest.raises(ValueError, match="expected"):
        exposure.exposure_path(path, tasks, out=by_world[1:, 0])
