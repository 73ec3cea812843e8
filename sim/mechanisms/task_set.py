"""The tasks of all occupations: time weights, difficulty and barrier, built from the evidence.

Difficulty by source (all monotone as the seed requires):

* criteria: ``d_j = d_ready + S_r (1 - readiness_j) + sigma_d z_j``, readiness
  the weighted mean of the task's definedness, data availability and economic
  value (:func:`blend_task_evidence`), ``b_j`` the larger of its physical and
  interpersonal activity shares, floored for occupations at the top of the
  barrier ranks (:func:`task_barrier`);
* eloundou / frey_osborne: a published index gives a difficulty ``u_j`` in
  [0, 1] that stands for both terms: ``readiness_j = 1 - u_j``, ``b_j = u_j``.

``d_j`` is in log2 minutes (the horizon at which AI succeeds on the task half
the time); ``b_j`` in [0, 1] is the share of the task done on the physical and
in-person track.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from sim.mechanisms.success_curve import SuccessCurve
from sim.params import ExposureParams

if TYPE_CHECKING:
    from sim.mechanisms.exposure_grid import GridMemo

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]

#: Difficulty of each Eloundou et al. exposure label (E1 direct, E2 with tools, E0 none).
ELOUNDOU_LABEL_DIFFICULTY = {"E1": 0.0, "E2": 0.5, "E0": 1.0}


@dataclass(frozen=True)
class TaskSet:
    """Tasks of all occupations with their difficulty, barrier and the run's success curve.

    Attributes
    ----------
    occupation_index : IntArray
        Row of the task's occupation in the occupation arrays, shape (n_tasks,).
    weight : FloatArray
        Time weight of each task; weights sum to 1 within each occupation.
    difficulty : FloatArray
        d_j, log2 minutes: the 50% horizon at which AI succeeds on the task half the time.
    barrier : FloatArray
        b_j in [0, 1]: the share of the task done on the physical and in-person track.
    n_occupations : int
        Number of occupations (length of the exposure vectors).
    curve : SuccessCurve
        The run's capability tracks and success curve.
    memo : GridMemo or None
        Where whole-path grid sums are kept for reuse (:mod:`sim.mechanisms.exposure_grid`);
        ``None``: computed for every path.  Never changes a result.
    """

    occupation_index: IntArray
    weight: FloatArray
    difficulty: FloatArray
    barrier: FloatArray
    n_occupations: int
    curve: SuccessCurve
    memo: GridMemo | None = field(default=None, compare=False, repr=False)


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
    """Task difficulty in [0, 1] from Eloundou et al. labels (E0/E1/E2)."""
    lookup = np.vectorize(ELOUNDOU_LABEL_DIFFICULTY.__getitem__, otypes=[float])
    return lookup(labels)


def task_difficulty(
    readiness: FloatArray, params: ExposureParams, *, rng: np.random.Generator
) -> FloatArray:
    """``d_j = d_ready + S_r (1 - readiness_j) + sigma_d z_j``, log2 minutes.

    Parameters
    ----------
    readiness
        Per task, in [0, 1].
    params
        ``difficulty_ready_log2_minutes``, ``readiness_span_doublings`` and
        ``difficulty_noise_sd_doublings``.
    rng
        Generator for the noise (one standard normal draw per task).
    """
    noise = rng.standard_normal(np.shape(readiness)) * params.difficulty_noise_sd_doublings
    return (
        params.difficulty_ready_log2_minutes
        + params.readiness_span_doublings * (1.0 - readiness)
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
