"""Run one scenario, replications, or a batch, optionally on several processes.

Every run is replication ``r`` of a root seed: its seed sequence is
``SeedSequence(seed, spawn_key=(r,))``, fixed before any work is dispatched, so
a run gives identical frames alone, in a batch, or on any number of workers.
Parallelism lives only here; the start method is chosen inside
:func:`run_batch`, never at import.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sim.data import OccupationTables, load_occupation_tables
from sim.errors import DataValidationError, LaborsimError
from sim.experiments.resume import identity
from sim.experiments.worker_lifetime import exit_with_parent, sigint_ignored
from sim.io.input_files import checked_path
from sim.io.provenance import data_fingerprint, environment_versions, git_commit
from sim.io.results import RunResult
from sim.model import LaborMarketModel
from sim.model.integrity import check_outputs
from sim.model.override_check import check_override_codes
from sim.params import Scenario
from sim.resources import occupations_dir as occupations_data_dir
from sim.rng import run_sequence

#: Most replications of one batch, as in a sweep spec (``sim.io.sweep_spec.SweepSpec``).
MAX_REPLICATIONS = 10_000
#: The shipped data set (inside an installed wheel, or a source checkout's ``occupations/``).
DEFAULT_OCCUPATIONS_DIR = occupations_data_dir()


@dataclass(frozen=True)
class RunSpec:
    """One unit of work: a scenario, a root seed and a replication index."""

    scenario: Scenario
    seed: int
    replication: int = 0

    def seed_sequence(self) -> np.random.SeedSequence:
        """The run's own seed sequence."""
        return run_sequence(self.seed, self.replication)


def occupations_dir(scenario: Scenario) -> Path:
    """Directory of the scenario's occupation tables (bundled data if unset)."""
    configured = scenario.occupations.path
    if not configured:
        return DEFAULT_OCCUPATIONS_DIR
    return checked_path(configured, "directory", DataValidationError, "occupations.path")


def load_tables(scenario: Scenario) -> OccupationTables:
    """Load and validate the scenario's occupation tables (cached per process)."""
    directory = _resolved_dir(scenario)
    if not directory.is_dir():
        raise DataValidationError(
            f"occupations.path: directory {directory} not found; set occupations.path "
            "in the scenario to a directory with occupations.csv, tasks.csv.gz, "
            "transitions.csv.gz, skills.csv.gz"
        )
    tables = _cached_tables(directory, _mtimes(directory))
    check_override_codes(scenario, tables, str(directory))
    return tables


def _resolved_dir(scenario: Scenario) -> Path:
    try:
        return occupations_dir(scenario).resolve()
    except (OSError, RuntimeError) as problem:
        raise DataValidationError(f"occupations.path: cannot be resolved: {problem}") from None


def _mtimes(directory: Path) -> tuple[float, ...]:
    """Modification times of the directory's (non-hidden) files, in name order.

    Checked on every call (a sweep run's data must be the files as they are
    now), with one directory listing rather than a path object per file.
    """
    try:
        with os.scandir(directory) as listing:
            files = sorted(
                (entry for entry in listing if not entry.name.startswith(".") and entry.is_file()),
                key=lambda entry: entry.name,
            )
            return tuple(entry.stat().st_mtime for entry in files)
    except (FileNotFoundError, NotADirectoryError):
        return ()  # no data files (refused with its own message where tables are loaded)
    except OSError as problem:
        raise DataValidationError(f"{directory}: cannot be listed: {problem}") from None


@functools.lru_cache(maxsize=4)
def _cached_fingerprint(directory: Path, mtimes: tuple[float, ...]) -> dict[str, str]:
    try:
        return data_fingerprint(directory) if directory.is_dir() else {}
    except OSError as problem:
        raise DataValidationError(f"{directory}: data files cannot be read: {problem}") from None


@functools.lru_cache(maxsize=4)
def _cached_tables(directory: Path, mtimes: tuple[float, ...]) -> OccupationTables:
    return load_occupation_tables(directory)


def run(
    scenario: Scenario,
    *,
    seed: int | None = None,
    replication: int = 0,
    tables: OccupationTables | None = None,
) -> RunResult:
    """Run one scenario and return its result.

    Parameters
    ----------
    scenario
        Validated scenario.
    seed
        Root seed; ``None`` uses ``scenario.seed``.
    replication
        Replication index; each index is an independent, reproducible stream.
    tables
        Occupation tables; ``None`` loads ``scenario.occupations.path``.
    """
    spec = RunSpec(scenario, scenario.seed if seed is None else seed, replication)
    return run_spec(spec, tables=tables)


def run_spec(spec: RunSpec, *, tables: OccupationTables | None = None) -> RunResult:
    """Run one :class:`RunSpec` (tables from the scenario's directory unless given)."""
    started = datetime.now(UTC)
    wall_start = time.perf_counter()
    data_source = _data_provenance(spec.scenario) if tables is None else CALLER_TABLES
    tables = load_tables(spec.scenario) if tables is None else tables
    model = LaborMarketModel(spec.scenario, tables, seed=spec.seed_sequence())
    build_seconds = time.perf_counter() - wall_start
    advance_to_horizon(model)
    timings = {
        "started_utc": started.isoformat(),
        "model_build_seconds": build_seconds,
        "model_step_seconds": time.perf_counter() - wall_start - build_seconds,
        "wall_seconds": time.perf_counter() - wall_start,
    }
    occupations = model.recorder.occupation_frame(spec.scenario.run.base_year)
    economy = model.recorder.economy_frame(model.capability)
    check_outputs(
        occupations, economy, f"scenario '{spec.scenario.name}' replication {spec.replication}"
    )
    return RunResult(
        occupations=label_frame(occupations, spec),
        economy=label_frame(economy, spec),
        metadata=_run_metadata(spec, data_source, timings),
        transitions=model.recorder.transitions_frame(spec.scenario.run.base_year),
    )


def advance_to_horizon(model: LaborMarketModel) -> LaborMarketModel:
    """Compute a freshly built model to its horizon (the one stepping path of every run).

    All steps run in one call of the compiled loop
    (:meth:`LaborMarketModel.compute_to_horizon`).  Runs and sweep runs read
    the results and discard the model, so Mesa's clock is not replayed (~1.8
    ms of 360 step events that change nothing); ``model.run_to_horizon()``
    also moves it, for a model that is kept and stepped on.
    """
    model.compute_to_horizon()
    return model


def label_frame(frame: pd.DataFrame, spec: RunSpec) -> pd.DataFrame:
    """Put the identifier columns ``run_id``, ``scenario``, ``replication`` first.

    ``run_id`` is ``"<scenario>/<replication>"``, unique within a batch.
    """
    name = spec.scenario.name
    only = np.zeros(len(frame), dtype=np.int8)  # every row: the one category
    frame.insert(0, "replication", np.int64(spec.replication))
    frame.insert(0, "scenario", pd.Categorical.from_codes(only, [name]))
    frame.insert(0, "run_id", pd.Categorical.from_codes(only, [f"{name}/{spec.replication}"]))
    return frame


#: Recorded as the data provenance when the caller passed the tables in directly.
CALLER_TABLES: dict[str, object] = {"occupations_dir": "tables supplied by the caller"}


def _data_provenance(scenario: Scenario) -> dict[str, object]:
    directory = _resolved_dir(scenario)
    return {
        "occupations_dir": str(directory),
        "occupations_data": _cached_fingerprint(directory, _mtimes(directory)),
    }


def run_identity(spec: RunSpec) -> dict[str, Any]:
    """Metadata fields that identify a run: scenario, seed, replication, data (resume, replay)."""
    return identity(
        spec.scenario.to_dict(),
        spec.seed,
        spec.replication,
        lambda: _data_provenance(spec.scenario),
    )


def _run_metadata(
    spec: RunSpec, data_source: dict[str, object], timings: dict[str, object]
) -> dict[str, object]:
    sequence = spec.seed_sequence()
    return {
        "scenario": spec.scenario.to_dict(),
        "seed": spec.seed,
        "replication": spec.replication,
        "seed_entropy": str(sequence.entropy),
        "spawn_key": list(sequence.spawn_key),
        **data_source,
        "versions": environment_versions(),
        "git_commit": git_commit(),
        **timings,
    }


def batch_specs(
    scenarios: Sequence[Scenario], *, seed: int | None = None, replications: int = 1
) -> list[RunSpec]:
    """All (scenario, seed, replication) combinations, in a fixed order.

    Raises
    ------
    LaborsimError
        If ``replications`` is outside [1, :data:`MAX_REPLICATIONS`] (refused before
        anything is planned: the plan of 10 million runs alone fills memory).
    """
    if not 1 <= replications <= MAX_REPLICATIONS:
        raise LaborsimError(
            f"--replications {replications}: allowed: 1 to {MAX_REPLICATIONS:,} "
            "(as a sweep's replications); for more runs, write a sweep"
        )
    return [
        RunSpec(scenario, scenario.seed if seed is None else seed, replication)
        for scenario in scenarios
        for replication in range(replications)
    ]


def run_batch(specs: Sequence[RunSpec], *, workers: int = 1) -> list[RunResult]:
    """Run specs on ``workers`` processes; results in spec order; the first error raises."""
    results = []
    for outcome in iter_batch(specs, workers=workers):
        if isinstance(outcome, LaborsimError):
            raise outcome
        results.append(outcome)
    return results


def iter_batch(
    specs: Sequence[RunSpec], *, workers: int = 1
) -> Iterator[RunResult | LaborsimError]:
    """Yield each spec's result (or its input error) in spec order, as soon as it is ready.

    A failing run does not stop the others, so the caller can save every result
    that did complete.
    """
    if workers < 1:
        raise ValueError(f"workers must be >= 1, got {workers}")
    if workers == 1 or len(specs) <= 1:
        yield from (_run_or_error(spec) for spec in specs)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=min(workers, len(specs)),
        mp_context=context,
        initializer=exit_with_parent,
        initargs=(os.getpid(),),
    ) as pool:
        try:
            with sigint_ignored():  # workers start (at submit) ignoring Ctrl-C: see worker_lifetime
                futures = [pool.submit(_run_or_error, spec) for spec in specs]
            yield from (future.result() for future in futures)
        finally:  # interrupted or abandoned: drop the runs not started, wait for the running
            pool.shutdown(wait=True, cancel_futures=True)


def _run_or_error(spec: RunSpec) -> RunResult | LaborsimError:
    try:
        return run_spec(spec)
    except LaborsimError as error:
        return error
