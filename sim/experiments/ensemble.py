"""The uncertainty ensemble of a scenario run: every uncertain assumption drawn from its range.

A scenario run answers at one point of every assumption.  Its ensemble runs
the same scenario ``N`` more times with every *uncertain* assumption drawn
from its declared plausible range, and turns the draws into ranges, sign
probabilities, classes and drivers (:mod:`sim.experiments.ensemble_stats`).
Everything about the design is decided from the declarations, before any run:

- **What is drawn**: every scalar parameter declared with role *uncertainty*
  and a plausible range (:func:`sim.params.sweepable.declared`), except those
  the scenario sets to a value other than the declared default (a scenario
  that sets an uncertain assumption, as ``fast-algorithms`` sets the
  algorithmic halving time, is defined by it) and those the scenario's own
  cross-field checks refuse (they do not apply to it): these are held.  Levers and fixed
  parameters keep the scenario's values.  No list of names is written here:
  a parameter declared tomorrow with role *uncertainty* is drawn tomorrow.
- **How**: a Latin hypercube (SALib ``sample.latin``) of ``N`` points over the
  plausible ranges (uniform, or uniform in log10 for log-uniform ones), seeded
  by the scenario's seed.
- **Replication noise**: each draw runs on its own seed stream (spawn key
  ``(draw, 0)`` of the scenario's seed, the sweep engine's ``independent``
  scheme), so the task-threshold noise is drawn anew with every draw.
- **Outcomes** of each draw: employment against the no-AI path of every
  occupation and the totals (employment, wage bill, displaced unemployed), at
  :data:`MILESTONE_YEAR` and the horizon.

The runs go through the sweep engine (:func:`sim.experiments.sweep.run_sweep`,
local Dask workers, chunked, deterministic on any number of workers) into its
resumable DuckDB store ``DIR/ensemble/sweep.duckdb``, beside the central run
in ``DIR``: a killed ensemble continues where it stopped.  The analysis
(:func:`analyse_ensemble`) writes ``ensemble.json`` and three Parquet tables
(:data:`TOTALS_FILE`, :data:`OCCUPATIONS_FILE`, :data:`DRIVERS_FILE`).
"""

from __future__ import annotations

from pathlib import Path

from sim.experiments.ensemble_design import (
    DEFAULT_DRAWS,
    MILESTONE_YEAR,
    drawn_parameters,
    ensemble_sweep,
)
from sim.experiments.ensemble_results import (
    Ensemble,
    analyse_ensemble,
    is_ensemble_dir,
    load_ensemble,
)
from sim.experiments.evaluate import Evaluator
from sim.experiments.sweep import Progress, run_sweep
from sim.params import Scenario

#: Subdirectory of a run directory that holds its ensemble.
ENSEMBLE_DIR = "ensemble"


def run_ensemble(
    scenario: Scenario,
    draws: int = DEFAULT_DRAWS,
    *,
    directory: str | Path,
    workers: int = 1,
    seed: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
    evaluator: Evaluator | None = None,
) -> Ensemble:
    """Run (or resume) ``scenario``'s ensemble into ``directory`` and analyse it.

    Parameters
    ----------
    scenario
        The scenario, with the seed its central run used.
    draws
        Number of draws N (Latin hypercube points), >= 2.
    directory
        The ensemble directory, by convention ``RUN_DIR/ensemble``; the same
        directory resumes, another ensemble's directory is refused.
    workers, scheduler
        As for :func:`sim.experiments.sweep.run_sweep`; results do not depend on them.
    seed
        Root seed instead of the scenario's (the central run's ``--seed``).
    progress
        Called after each stored chunk with (runs stored now, runs pending at start).
    evaluator
        Replaces the model (tests).
    """
    sweep = ensemble_sweep(scenario, draws, seed)
    summary = run_sweep(
        sweep,
        out=directory,
        workers=workers,
        scheduler=scheduler,
        progress=progress,
        evaluator=evaluator,
    )
    return analyse_ensemble(summary.directory)


__all__ = [
    "DEFAULT_DRAWS",
    "ENSEMBLE_DIR",
    "MILESTONE_YEAR",
    "Ensemble",
    "analyse_ensemble",
    "drawn_parameters",
    "ensemble_sweep",
    "is_ensemble_dir",
    "load_ensemble",
    "run_ensemble",
]
