"""Exposure: the time-weighted share of an occupation's tasks AI can do, assisted or autonomous.

Each task j of occupation i has a difficulty ``d_j`` (log2 minutes) and a
barrier ``b_j`` (:mod:`sim.mechanisms.task_set`); its barrier share rides the
physical track ``h_P``, the rest the cognitive horizon ``h``, each with the
task-level success curve of :mod:`sim.mechanisms.success_curve` (slope
``beta'``, autonomy log-odds ``c``)::

    s(x)       = 1 / (1 + exp(-x))
    assisted   p_j = (1 - b_j) s(beta' (h - d_j)) + b_j s(beta' (h_P - d_j))
    autonomous q_j = (1 - b_j) s(beta' (h - d_j) - c) + b_j s(beta' (h_P - d_j) - c)
    exposure_i = sum_j w_j p_j,  autonomous_i = sum_j w_j q_j   (w_j: time weights)

``q_j < p_j`` always: autonomy costs ``logit(r) / beta`` more doublings.  This
module evaluates the levels at one capability (every task) and along a whole
path (:func:`exposure_path`, through the grid of
:mod:`sim.mechanisms.exposure_grid`).  The success curve and the task set are
re-exported here, the names callers use.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from sim.mechanisms.capability import reached_compute
from sim.mechanisms.exposure_grid import (
    GRID_DOUBLINGS,
    INTERPOLATION_ERROR_BOUND,
    GridMemo,
    capability_grid,
    grid_sums,
    path_levels,
)
from sim.mechanisms.success_curve import SuccessCurve, instance_spread_factor
from sim.mechanisms.task_set import (
    ELOUNDOU_LABEL_DIFFICULTY,
    TaskSet,
    blend_task_evidence,
    eloundou_difficulty,
    readiness,
    task_barrier,
    task_difficulty,
    task_time_weights,
)

__all__ = [
    "ELOUNDOU_LABEL_DIFFICULTY",
    "GRID_DOUBLINGS",
    "INTERPOLATION_ERROR_BOUND",
    "ExposureLevels",
    "GridMemo",
    "SuccessCurve",
    "TaskSet",
    "blend_task_evidence",
    "capability_grid",
    "eloundou_difficulty",
    "exposure_at",
    "exposure_levels_at",
    "exposure_levels_at_horizon",
    "exposure_path",
    "grid_sums",
    "instance_spread_factor",
    "readiness",
    "success_probabilities",
    "task_barrier",
    "task_difficulty",
    "task_log_odds",
    "task_time_weights",
]

FloatArray = NDArray[np.float64]


class ExposureLevels(NamedTuple):
    """Exposure at the two levels, same shape, shares of task time in [0, 1]."""

    assisted: FloatArray
    """Share of task time AI does well enough for the worker to check and use."""
    autonomous: FloatArray
    """Share of task time AI does reliably enough to run without the worker (<= assisted)."""


def task_log_odds(horizon: float, tasks: TaskSet) -> tuple[FloatArray, FloatArray]:
    """Assisted log-odds of every task on each track: ``beta (h - d_j)``, ``beta (h_P - d_j)``."""
    curve = tasks.curve
    physical = float(curve.physical_horizon(horizon))
    return (
        curve.slope * (horizon - tasks.difficulty),
        curve.slope * (physical - tasks.difficulty),
    )


def success_probabilities(horizon: float, tasks: TaskSet) -> ExposureLevels:
    """Per-task probabilities (assisted p_j, autonomous q_j) at horizon ``h`` (log2 minutes).

    The task's barrier share ``b_j`` is done on the physical track, the rest on
    the cognitive one: ``p_j = (1 - b_j) s(x_c) + b_j s(x_p)``.
    """
    cognitive, physical = task_log_odds(horizon, tasks)
    shift = tasks.curve.autonomy_log_odds
    barrier = tasks.barrier
    return ExposureLevels(
        (1.0 - barrier) * _logistic(cognitive) + barrier * _logistic(physical),
        (1.0 - barrier) * _logistic(cognitive - shift) + barrier * _logistic(physical - shift),
    )


def _logistic(x: FloatArray) -> FloatArray:
    """sigma(x) = 1 / (1 + exp(-x)), without overflow warnings for large |x|."""
    return np.exp(-np.logaddexp(0.0, -x))


def exposure_levels_at(log10_compute: float, tasks: TaskSet) -> ExposureLevels:
    """Both exposure levels of every occupation at one capability (shape (n_occupations,))."""
    return exposure_levels_at_horizon(float(tasks.curve.horizon(log10_compute)), tasks)


def exposure_levels_at_horizon(horizon: float, tasks: TaskSet) -> ExposureLevels:
    """Both exposure levels of every occupation at horizon ``h`` (log2 minutes)."""
    levels = success_probabilities(horizon, tasks)
    return ExposureLevels(
        *(
            np.clip(
                np.bincount(
                    tasks.occupation_index,
                    weights=tasks.weight * share,
                    minlength=tasks.n_occupations,
                ),
                0.0,
                1.0,
            )
            for share in levels
        )
    )


def exposure_at(log10_compute: float, tasks: TaskSet) -> FloatArray:
    """Assisted exposure of every occupation at one capability, shape (n_occupations,)."""
    return exposure_levels_at(log10_compute, tasks).assisted


def exposure_path(
    log10_compute: FloatArray,
    tasks: TaskSet,
    out: FloatArray | None = None,
    out_autonomous: FloatArray | None = None,
) -> ExposureLevels:
    """Both exposure levels along a compute path, each shape (n_steps, n_occupations).

    Capability at step t is the running maximum of the path (trained models do
    not disappear), mapped to the horizon h.  Each occupation's shares and their
    derivatives in h are summed over its tasks at the lattice points ``k D``
    (D = :data:`GRID_DOUBLINGS`) covering the path's range, plus the kink of the
    physical gap if it lies inside, and read at each step by cubic Hermite
    interpolation (error below :data:`INTERPOLATION_ERROR_BOUND`;
    :func:`sim.mechanisms.exposure_grid.path_levels`; the lattice blocks are kept
    in ``tasks.memo`` for later paths).  A path that never moves, or has fewer
    steps than lattice points, is evaluated exactly at every step.

    Parameters
    ----------
    log10_compute
        log10 effective compute (OOM vs reference) at each step, any shape (n_steps,).
    tasks
        The run's task set.
    out, out_autonomous
        Arrays of shape (n_steps, n_occupations) to write the assisted and
        autonomous shares into (may be strided views); new arrays if ``None``.

    Raises
    ------
    ValueError
        If ``out`` or ``out_autonomous`` has another shape.
    """
    horizon = tasks.curve.horizon(reached_compute(np.asarray(log10_compute, dtype=float)))
    shape = (horizon.size, tasks.n_occupations)
    for name, array in (("out", out), ("out_autonomous", out_autonomous)):
        if array is not None and array.shape != shape:
            raise ValueError(f"exposure_path: {name} has shape {array.shape}, expected {shape}")
    assisted = np.empty(shape) if out is None else out
    autonomous = np.empty(shape) if out_autonomous is None else out_autonomous
    if horizon.size == 0:
        return ExposureLevels(assisted, autonomous)
    if horizon[0] == horizon[-1]:  # capability never moves: every step is the first
        assisted[:], autonomous[:] = exposure_levels_at_horizon(float(horizon[0]), tasks)
    elif capability_grid(float(horizon[0]), float(horizon[-1]), -np.inf).size >= horizon.size:
        for step, level in enumerate(horizon):
            assisted[step], autonomous[step] = exposure_levels_at_horizon(float(level), tasks)
    else:
        path_levels(horizon, tasks, assisted, autonomous)
    return ExposureLevels(assisted, autonomous)
