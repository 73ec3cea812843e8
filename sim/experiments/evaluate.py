"""Evaluate chunks of sweep runs inside a worker: derive, run, reduce to outcomes.

A worker receives an *evaluator* once (scattered to every worker) and chunks of
:class:`RunTask`; each run's scenario is derived from the base with the run's
values, run to the horizon, and reduced to its outcomes before anything is
sent back.  Occupation tables are loaded once per worker process and cached
(:func:`sim.experiments.runner.load_tables`), never once per run.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from sim.errors import LaborsimError
from sim.experiments.runner import advance_to_horizon, load_tables
from sim.experiments.store import DONE, FAILED, RunRecord
from sim.experiments.sweep_outcomes import OutcomeRow, run_outcomes, yearly_totals
from sim.io.sweep_files import OutcomeSpec
from sim.model import LaborMarketModel
from sim.params import Scenario, derive


@dataclass(frozen=True)
class RunTask:
    """One run to evaluate: its id, the varied values and its seed sequence."""

    run_id: int
    values: dict[str, float]
    seed: np.random.SeedSequence


class Evaluator(Protocol):
    """Turns one run's values and seed into outcome rows (and optionally yearly totals)."""

    def __call__(
        self, values: dict[str, float], seed: np.random.SeedSequence
    ) -> tuple[list[OutcomeRow], np.ndarray | None]:
        """Evaluate one run."""
        ...


#: Scenario switch of the transitions table (``transitions.parquet``), off in sweeps.
TRANSITIONS_SWITCH = "run.record_transitions"


@dataclass(frozen=True)
class ModelEvaluator:
    """The laborsim model as a sweep evaluator."""

    base: Scenario
    outcomes: OutcomeSpec
    years: tuple[int, ...]

    def __call__(
        self, values: dict[str, float], seed: np.random.SeedSequence
    ) -> tuple[list[OutcomeRow], np.ndarray | None]:
        """Derive the run's scenario, run it and reduce it to outcomes.

        No sweep outcome reads the transitions table, so runs skip its yearly
        edge flows (about a sixth of a run's time); nothing else changes.
        """
        scenario = derive(self.base, {**values, TRANSITIONS_SWITCH: False})
        model = LaborMarketModel(scenario, load_tables(scenario), seed=seed)
        advance_to_horizon(model)
        yearly = yearly_totals(model) if self.outcomes.yearly_totals else None
        return run_outcomes(model, self.outcomes, self.years), yearly


def run_chunk(evaluator: Evaluator, tasks: Sequence[RunTask], first_year: int) -> list[RunRecord]:
    """Evaluate ``tasks`` in order; an input error fails that run only, with its message."""
    worker = f"{socket.gethostname()}:{os.getpid()}"
    records = []
    for task in tasks:
        start = time.perf_counter()
        try:
            rows, yearly = evaluator(task.values, task.seed)
        except LaborsimError as error:
            records.append(
                RunRecord(
                    task.run_id, FAILED, time.perf_counter() - start, worker, error=str(error)
                )
            )
            continue
        seconds = time.perf_counter() - start
        bad = [row for row in rows if not np.isfinite(row.value)]
        if bad:
            message = f"outcome {bad[0].outcome} {bad[0].year} {bad[0].scope} is not finite"
            records.append(RunRecord(task.run_id, FAILED, seconds, worker, error=message))
            continue
        records.append(RunRecord(task.run_id, DONE, seconds, worker, rows, yearly, first_year))
    return records
