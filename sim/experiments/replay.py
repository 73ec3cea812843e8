"""Replay a saved run from its ``metadata.json`` and say whether it reproduces exactly.

The metadata holds everything a run depends on: the full resolved scenario,
the root seed and replication (hence the spawn key), the data directory and
the SHA-256 of each data file.  :func:`replay` rebuilds the scenario from it,
refuses if the data files changed, runs again and compares both frames with
the saved ones value for value (after the same Parquet round trip, so dtypes
match), reporting the first differing columns.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from sim.errors import LaborsimError
from sim.experiments.resume import describe_differences
from sim.experiments.runner import CALLER_TABLES, RunSpec, run_identity, run_spec
from sim.io.results import METADATA_FILE, RunResult, load_result
from sim.params.scenario import scenario_from_mapping

#: Columns that record when and how fast a run went, not what it computed.
TIMING_KEYS = ("started_utc", "model_build_seconds", "model_step_seconds", "wall_seconds")


@dataclass(frozen=True)
class ReplayReport:
    """Outcome of a replay: whether both frames matched, and what differed."""

    directory: Path
    matches: bool
    differences: tuple[str, ...]
    result: RunResult


def replay(directory: str | Path) -> ReplayReport:
    """Run the saved run in ``directory`` again and compare its frames exactly.

    Raises
    ------
    LaborsimError
        If the directory is not a run, its scenario no longer validates, or its
        occupation data changed since (the replay could not be faithful).
    """
    directory = Path(directory)
    saved = load_result(directory)
    metadata = saved.metadata
    where = directory / METADATA_FILE
    recorded = metadata.get("scenario")
    if not isinstance(recorded, dict):
        raise LaborsimError(f"{where}: field 'scenario' is not a table; the run cannot be replayed")
    scenario = scenario_from_mapping(recorded, origin=f"{where}: scenario")
    if metadata.get("occupations_dir") == CALLER_TABLES["occupations_dir"]:
        raise LaborsimError(
            f"{directory}: the run used occupation tables passed in by a program, not a data "
            "directory; it cannot be replayed from its metadata"
        )
    seed, replication = metadata.get("seed", scenario.seed), metadata.get("replication", 0)
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (seed, replication)):
        raise LaborsimError(
            f"{where}: fields 'seed' and 'replication' must be whole numbers, got "
            f"{str(seed)[:40]!r} and {str(replication)[:40]!r}; the run cannot be replayed"
        )
    spec = RunSpec(scenario, seed, replication)
    changed = describe_differences(metadata, run_identity(spec))
    if changed:
        raise LaborsimError(
            f"{directory}: cannot replay faithfully, inputs changed since the run ({changed})"
        )
    fresh = run_spec(spec)
    differences = (
        *_frame_differences("occupations", saved.occupations, fresh.occupations),
        *_frame_differences("economy", saved.economy, fresh.economy),
    )
    return ReplayReport(directory, not differences, tuple(differences), fresh)


def _frame_differences(name: str, saved: pd.DataFrame, fresh: pd.DataFrame) -> list[str]:
    fresh = _parquet_round_trip(fresh)
    if list(saved.columns) != list(fresh.columns) or saved.shape != fresh.shape:
        return [f"{name}: columns or shape differ ({saved.shape} vs {fresh.shape})"]
    differing = [column for column in saved.columns if not saved[column].equals(fresh[column])]
    if differing:
        return [f"{name}: column(s) {', '.join(differing[:5])} differ"]
    return []


def _parquet_round_trip(frame: pd.DataFrame) -> pd.DataFrame:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    buffer.seek(0)
    return pd.read_parquet(buffer)
