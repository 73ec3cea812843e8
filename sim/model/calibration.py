"""Calibration of the feasibility threshold level to a published exposure benchmark.

The criteria scores rank tasks; they do not say how many tasks AI could do in
the reference year.  :func:`calibrate_threshold_ready` sets that level: it finds
``exposure.threshold_ready_log10`` such that the employment-weighted mean
exposure at the reference-year frontier (log10 effective compute 0) equals the
employment-weighted Eloundou et al. (2024) GPT-4 beta, the published share of
task time that LLM-based tools can already do.  Exposure falls monotonically as
the threshold level rises, so bisection finds the level to any tolerance.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sim.data import OccupationTables
from sim.mechanisms.exposure import TaskSet, exposure_at
from sim.model.inputs import build_task_set
from sim.params.scenario import Scenario, derive
from sim.rng import EXPOSURE_STREAM, named_stream, run_sequence

#: Search interval for the threshold level (OOM vs reference) and bisection tolerance.
SEARCH_LOW_LOG10, SEARCH_HIGH_LOG10 = -60.0, 60.0
TOLERANCE_LOG10 = 1e-3
BENCHMARK_COLUMN = "eloundou_beta_gpt4"


@dataclass(frozen=True)
class Calibration:
    """Result of :func:`calibrate_threshold_ready`.

    Attributes
    ----------
    threshold_ready_log10 : float
        Calibrated ``exposure.threshold_ready_log10`` (OOM vs reference).
    target_exposure : float
        Employment-weighted benchmark (Eloundou GPT-4 beta).
    achieved_exposure : float
        Employment-weighted model exposure at the reference year with that level.
    """

    threshold_ready_log10: float
    target_exposure: float
    achieved_exposure: float


def run_task_set(scenario: Scenario, tables: OccupationTables) -> TaskSet:
    """The task thresholds that replication 0 of ``scenario`` at its own seed draws."""
    run_seed = run_sequence(scenario.seed)
    rng = named_stream(run_seed, EXPOSURE_STREAM)
    return build_task_set(tables, scenario, rng=rng)


def mean_reference_exposure(scenario: Scenario, tables: OccupationTables) -> float:
    """Employment-weighted mean exposure at log10 effective compute 0 (reference year)."""
    tasks = run_task_set(scenario, tables)
    employment = tables.occupations["employment"].to_numpy(dtype=float)
    return float(np.average(exposure_at(0.0, tasks), weights=employment))


def calibrate_threshold_ready(scenario: Scenario, tables: OccupationTables) -> Calibration:
    """Threshold level that reproduces the employment-weighted Eloundou GPT-4 beta.

    Uses the scenario's seed, spans, barrier threshold and noise; only
    ``exposure.threshold_ready_log10`` is searched.
    """
    employment = tables.occupations["employment"].to_numpy(dtype=float)
    target = float(np.average(tables.occupations[BENCHMARK_COLUMN], weights=employment))
    low, high = SEARCH_LOW_LOG10, SEARCH_HIGH_LOG10
    while high - low > TOLERANCE_LOG10:
        middle = (low + high) / 2
        trial = derive(scenario, {"exposure.threshold_ready_log10": middle})
        if mean_reference_exposure(trial, tables) > target:
            low = middle
        else:
            high = middle
    level = (low + high) / 2
    achieved = mean_reference_exposure(
        derive(scenario, {"exposure.threshold_ready_log10": level}), tables
    )
    return Calibration(level, target, achieved)
