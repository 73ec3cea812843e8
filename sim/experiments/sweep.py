"""Run a sweep into its store, resumably, and read it back (``sim.sweep``).

:func:`run_sweep` validates the spec, builds the design, plans every run in
the store (or finds the plan of an earlier, interrupted invocation of the same
sweep), then evaluates only the runs still pending and writes each finished
chunk as it arrives, so memory stays flat and nothing finished is recomputed
or duplicated.  :class:`SweepHandle` reads the store for notebooks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from sim.data.arrays import table_arrays
from sim.errors import LaborsimError, ScenarioError
from sim.experiments.design import ID_COLUMNS, Design, build_design, run_seed, run_table
from sim.experiments.evaluate import Evaluator, ModelEvaluator, RunTask
from sim.experiments.execution import execute
from sim.experiments.runner import load_tables
from sim.experiments.store import DONE, FAILED, FinishedRuns, SweepStore
from sim.io.sweep_files import Sweep, load_sweep
from sim.model.override_check import override_tables

DEFAULT_SWEEPS_DIR = Path("results") / "sweeps"
#: Called after each stored chunk with (runs stored in this invocation, runs pending at start).
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class SweepSummary:
    """What one invocation did."""

    directory: Path
    total: int
    already_done: int
    ran: int
    failed: int


class SweepHandle:
    """A sweep directory: ``.experiments``, ``.outcomes`` and ``.yearly`` read from its store."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)

    def _read(self, table: str) -> pd.DataFrame:
        with SweepStore(self.directory, read_only=True) as store:
            frame: pd.DataFrame = getattr(store, table)()
            return frame

    @property
    def experiments(self) -> pd.DataFrame:
        """One row per planned run: ids, spawn key, every varied value, status, timings."""
        return self._read("experiments")

    @property
    def outcomes(self) -> pd.DataFrame:
        """Tidy outcomes (run_id, outcome, year, scope, value)."""
        return self._read("outcomes")

    @property
    def yearly(self) -> pd.DataFrame:
        """Yearly series of totals, if the spec asked for them."""
        return self._read("yearly")

    def outcomes_wide(self) -> pd.DataFrame:
        """Experiments joined with outcomes, one column per ``outcome|year|scope``."""
        outcomes = self.outcomes
        key = outcomes["outcome"] + "|" + outcomes["year"].astype(str) + "|" + outcomes["scope"]
        wide = outcomes.assign(key=key).pivot(index="run_id", columns="key", values="value")
        return self.experiments.merge(wide, left_on="run_id", right_index=True, how="inner")


def sweep(
    spec: str | Path | Sweep,
    *,
    out: str | Path | None = None,
    workers: int = 1,
    scheduler: str | None = None,
) -> SweepHandle:
    """Run (or resume) a sweep and return a handle on its store; see :func:`run_sweep`."""
    summary = run_sweep(spec, out=out, workers=workers, scheduler=scheduler)
    return SweepHandle(summary.directory)


def run_sweep(
    spec: str | Path | Sweep,
    *,
    out: str | Path | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    progress: Progress | None = None,
    evaluator: Evaluator | None = None,
) -> SweepSummary:
    """Run every pending run of a sweep and store it.

    Parameters
    ----------
    spec
        A sweep file or an already loaded :class:`~sim.io.sweep_files.Sweep`.
    out
        Sweep directory (default ``results/sweeps/<name>``); re-running with the
        same directory resumes.
    workers
        Worker processes of the local Dask cluster (1: in this process).
    scheduler
        Address of an existing Dask scheduler (``tcp://host:port``) instead.
    progress
        Callback after each stored chunk.
    evaluator
        Replaces the model (for tests and other models); default the laborsim model.
    """
    if workers < 1:
        raise LaborsimError(f"--workers must be >= 1, got {workers}")
    loaded = spec if isinstance(spec, Sweep) else load_sweep(spec)
    directory = Path(out) if out is not None else DEFAULT_SWEEPS_DIR / loaded.spec.name
    if evaluator is None:
        check_against_data(loaded)
        evaluator = ModelEvaluator(loaded.base, loaded.spec.outcomes, loaded.years)
    design = build_design(loaded)
    _make_directory(directory)
    with SweepStore(directory) as store:
        runs = run_table(design, loaded.spec.replications)
        store.initialise(loaded.fingerprint(), runs, _spawn_keys(loaded, runs))
        pending = store.pending()
        already = len(runs) - len(pending)
        tasks = _tasks(loaded, design, pending)
        stored = [0, 0]

        def on_chunk(finished: FinishedRuns) -> None:
            store.write(finished)
            stored[0] += len(finished)
            stored[1] += finished.failed
            if progress is not None:
                progress(stored[0], len(tasks))

        if progress is not None:
            progress(0, len(tasks))
        execute(
            evaluator,
            tasks,
            on_chunk,
            first_year=loaded.base.run.base_year,
            workers=workers,
            scheduler=scheduler,
        )
        failed = store.counts().get(FAILED, 0)
    return SweepSummary(directory, len(runs), already, stored[0], failed)


def check_against_data(loaded: Sweep) -> None:
    """Every occupation code and major group the spec names must be in the base's data.

    Outcome occupations, and the keys of override-table entries varied as
    factors (``adoption.regulatory_slowdown_by_major_group.29``): a key absent
    from the data would make every run fail, or vary nothing.
    """
    arrays = table_arrays(load_tables(loaded.base))
    where = f"sweep '{loaded.spec.name}'"
    unknown = [c for c in loaded.spec.outcomes.occupations if c not in arrays.row_of]
    if unknown:
        raise ScenarioError(
            f"{where}: outcomes.occupations: unknown occupation code(s) "
            f"{unknown} (not in the base scenario's occupation table)"
        )
    for number, rule in enumerate(loaded.spec.discovery):
        group = rule.scope.removeprefix("soc:")
        if rule.scope.startswith("soc:") and group not in arrays.group_names:
            raise ScenarioError(
                f"{where}: discovery[{number}]: scope '{rule.scope}' names no major group of the "
                f"base scenario's data; allowed: soc:NN for NN in {', '.join(arrays.group_names)}"
            )
    by_group = {field: group for field, (_, _, group) in override_tables(loaded.base).items()}
    for factor in (*loaded.uncertainties, *loaded.levers):
        field, _, key = factor.name.rpartition(".")
        if field not in by_group:
            continue
        known = arrays.group_names if by_group[field] else tuple(arrays.row_of)
        if key not in known:
            kind = "major group" if by_group[field] else "occupation code"
            raise ScenarioError(
                f"{where}: '{factor.name}': unknown {kind} '{key}' (not in the base "
                f"scenario's occupation data); allowed: a {kind} of that data"
            )


def _make_directory(directory: Path) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise LaborsimError(f"{directory}: cannot create the sweep directory: {error}") from None


def _spawn_keys(loaded: Sweep, runs: pd.DataFrame) -> list[str]:
    scheme = loaded.spec.seeds
    return [
        ",".join(str(k) for k in run_seed(loaded.seed, scheme, int(d), int(r)).spawn_key)
        for d, r in zip(runs["design_id"], runs["replication"], strict=True)
    ]


def _tasks(loaded: Sweep, design: Design, pending: pd.DataFrame) -> list[RunTask]:
    names = design.factor_names
    scheme = loaded.spec.seeds
    tasks = []
    for row in pending[[*ID_COLUMNS, *names]].itertuples(index=False, name=None):
        ids = dict(zip(ID_COLUMNS, row[: len(ID_COLUMNS)], strict=True))
        values = dict(zip(names, (float(v) for v in row[len(ID_COLUMNS) :]), strict=True))
        seed = run_seed(loaded.seed, scheme, int(ids["design_id"]), int(ids["replication"]))
        tasks.append(RunTask(int(ids["run_id"]), values, seed))
    return tasks


__all__ = ["DONE", "SweepHandle", "SweepSummary", "run_sweep", "sweep"]
