"""Exposure: bounds, monotonicity in compute and in the criteria, path == pointwise."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from sim.mechanisms import exposure
from sim.params import ExposureParams


def random_tasks(seed: int, n_tasks: int = 60, n_occ: int = 7) -> exposure.TaskSet:
    gen = np.random.default_rng(seed)
    index = gen.integers(0, n_occ, n_tasks)
    return exposure.TaskSet(
        occupation_index=index,
        weight=exposure.task_time_weights(gen.random(n_tasks) < 0.3, index, n_occ, 0.5),
        threshold_log10=gen.normal(3, 4, n_tasks),
        n_occupations=n_occ,
    )


@given(seed=st.integers(0, 10_000), low=st.floats(-20, 20), rise=st.floats(0, 20))
def test_exposure_in_unit_interval_and_monotone(seed, low, rise):
    tasks = random_tasks(seed)
    before = exposure.exposure_at(low, tasks)
    after = exposure.exposure_at(low + rise, tasks)
    assert np.all((before >= 0) & (before <= 1))
    assert np.all(after >= before)


@settings(max_examples=30, deadline=None)  # the first example may compile the path kernel
@given(seed=st.integers(0, 10_000))
def test_path_equals_pointwise(seed):
    tasks = random_tasks(seed)
    path = np.sort(np.random.default_rng(seed).normal(3, 6, 40))
    expected = np.array([exposure.exposure_at(c, tasks) for c in path])
    assert_allclose(exposure.exposure_path(path, tasks), expected, atol=1e-12)


def test_path_rejects_decreasing_compute():
    with pytest.raises(ValueError, match="non-decreasing"):
        exposure.exposure_path(np.array([1.0, 0.5]), random_tasks(0))


def test_all_feasible_means_full_exposure():
    tasks = random_tasks(1)
    assert_allclose(exposure.exposure_at(1e9, tasks)[np.bincount(tasks.occupation_index) > 0], 1)


def test_time_weights_sum_to_one_and_halve_supplemental():
    index = np.array([0, 0, 0, 1])
    weights = exposure.task_time_weights(np.array([False, False, True, True]), index, 2, 0.5)
    assert_allclose(weights, [0.4, 0.4, 0.2, 1.0])


def threshold(
    definedness=0.5,
    data=0.5,
    value=0.5,
    physical=0.2,
    interpersonal=0.1,
    task_physical=0.0,
    task_interpersonal=0.0,
):
    params = ExposureParams(threshold_noise_sd_log10=0.0)
    ready = exposure.readiness(np.array([definedness]), np.array([data]), np.array([value]), params)
    barrier = exposure.task_barrier(
        (np.array([physical]), np.array([interpersonal])),
        (np.array([task_physical]), np.array([task_interpersonal])),
        np.array([0]),
        params.occupation_barrier_threshold,
    )
    return exposure.feasibility_thresholds(ready, barrier, params, rng=np.random.default_rng(0))[0]


@pytest.mark.parametrize("criterion", ["definedness", "data", "value"])
def test_more_of_a_criterion_lowers_threshold(criterion):
    assert threshold(**{criterion: 0.9}) < threshold(**{criterion: 0.1})


@pytest.mark.parametrize(
    "barrier", ["physical", "interpersonal", "task_physical", "task_interpersonal"]
)
def test_more_barrier_raises_threshold(barrier):
    assert threshold(**{barrier: 0.95}) > threshold(**{barrier: 0.5})


def test_fully_physical_task_is_as_late_as_the_barrier_span():
    params = ExposureParams()
    late = threshold(definedness=1, data=1, value=1, task_physical=1.0)
    assert late == pytest.approx(params.threshold_ready_log10 + params.barrier_span_oom)


def test_occupation_rank_floor_only_bites_at_the_top():
    params = ExposureParams()
    r0 = params.occupation_barrier_threshold
    middle = threshold(physical=0.5, interpersonal=r0)
    top = threshold(physical=0.5, interpersonal=0.97)
    assert middle == pytest.approx(threshold(physical=0.1, interpersonal=0.1))
    gap = params.barrier_span_oom * (0.97 - r0) / (1 - r0)
    assert top - middle == pytest.approx(gap)


def test_thresholds_are_linear_in_readiness_and_barrier(rng):
    params = ExposureParams(threshold_noise_sd_log10=0.0)
    theta = exposure.feasibility_thresholds(
        np.array([1.0, 0.0, 1.0]), np.array([0.0, 0.0, 1.0]), params, rng=rng
    )
    ready = params.threshold_ready_log10
    assert_allclose(
        theta, [ready, ready + params.readiness_span_oom, ready + params.barrier_span_oom]
    )


def test_eloundou_labels_order():
    assert_allclose(exposure.eloundou_difficulty(np.array(["E1", "E2", "E0"])), [0, 0.5, 1])


def test_blend_task_evidence_is_the_stated_mix():
    occupation, own = np.array([0.2, 0.8]), np.array([1.0, 0.0])
    assert_allclose(exposure.blend_task_evidence(occupation, own, 0.0), occupation)
    assert_allclose(exposure.blend_task_evidence(occupation, own, 1.0), own)
    assert_allclose(exposure.blend_task_evidence(occupation, own, 0.25), [0.4, 0.6])
