"""Compiled whole-path kernels give exactly what the array formulas they replace give.

Each oracle below is the numpy formulation the set-up used before the loops
were compiled (cumulative sums along steps, a running maximum, a bincount);
the compiled versions keep the order of every floating-point operation, so
the comparisons are exact (``assert_array_equal``), not within a tolerance,
except where the kernel reorders on purpose (the exposure grid's carried
exponentials, Amdahl's reciprocals), which agree to rounding.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from sim.mechanisms import adoption, amplification, demand, exposure
from tests.mechanisms.test_exposure import random_tasks


def grid_sums_oracle(grid, tasks):
    """The sums of exposure.grid_sums from each track's per-task probabilities, by bincount."""
    shift = tasks.curve.autonomy_log_odds
    rows = []
    for h in grid:
        cognitive, physical = exposure.task_log_odds(float(h), tasks)
        for offset in (0.0, shift):
            on_c = 1.0 / (1.0 + np.exp(-(cognitive - offset)))
            on_p = 1.0 / (1.0 + np.exp(-(physical - offset)))
            w_c, w_p = tasks.weight * (1 - tasks.barrier), tasks.weight * tasks.barrier
            for values in (
                w_c * on_c + w_p * on_p,
                w_c * on_c * (1 - on_c),
                w_p * on_p * (1 - on_p),
            ):
                rows.append(
                    np.bincount(
                        tasks.occupation_index, weights=values, minlength=tasks.n_occupations
                    )
                )
    return np.array(rows).reshape(grid.size, 2, 3, tasks.n_occupations).transpose(1, 2, 0, 3)


@settings(max_examples=30, deadline=None)  # the first example compiles the kernel
@given(seed=st.integers(0, 10_000))
def test_grid_sums_equal_the_per_task_probabilities(seed):
    # Exponentials carried by multiplication along the grid (and the kink's fresh start)
    # agree with direct evaluation at every grid point to rounding.
    tasks = random_tasks(seed, n_tasks=300, n_occ=11)
    kink = tasks.curve.gap_kink()
    grid = exposure.capability_grid(kink - 7.3, kink + 31.0, kink)
    got = exposure.grid_sums(grid, tasks).reshape(2, 3, grid.size, tasks.n_occupations)
    assert_allclose(got, grid_sums_oracle(grid, tasks), rtol=1e-9, atol=1e-12)


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
    autonomous = adopted * gen.random((30, 2, 17))
    got = amplification.productivity_path(adopted, autonomous, 1.7, 20.0)
    assert_allclose(
        got, amplification.productivity_multiplier(adopted, autonomous, 1.7, 20.0), rtol=1e-14
    )
    known = amplification.productivity_path(
        np.array([[[0.0, 0.5, 1.0]]]), np.array([[[0.0, 0.0, 1.0]]]), 4.0, 10.0
    )
    assert_allclose(known, [[[1.0, 1 / (0.5 + 0.125), 10.0]]], rtol=1e-14)


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


def test_exposure_path_writes_into_a_strided_world_of_a_paths_array():
    tasks = random_tasks(5, n_tasks=300, n_occ=11)
    path = np.sort(np.random.default_rng(5).normal(3, 6, 50))
    by_world = np.full((path.size, 2, tasks.n_occupations), -1.0)
    autonomous = np.full((path.size, 2, tasks.n_occupations), -1.0)
    exposure.exposure_path(path, tasks, out=by_world[:, 0], out_autonomous=autonomous[:, 0])
    fresh = exposure.exposure_path(path, tasks)
    assert_array_equal(by_world[:, 0], fresh.assisted)
    assert_array_equal(autonomous[:, 0], fresh.autonomous)
    assert np.all(by_world[:, 1] == -1.0)  # the other world is untouched
    with pytest.raises(ValueError, match="expected"):
        exposure.exposure_path(path, tasks, out=by_world[1:, 0])
