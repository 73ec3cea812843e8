"""Exposure: success curve, two levels, physical track, path == pointwise, monotonicity."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from sim.mechanisms import exposure
from sim.params import CapabilityParams, ExposureParams

CURVE = exposure.SuccessCurve.from_params(CapabilityParams(), ExposureParams())


def random_tasks(seed: int, n_tasks: int = 60, n_occ: int = 7) -> exposure.TaskSet:
    gen = np.random.default_rng(seed)
    index = gen.integers(0, n_occ, n_tasks)
    return exposure.TaskSet(
        occupation_index=index,
        weight=exposure.task_time_weights(gen.random(n_tasks) < 0.3, index, n_occ, 0.5),
        difficulty=gen.normal(6, 8, n_tasks),
        barrier=np.where(gen.random(n_tasks) < 0.5, 0.0, gen.random(n_tasks)),
        n_occupations=n_occ,
        curve=CURVE,
    )


def one_task(difficulty: float, barrier: float = 0.0) -> exposure.TaskSet:
    return exposure.TaskSet(
        np.array([0]), np.array([1.0]), np.array([difficulty]), np.array([barrier]), 1, CURVE
    )


@given(seed=st.integers(0, 10_000), low=st.floats(-20, 20), rise=st.floats(0, 20))
def test_both_levels_in_unit_interval_monotone_and_autonomy_behind(seed, low, rise):
    tasks = random_tasks(seed)
    before = exposure.exposure_levels_at(low, tasks)
    after = exposure.exposure_levels_at(low + rise, tasks)
    for level in (*before, *after):
        assert np.all((level >= 0) & (level <= 1))
    assert np.all(after.assisted >= before.assisted)
    assert np.all(after.autonomous >= before.autonomous)
    assert np.all(before.autonomous <= before.assisted)
    per_task = exposure.success_probabilities(float(CURVE.horizon(low)), tasks)
    assert np.all(per_task.autonomous < per_task.assisted)


def one_task_with(difficulty: float, **exposure_params: float) -> exposure.TaskSet:
    curve = exposure.SuccessCurve.from_params(CapabilityParams(), ExposureParams(**exposure_params))
    return exposure.TaskSet(
        np.array([0]), np.array([1.0]), np.array([difficulty]), np.array([0.0]), 1, curve
    )


def test_a_task_of_one_length_follows_the_metr_logistic_in_capability_minus_difficulty():
    slope = ExposureParams().success_slope_per_doubling
    d = 3.0
    tasks = one_task_with(d, instance_length_sd_doublings=0.0)
    assert exposure.success_probabilities(d, tasks).assisted[0] == pytest.approx(0.5)
    one_doubling = exposure.success_probabilities(d + 1.0, tasks).assisted[0]
    assert math.log(one_doubling / (1 - one_doubling)) == pytest.approx(slope)
    # The autonomous level reaches one half where assisted success reaches the autonomy rate.
    rate = ExposureParams().autonomy_success_rate
    extra = math.log(rate / (1 - rate)) / slope
    at = exposure.success_probabilities(d + extra, tasks)
    assert at.assisted[0] == pytest.approx(rate)
    assert at.autonomous[0] == pytest.approx(0.5)
    assert 4.5 < extra < 8.0  # 95-99% success costs ~4.9-7.7 doublings at slope 0.6


def instance_mean(horizon: float, difficulty: float, shift: float, spread: float) -> float:
    """Mean of METR's logistic over normal log2 instance lengths (Gauss-Hermite, 80 nodes)."""
    slope = ExposureParams().success_slope_per_doubling
    nodes, weights = np.polynomial.hermite_e.hermegauss(80)
    lengths = difficulty + spread * nodes
    success = 1.0 / (1.0 + np.exp(-(slope * (horizon - lengths) - shift)))
    return float(weights @ success / weights.sum())


@pytest.mark.parametrize("spread", [0.0, 1.28, 1.41, 2.41])
def test_a_task_succeeds_on_the_mean_of_its_instances(spread):
    d = 2.0
    tasks = one_task_with(d, instance_length_sd_doublings=spread)
    rate = ExposureParams().autonomy_success_rate
    shift = math.log(rate / (1 - rate))
    for horizon in np.linspace(d - 12.0, d + 16.0, 57):
        levels = exposure.success_probabilities(float(horizon), tasks)
        assert levels.assisted[0] == pytest.approx(instance_mean(horizon, d, 0.0, spread), abs=0.01)
        assert levels.autonomous[0] == pytest.approx(
            instance_mean(horizon, d, shift, spread), abs=0.01
        )
    # The spread flattens the task's curve but keeps its midpoints: half the instances
    # succeed at h = d, and autonomy still costs logit(r) / beta doublings.
    slope = ExposureParams().success_slope_per_doubling
    assert exposure.success_probabilities(d, tasks).assisted[0] == pytest.approx(0.5)
    at = exposure.success_probabilities(d + shift / slope, tasks)
    assert at.autonomous[0] == pytest.approx(0.5)
    assert tasks.curve.slope <= slope


def test_physical_track_is_behind_and_slower_at_defaults():
    horizons = CURVE.horizon(np.array([-2.0, 0.0, 5.0, 10.0]))
    physical = CURVE.physical_horizon(horizons)
    assert np.all(physical < horizons)
    cognitive_growth = np.diff(horizons)
    physical_growth = np.diff(physical)
    assert np.all(physical_growth > 0)
    assert np.all(physical_growth < cognitive_growth)
    assert CURVE.physical_gap(horizons[1]) == pytest.approx(
        CapabilityParams().physical_lag_doublings
    )


def test_more_barrier_lowers_success_at_every_capability():
    for level in (-5.0, -1.0, 0.0, 5.0, 20.0):
        h = float(CURVE.horizon(level))
        low = exposure.success_probabilities(h, one_task(2.0, 0.2))
        high = exposure.success_probabilities(h, one_task(2.0, 0.9))
        if h <= CURVE.gap_kink():  # far in the past the two tracks meet: no gap yet
            assert high.assisted[0] == pytest.approx(low.assisted[0], rel=1e-12)
            continue
        assert high.assisted[0] < low.assisted[0]
        assert high.autonomous[0] < low.autonomous[0]


def test_a_fully_physical_task_rises_on_the_physical_track():
    task = one_task(6.0, 1.0)  # an hour-long physical task
    start = exposure.exposure_levels_at(0.0, task).assisted[0]
    later = exposure.exposure_levels_at(20.0, task).assisted[0]
    assert 0.0 < start < 0.1 < later  # far at first, not never


def monotone_path(seed: int, steps: int = 120) -> np.ndarray:
    gen = np.random.default_rng(seed)
    return np.cumsum(gen.exponential(0.2, steps)) - gen.uniform(5, 12)


@settings(max_examples=30, deadline=None)  # the first example may compile the path kernels
@given(seed=st.integers(0, 10_000))
def test_path_equals_pointwise_within_the_stated_error(seed):
    tasks = random_tasks(seed)
    path = monotone_path(seed)
    levels = exposure.exposure_path(path, tasks)
    for step in range(path.size):
        exact = exposure.exposure_levels_at(path[step], tasks)
        for got, want in zip(levels, exact, strict=True):
            assert_allclose(got[step], want, atol=exposure.INTERPOLATION_ERROR_BOUND)
    assert_allclose(levels.assisted[0], exposure.exposure_at(path[0], tasks), atol=1e-12)


def test_falling_compute_keeps_the_capability_reached():
    tasks = random_tasks(3)
    path = np.concatenate([np.linspace(0, 6, 40), np.linspace(6, 2, 40), np.linspace(2, 9, 40)])
    levels = exposure.exposure_path(path, tasks)
    reached = np.maximum.accumulate(path)
    for step in (0, 39, 60, 79, 100, 119):
        exact = exposure.exposure_levels_at(reached[step], tasks)
        assert_allclose(
            levels.assisted[step], exact.assisted, atol=exposure.INTERPOLATION_ERROR_BOUND
        )
    assert np.all(np.diff(levels.assisted, axis=0) >= -1e-12)


def test_short_and_flat_paths_are_exact():
    tasks = random_tasks(5)
    flat = exposure.exposure_path(np.full(30, 1.5), tasks)
    assert_allclose(flat.assisted, np.tile(exposure.exposure_at(1.5, tasks), (30, 1)))
    short = np.array([0.0, 4.0, 9.0])  # fewer steps than grid points
    levels = exposure.exposure_path(short, tasks)
    for step, level in enumerate(short):
        assert_allclose(
            levels.autonomous[step], exposure.exposure_levels_at(level, tasks).autonomous
        )


def test_path_rejects_a_wrong_output_shape():
    with pytest.raises(ValueError, match="out has shape"):
        exposure.exposure_path(np.zeros(5), random_tasks(0), out=np.empty((4, 7)))


def test_unbounded_capability_means_full_exposure():
    tasks = random_tasks(1)
    present = np.bincount(tasks.occupation_index, minlength=7) > 0
    levels = exposure.exposure_levels_at(1e4, tasks)
    assert_allclose(levels.assisted[present], 1)
    assert_allclose(levels.autonomous[present], 1)


def test_time_weights_sum_to_one_and_halve_supplemental():
    index = np.array([0, 0, 0, 1])
    weights = exposure.task_time_weights(np.array([False, False, True, True]), index, 2, 0.5)
    assert_allclose(weights, [0.4, 0.4, 0.2, 1.0])


def difficulty(definedness=0.5, data=0.5, value=0.5):
    params = ExposureParams(difficulty_noise_sd_doublings=0.0)
    ready = exposure.readiness(np.array([definedness]), np.array([data]), np.array([value]), params)
    return exposure.task_difficulty(ready, params, rng=np.random.default_rng(0))[0]


def barrier(physical=0.2, interpersonal=0.1, task_physical=0.0, task_interpersonal=0.0):
    return exposure.task_barrier(
        (np.array([physical]), np.array([interpersonal])),
        (np.array([task_physical]), np.array([task_interpersonal])),
        np.array([0]),
        ExposureParams().occupation_barrier_threshold,
    )[0]


@pytest.mark.parametrize("criterion", ["definedness", "data", "value"])
def test_more_of_a_criterion_means_an_easier_task_and_more_success(criterion):
    easy, hard = difficulty(**{criterion: 0.9}), difficulty(**{criterion: 0.1})
    assert easy < hard
    h = float(CURVE.horizon(0.0))
    assert (
        exposure.success_probabilities(h, one_task(easy)).assisted[0]
        > exposure.success_probabilities(h, one_task(hard)).assisted[0]
    )


@pytest.mark.parametrize(
    "which", ["physical", "interpersonal", "task_physical", "task_interpersonal"]
)
def test_more_barrier_input_raises_the_task_barrier(which):
    assert barrier(**{which: 0.97}) > barrier(**{which: 0.5})


def test_occupation_rank_floor_only_bites_at_the_top():
    r0 = ExposureParams().occupation_barrier_threshold
    assert barrier(physical=0.5, interpersonal=r0) == pytest.approx(0.0)
    assert barrier(physical=0.5, interpersonal=0.97) == pytest.approx((0.97 - r0) / (1 - r0))


def test_difficulty_is_linear_in_readiness(rng):
    params = ExposureParams(difficulty_noise_sd_doublings=0.0)
    d = exposure.task_difficulty(np.array([1.0, 0.0, 0.5]), params, rng=rng)
    ready = params.difficulty_ready_log2_minutes
    span = params.readiness_span_doublings
    assert_allclose(d, [ready, ready + span, ready + span / 2])


def test_eloundou_labels_order():
    assert_allclose(exposure.eloundou_difficulty(np.array(["E1", "E2", "E0"])), [0, 0.5, 1])


def test_blend_task_evidence_is_the_stated_mix():
    occupation, own = np.array([0.2, 0.8]), np.array([1.0, 0.0])
    assert_allclose(exposure.blend_task_evidence(occupation, own, 0.0), occupation)
    assert_allclose(exposure.blend_task_evidence(occupation, own, 1.0), own)
    assert_allclose(exposure.blend_task_evidence(occupation, own, 0.25), [0.4, 0.6])
