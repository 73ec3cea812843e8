"""Exposure: the time-weighted share of an occupation's tasks that AI can technically do.

Each task j of occupation i becomes feasible once log10 effective compute
(OOM above the reference-year frontier) passes its threshold::

    theta_j = theta_ready + s_r * (1 - readiness_j) + s_b * barrier_j + sigma * z_j
    exposure_i(t) = sum_j w_j * 1[theta_j <= log10 C(t)]   (w_j: time weights, sum 1 per i)

with z_j ~ N(0, 1) drawn once per run.  By source (all monotone as the seed
requires: more readiness -> earlier, more barrier -> later):

* criteria: ``readiness_j`` is the weighted mean of the task's definedness,
  data availability and economic value, each a blend of the occupation's score
  S_c(i) and the task's own score s_c(j) from its O*NET evidence,
  ``c_j = (1 - lambda) * S_c(i) + lambda * s_c(j)`` (see
  :func:`blend_task_evidence`); ``barrier_j`` is the
  larger of the task's physical and interpersonal activity shares, floored for
  occupations at the top of the barrier ranks (see :func:`task_barrier`).
* eloundou / frey_osborne: a published index gives a difficulty d_j in [0, 1]
  (E1 -> 0, E2 -> 0.5, E0 -> 1; or 1 - p_i) that stands for both terms:
  ``readiness_j = 1 - d_j`` and ``barrier_j = d_j``.

Because exposure is a step function of compute and thresholds are fixed, a
whole path is computed at once by binning each task into the step at which it
becomes feasible (:func:`exposure_path`), exact and O(tasks + steps x occupations).
"""

from __future__ import annotations

from dataclasses import dataclass

import numba
import numpy as np
from numpy.typing import NDArray

from sim.params import ExposureParams

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]

#: Difficulty of each Eloundou et al. exposure label (E1 direct, E2 with tools, E0 none).
ELOUNDOU_LABEL_DIFFICULTY = {"E1": 0.0, "E2": 0.5, "E0": 1.0}


@dataclass(frozen=True)
class TaskSet:
    """Tasks of all occupations with their feasibility thresholds.

    Attributes
    ----------
    occupation_index : IntArray
        Row of the task's occupation in the occupation arrays, shape (n_tasks,).
    weight : FloatArray
        Time weight of each task; weights sum to 1 within each occupation.
    threshold_log10 : FloatArray
        log10 effective compute (OOM vs reference) at which the task becomes feasible.
    n_occupations : int
        Number of occupations (length of the exposure vectors).
    """

    occupation_index: IntArray
    weight: FloatArray
    threshold_log10: FloatArray
    n_occupations: int


def readiness(
    definedness: FloatArray, data: FloatArray, value: FloatArray, params: ExposureParams
) -> FloatArray:
    """Weighted mean of the three seed criteria, in [0, 1]."""
    weights = np.array(
        [
            params.weight_task_definedness,
            params.weight_data_availability,
            params.weight_economic_value,
        ]
    )
    stacked = np.stack([definedness, data, value])
    return weights @ stacked / weights.sum()


def blend_task_evidence(
    occupation_score: FloatArray, own_score: FloatArray, task_evidence_share: float
) -> FloatArray:
    """One criterion per task: ``c_j = (1 - lambda) * S_c(i) + lambda * s_c(j)``, in [0, 1].

    Parameters
    ----------
    occupation_score
        S_c(i) of each task's occupation (already indexed per task), [0, 1].
    own_score
        s_c(j), the task's own score from its O*NET evidence, [0, 1].
    task_evidence_share
        lambda in [0, 1] (``exposure.task_evidence_share``).
    """
    return (1.0 - task_evidence_share) * occupation_score + task_evidence_share * own_score


def task_barrier(
    occupation_barriers: tuple[FloatArray, FloatArray],
    task_barriers: tuple[FloatArray, FloatArray],
    occupation_index: IntArray,
    rank_threshold: float,
) -> FloatArray:
    """Barrier of each task in [0, 1].

    ``barrier_j = max(physical_j, interpersonal_j, floor_i)`` with
    ``floor_i = clip((max(P_i, I_i) - r0) / (1 - r0), 0, 1)``: the task's own
    physical or interpersonal activity share, floored for occupations whose
    barrier rank exceeds ``r0`` (work bound to presence).

    Parameters
    ----------
    occupation_barriers
        (physical P, interpersonal I) barrier score per occupation, percentile ranks.
    task_barriers
        (physical, interpersonal) activity share per task, [0, 1].
    occupation_index
        Occupation row of each task.
    rank_threshold
        r0 in [0, 1): barrier rank above which the job-wide floor starts.
    """
    top_rank = np.maximum(*occupation_barriers)
    floor = np.clip((top_rank - rank_threshold) / (1.0 - rank_threshold), 0.0, 1.0)
    return np.maximum(np.maximum(*task_barriers), floor[occupation_index])


def eloundou_difficulty(labels: NDArray[np.str_]) -> FloatArray:
    """Task difficulty from Eloundou et al. labels (E0/E1/E2)."""
    lookup = np.vectorize(ELOUNDOU_LABEL_DIFFICULTY.__getitem__, otypes=[float])
    return lookup(labels)


def feasibility_thresholds(
    readiness: FloatArray,
    barrier: FloatArray,
    params: ExposureParams,
    *,
    rng: np.random.Generator,
) -> FloatArray:
    """Threshold of each task in log10 effective compute (OOM vs reference), plus noise.

    Parameters
    ----------
    readiness, barrier
        Per task, in [0, 1].
    params
        ``threshold_ready_log10``, ``readiness_span_oom``, ``barrier_span_oom`` and
        ``threshold_noise_sd_log10``.
    rng
        Generator for the noise (one standard normal draw per task).
    """
    noise = rng.standard_normal(np.shape(readiness)) * params.threshold_noise_sd_log10
    return (
        params.threshold_ready_log10
        + params.readiness_span_oom * (1.0 - readiness)
        + params.barrier_span_oom * barrier
        + noise
    )


def task_time_weights(
    is_supplemental: NDArray[np.bool_],
    occupation_index: IntArray,
    n_occupations: int,
    supplemental_weight: float,
) -> FloatArray:
    """Time weight of each task, normalised to sum to 1 within its occupation."""
    raw = np.where(is_supplemental, supplemental_weight, 1.0)
    totals = np.bincount(occupation_index, weights=raw, minlength=n_occupations)
    safe_totals = np.where(totals > 0, totals, 1.0)
    return raw / safe_totals[occupation_index]


def exposure_at(log10_compute: float, tasks: TaskSet) -> FloatArray:
    """Exposure of every occupation at one effective-compute level, shape (n_occupations,)."""
    feasible = tasks.threshold_log10 <= log10_compute
    share = np.bincount(
        tasks.occupation_index, weights=tasks.weight * feasible, minlength=tasks.n_occupations
    )
    return np.clip(share, 0.0, 1.0)  # guards rounding of the normalised weights


def exposure_path(
    log10_compute: FloatArray, tasks: TaskSet, out: FloatArray | None = None
) -> FloatArray:
    """Exposure along a non-decreasing compute path, shape (n_steps, n_occupations).

    Each task's weight is added at the first step whose compute reaches its
    threshold, then summed along the steps (compiled loops, O(tasks x log steps
    + steps x occupations)).  Row ``t`` is :func:`exposure_at` of
    ``log10_compute[t]``: row 0 bit for bit (the same weights added in the same
    order), later rows up to rounding (each step's weights join as one sum).

    Parameters
    ----------
    log10_compute
        log10 effective compute (OOM vs reference) at each step, non-decreasing.
    tasks
        The run's task set.
    out
        Array of shape (n_steps, n_occupations) to write into (may be a strided
        view, e.g. one world of a (steps, worlds, occupations) array); a new
        array if ``None``.

    Raises
    ------
    ValueError
        If the path decreases (use :func:`exposure_at` per step instead), or
        ``out`` has another shape.
    """
    path = np.asarray(log10_compute, dtype=float)
    if np.any(np.diff(path) < 0):
        raise ValueError("exposure_path needs a non-decreasing effective-compute path")
    shape = (path.size, tasks.n_occupations)
    if out is not None and out.shape != shape:
        raise ValueError(f"exposure_path: out has shape {out.shape}, expected {shape}")
    share = np.empty(shape) if out is None else out
    first_step = np.empty(tasks.threshold_log10.size, dtype=np.intp)
    _first_steps(path, tasks.threshold_log10, first_step)
    _accumulate_exposure(first_step, tasks.occupation_index, tasks.weight, share)
    return share


@numba.njit(cache=True, error_model="numpy")
def _first_steps(path: FloatArray, threshold: FloatArray, out: IntArray) -> None:
    """``out[j]`` = number of steps with ``path < threshold[j]`` (``np.searchsorted``, left).

    For a non-decreasing path that count is the first step at which the task is
    feasible.  Thresholds at or below the first step count none and those above
    the last count every step (most tasks of a run); the rest are bisected.
    """
    n = path.size
    for j in range(threshold.size):
        x = threshold[j]
        if n == 0 or x <= path[0]:
            out[j] = 0
        elif x > path[n - 1]:
            out[j] = n
        else:  # path[0] < x <= path[n - 1]: the count is in [1, n - 1]
            low, high = 1, n - 1
            while low < high:
                middle = (low + high) // 2
                if path[middle] < x:
                    low = middle + 1
                else:
                    high = middle
            out[j] = low


@numba.njit(cache=True, error_model="numpy")
def _accumulate_exposure(
    first_step: IntArray, occupation: IntArray, weight: FloatArray, out: FloatArray
) -> None:
    """``out[t, i] = clip(sum of w_j over tasks j of i with first_step_j <= t, 0, 1)``.

    The weights that join at step t are summed per occupation in task order,
    then added to the running total (the order of a bincount then a cumsum);
    the clip guards rounding of the normalised weights.  Tasks are bucketed by
    step with a stable counting sort, so each step visits only its own tasks.
    """
    steps, n = out.shape
    starts = np.zeros(steps + 2, dtype=np.intp)
    for j in range(first_step.size):
        starts[min(first_step[j], steps) + 1] += 1
    for t in range(steps + 1):
        starts[t + 1] += starts[t]
    order = np.empty(first_step.size, dtype=np.intp)
    filled = starts.copy()
    for j in range(first_step.size):
        step = min(first_step[j], steps)
        order[filled[step]] = j
        filled[step] += 1
    added = np.zeros(n)
    total = np.zeros(n)
    for t in range(steps):
        for k in range(starts[t], starts[t + 1]):
            added[occupation[order[k]]] += weight[order[k]]
        for i in range(n):
            total[i] += added[i]
            added[i] = 0.0
            out[t, i] = min(max(total[i], 0.0), 1.0)
