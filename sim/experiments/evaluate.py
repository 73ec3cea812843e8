"""Evaluate chunks of sweep runs inside a worker: derive, run, reduce to outcomes.

A worker receives an *evaluator* once (scattered to every worker) and chunks of
:class:`RunTask`; each run's scenario is derived from the base with the run's
values, run to the horizon, and reduced to its outcomes before anything is
sent back.  Occupation tables are loaded once per worker process and cached
(:func:`sim.experiments.runner.load_tables`), never once per run.  While a
chunk runs, the process's numerical libraries use one thread (threadpoolctl):
a worker is one core, and results never depend on a library's thread count.

Inside a Dask worker a run costs the thread computing it what it costs in
process (measured 38.8-41.1 ms against 39.0-42.7 ms of CPU per full baseline
sweep run, in alternating measurements on a shared 2-core machine); what made
worker runs dearer was the worker's other threads (Dask's profiler and
housekeeping, 2.3 ms of CPU per run, now 0.1 ms: see
:data:`sim.experiments.execution.CLUSTER_CONFIG`).
"""

from __future__ import annotations

import gc
import os
import socket
import time
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from threadpoolctl import threadpool_limits

from sim.data import OccupationTables
from sim.errors import LaborsimError
from sim.experiments.runner import load_tables
from sim.experiments.store import DONE, FAILED, FinishedRuns, RunRecord
from sim.experiments.sweep_outcomes import (
    OutcomeLayout,
    OutcomeRow,
    run_outcomes,
    yearly_totals,
)
from sim.io.sweep_files import OutcomeSpec
from sim.model import LaborMarketModel
from sim.model.no_ai_world import NoAiCache, compute_with_cache
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


#: Longest error message stored for a failed run, characters (the rest is cut).
MAX_ERROR_CHARS = 2000
#: Scenario switch of the transitions table (``transitions.parquet``), off in sweeps.
TRANSITIONS_SWITCH = "run.record_transitions"


@dataclass
class ModelEvaluator:
    """The laborsim model as a sweep evaluator.

    Per process it keeps the base scenario's tables, the outcome layout of
    the first run (later runs have the same occupations; checked each run) and
    a cache of no-AI worlds (:mod:`sim.model.no_ai_world`): runs whose no-AI
    world has the same inputs as a recent run's in this process (a sweep that
    varies only AI parameters) compute their AI world alone, with identical
    results.  Workers do not share their caches.
    """

    base: Scenario
    outcomes: OutcomeSpec
    years: tuple[int, ...]
    _layout: OutcomeLayout | None = field(default=None, init=False, repr=False, compare=False)
    no_ai_cache: NoAiCache = field(default_factory=NoAiCache, init=False, repr=False, compare=False)

    def __call__(
        self, values: dict[str, float], seed: np.random.SeedSequence
    ) -> tuple[list[OutcomeRow], np.ndarray | None]:
        """Derive the run's scenario, run it and reduce it to outcomes.

        No sweep outcome reads the transitions table, so runs skip its yearly
        edge flows (about a sixth of a run's time); nothing else changes.
        """
        scenario = derive(self.base, {**values, TRANSITIONS_SWITCH: False})
        model = LaborMarketModel(scenario, self.tables, seed=seed)
        compute_with_cache(model, self.no_ai_cache)
        yearly = yearly_totals(model) if self.outcomes.yearly_totals else None
        if self._layout is None or not self._layout.fits(model.inputs):
            self._layout = OutcomeLayout.of(model.inputs, self.outcomes)
        return run_outcomes(model, self.outcomes, self.years, self._layout), yearly

    @cached_property
    def tables(self) -> OccupationTables:
        """The base scenario's occupation tables, loaded on first use in each process.

        Swept values are numbers, never a data path, so every run reads the
        base scenario's tables; holding them saves the per-run file checks of
        :func:`~sim.experiments.runner.load_tables` (the model still checks each
        run's override codes against them).
        """
        return load_tables(self.base)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without what a process builds for itself (tables, layout, no-AI cache)."""
        state = dict(vars(self))
        state.pop("tables", None)
        state["_layout"] = None
        state["no_ai_cache"] = NoAiCache()
        return state


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Objects alive when the block starts are left out of garbage collections in it.

    A finished model is cyclic garbage (agents and the model refer to each
    other), which reference counting never frees; Python's own full
    collections come too seldom, so dead models pile up (measured: +10 MiB per
    full baseline run).  :func:`run_chunk` collects after every run; with the
    process's long-lived objects (modules, tables, caches) frozen
    (:func:`gc.freeze`) a collection visits only the last run's objects
    (measured: ~1.4 ms instead of ~90 ms).  On the way out every frozen
    object is unfrozen, including any the caller froze: they stay alive and
    are merely visited by collections again.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def run_chunk(evaluator: Evaluator, tasks: Sequence[RunTask], first_year: int) -> FinishedRuns:
    """Evaluate ``tasks`` in order on one thread; an input error fails that run only.

    Each run's garbage is collected before the next starts, so a worker's
    memory does not grow with the number of runs it has done.  The result is
    in columns, ready for the store to append.
    """
    worker = f"{socket.gethostname()}:{os.getpid()}"
    records = []
    # BLAS and OpenMP on one thread (threadpoolctl). Numba is left alone: the compiled
    # loops are serial and start no threads, and setting its thread count would start
    # its thread pool, after which a change of NUMBA_NUM_THREADS in the environment
    # (Dask sets worker environments in this process while spawning them) makes the
    # next compilation fail.
    with threadpool_limits(limits=1), frozen_heap():
        for task in tasks:
            records.append(_evaluate(evaluator, task, first_year, worker))
            gc.collect()
    return FinishedRuns.of(records)


def _evaluate(evaluator: Evaluator, task: RunTask, first_year: int, worker: str) -> RunRecord:
    """One run; any exception it raises fails that run only, recorded with its error.

    A bad combination of inputs raises a :class:`~sim.errors.LaborsimError`
    (stored as its message); anything else is a defect of the model at those
    values, stored as its type, message and the line that raised it, so that
    the rest of the sweep still runs and a re-run does not retry it.
    """
    start = time.perf_counter()
    try:
        rows, yearly = evaluator(task.values, task.seed)
    except Exception as error:  # every run's failure is recorded, never raised
        return RunRecord(
            task.run_id, FAILED, time.perf_counter() - start, worker, error=failure_text(error)
        )
    seconds = time.perf_counter() - start
    bad = [row for row in rows if not np.isfinite(row.value)]
    if bad:
        message = f"outcome {bad[0].outcome} {bad[0].year} {bad[0].scope} is not finite"
        return RunRecord(task.run_id, FAILED, seconds, worker, error=message)
    return RunRecord(task.run_id, DONE, seconds, worker, rows, yearly, first_year)


def failure_text(error: BaseException) -> str:
    """What the store keeps of a failed run's error: a message of <= :data:`MAX_ERROR_CHARS`.

    An input error (:class:`~sim.errors.LaborsimError`) is its message; any
    other exception is a defect, kept with its type and where it was raised.
    """
    if isinstance(error, LaborsimError):
        text = str(error)
    else:
        frames = traceback.extract_tb(error.__traceback__)
        where = f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
        text = f"{type(error).__name__}: {error}{where}"
    if len(text) > MAX_ERROR_CHARS:
        text = text[: MAX_ERROR_CHARS - 3] + "..."
    return text


def failed_chunk(tasks: Sequence[RunTask], error: BaseException, worker: str) -> FinishedRuns:
    """Every run of a chunk whose worker failed as a whole (died, lost), recorded as failed."""
    message = f"the worker running this chunk failed: {failure_text(error)}"
    return FinishedRuns.of([RunRecord(t.run_id, FAILED, 0.0, worker, error=message) for t in tasks])
