"""Calibration of the task difficulty level to Eloundou et al. at GPT-4's measured capability.

The criteria rank tasks; they do not say how hard the easiest ones are.
:func:`calibrate_difficulty_ready` sets that level: it finds
``exposure.difficulty_ready_log2_minutes`` such that, at GPT-4's METR horizon
(4.6 minutes, :data:`sim.data.capability_anchors.GPT4_HORIZON_MINUTES`), the
unweighted share of O*NET tasks AI assists (the mean over tasks of the
assisted success probability) equals Eloundou et al.'s beta, the mean of the
human and GPT-4 raters' unweighted task shares (32.8%).  The calibration reads
the horizon, not the compute path, so it holds whatever the growth rates; the
assisted share falls monotonically as the level rises, so bisection finds it to
any tolerance.

:func:`calibrate_initial_adopter_share` then sets the base-year level of AI
use: ``adoption.initial_adopter_share`` ``f_0`` such that the adopted task
share ``u = f_0 e(t_0)``, weighted by base-year employment, equals the centre
of Bick, Blandin & Deming's late-2024 share of work hours assisted by
generative AI (1-5%, :mod:`sim.data.adoption_anchors`); closed form, since
``u`` is linear in ``f_0``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from sim.data import OccupationTables
from sim.data.adoption_anchors import WORK_HOURS_ASSISTED_RANGE, WORK_HOURS_ASSISTED_TARGET
from sim.data.capability_anchors import ELOUNDOU_BETA_TARGET, GPT4_HORIZON_MINUTES
from sim.mechanisms.capability import capability_path
from sim.mechanisms.exposure import TaskSet, exposure_levels_at, success_probabilities
from sim.model.inputs import build_task_set
from sim.params.scenario import Scenario, derive
from sim.rng import EXPOSURE_STREAM, named_stream, run_sequence

#: Search interval for the difficulty level (log2 minutes) and bisection tolerance.
SEARCH_LOW_LOG2, SEARCH_HIGH_LOG2 = -60.0, 60.0
TOLERANCE_LOG2 = 1e-3
#: GPT-4's horizon on the model's capability axis, log2 minutes.
GPT4_HORIZON_LOG2 = math.log2(GPT4_HORIZON_MINUTES)


@dataclass(frozen=True)
class Calibration:
    """Result of :func:`calibrate_difficulty_ready`.

    Attributes
    ----------
    difficulty_ready_log2_minutes : float
        Calibrated ``exposure.difficulty_ready_log2_minutes``.
    target_share : float
        Eloundou beta, unweighted share of tasks (mean of the two raters).
    achieved_share : float
        Unweighted mean assisted success at GPT-4's horizon with that level.
    """

    difficulty_ready_log2_minutes: float
    target_share: float
    achieved_share: float


def run_task_set(scenario: Scenario, tables: OccupationTables) -> TaskSet:
    """The task difficulties that replication 0 of ``scenario`` at its own seed draws."""
    run_seed = run_sequence(scenario.seed)
    rng = named_stream(run_seed, EXPOSURE_STREAM)
    return build_task_set(tables, scenario, rng=rng)


def task_shares_at_horizon(tasks: TaskSet, horizon_log2_minutes: float) -> tuple[float, float]:
    """Unweighted share of tasks (assisted, autonomous) at a horizon, Eloundou's counting."""
    assisted, autonomous = success_probabilities(horizon_log2_minutes, tasks)
    return float(assisted.mean()), float(autonomous.mean())


def gpt4_assisted_share(scenario: Scenario, tables: OccupationTables) -> float:
    """Unweighted mean assisted success over all tasks at GPT-4's horizon."""
    return task_shares_at_horizon(run_task_set(scenario, tables), GPT4_HORIZON_LOG2)[0]


def calibrate_difficulty_ready(scenario: Scenario, tables: OccupationTables) -> Calibration:
    """Difficulty level that reproduces Eloundou beta at GPT-4's horizon.

    Uses the scenario's seed, span, noise, barrier and success curve; only
    ``exposure.difficulty_ready_log2_minutes`` is searched.
    """
    low, high = SEARCH_LOW_LOG2, SEARCH_HIGH_LOG2
    while high - low > TOLERANCE_LOG2:
        middle = (low + high) / 2
        trial = derive(scenario, {"exposure.difficulty_ready_log2_minutes": middle})
        if gpt4_assisted_share(trial, tables) > ELOUNDOU_BETA_TARGET:
            low = middle
        else:
            high = middle
    level = (low + high) / 2
    achieved = gpt4_assisted_share(
        derive(scenario, {"exposure.difficulty_ready_log2_minutes": level}), tables
    )
    return Calibration(level, ELOUNDOU_BETA_TARGET, achieved)


@dataclass(frozen=True)
class AdopterCalibration:
    """Result of :func:`calibrate_initial_adopter_share`.

    Attributes
    ----------
    initial_adopter_share : float
        Calibrated ``adoption.initial_adopter_share`` f_0 (share of work).
    plausible : tuple[float, float]
        f_0 that gives the low and high ends of the published range.
    base_exposure : float
        Employment-weighted assisted exposure in the base year.
    target_share : float
        Share of work hours assisted by AI the calibration reproduces.
    """

    initial_adopter_share: float
    plausible: tuple[float, float]
    base_exposure: float
    target_share: float


def base_year_exposure(scenario: Scenario, tables: OccupationTables) -> float:
    """Employment-weighted assisted exposure at the base year (step 0 of every run)."""
    years = np.array([scenario.run.base_year])
    compute = capability_path(years, scenario.capability, scenario.compute_governance)
    tasks = run_task_set(scenario, tables)
    assisted = exposure_levels_at(float(compute.log10_effective_compute[0]), tasks).assisted
    return employment_weighted(assisted, tables)


def calibrate_initial_adopter_share(
    scenario: Scenario, tables: OccupationTables
) -> AdopterCalibration:
    """``f_0 = target / e_w(t_0)``: the base-year adopted share matches Bick et al.'s hours."""
    exposure = base_year_exposure(scenario, tables)
    low, high = WORK_HOURS_ASSISTED_RANGE
    return AdopterCalibration(
        WORK_HOURS_ASSISTED_TARGET / exposure,
        (low / exposure, high / exposure),
        exposure,
        WORK_HOURS_ASSISTED_TARGET,
    )


def employment_weighted(values: np.ndarray, tables: OccupationTables) -> float:
    """Base-year-employment-weighted mean of a per-occupation array."""
    employment = tables.occupations["employment"].to_numpy(dtype=float)
    return float(np.average(values, weights=employment))
