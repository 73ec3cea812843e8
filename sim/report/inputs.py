"""Find and load what a report is drawn from: saved run results, never a model run.

A path given to ``laborsim report`` is one of

* a run directory (``metadata.json`` + Parquet frames, :func:`sim.load_result`),
  with its uncertainty ensemble if ``ensemble/`` holds one (:mod:`sim.experiments.ensemble`);
* a replications directory (``replication-NNN/`` run directories of one
  scenario, as ``laborsim run --replications N --out DIR`` writes them, or the
  ``--out`` directory above it when it holds one scenario);
* a sweep directory (a DuckDB store, issue 9), read by :mod:`sim.report.sweep`.

Several run directories make a comparison.  The occupation reference data (SOC
major group titles and base-year wages, which the result frames do not carry)
is read from the data directory the run recorded, and its checksum is compared
with the one recorded at run time.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import pandas as pd

from sim.errors import LaborsimError
from sim.experiments.ensemble import ENSEMBLE_DIR, Ensemble, is_ensemble_dir, load_ensemble
from sim.experiments.resume import describe_differences
from sim.experiments.runner import DEFAULT_OCCUPATIONS_DIR
from sim.io.results import METADATA_FILE, RunResult, load_result
from sim.report.sweep import UncertaintyData, is_sweep_dir, load_sweep, replication_uncertainty

REPLICATION_PREFIX = "replication-"
#: Metadata fields that replications of one batch share (``sim.experiments.runner.run_identity``
#: minus the replication number).
BATCH_KEYS = ("scenario", "seed", "occupations_data")
REFERENCE_FILE = "occupations.csv"
ELASTICITIES_FILE = "elasticities.csv"
#: Low and high ends (5th and 95th percentiles) of each occupation's elasticity range.
ELASTICITY_RANGE_COLUMNS = ("elasticity_low", "elasticity_high")
REFERENCE_COLUMNS = ("occupation_code", "major_group_code", "major_group_title", "mean_wage")


class ReportKind(StrEnum):
    """What a report is about."""

    SCENARIO = "scenario"
    COMPARISON = "comparison"
    REPLICATIONS = "replications"
    SWEEP = "sweep"


@dataclass(frozen=True)
class Reference:
    """Occupation reference data and a note on where it came from."""

    table: pd.DataFrame | None
    note: str
    elasticities: pd.DataFrame | None = None


@dataclass(frozen=True)
class ReportInput:
    """Everything a report is drawn from.

    Attributes
    ----------
    kind : ReportKind
        Scenario, comparison, replications or sweep.
    paths : tuple of Path
        The directories given.
    runs : tuple of RunResult
        One run (scenario), one per scenario (comparison), every replication
        (replications) or none (sweep).
    reference : Reference
        Major group titles and base-year mean wages per occupation.
    uncertainty : UncertaintyData or None
        Series across runs, sensitivity indices and PRIM boxes, where they exist.
    ensemble : Ensemble or None
        The run's uncertainty ensemble (``RUN_DIR/ensemble``), if one was run.
    """

    kind: ReportKind
    paths: tuple[Path, ...]
    runs: tuple[RunResult, ...]
    reference: Reference
    uncertainty: UncertaintyData | None = field(default=None)
    ensemble: Ensemble | None = field(default=None)


def load_report_input(paths: list[Path]) -> ReportInput:
    """Classify ``paths`` and load their saved results.

    Raises
    ------
    LaborsimError
        If a path is not a results directory, is from another results schema
        version, or mixes kinds (a sweep or replications directory must be alone).
    """
    if not paths:
        raise LaborsimError("report: give at least one results directory")
    if len(paths) == 1:
        return _load_single(Path(paths[0]))
    for path in paths:
        if not (Path(path) / METADATA_FILE).is_file():
            raise LaborsimError(
                f"{path}: a comparison takes run directories (with {METADATA_FILE}); "
                "report a replications or sweep directory on its own"
            )
    runs = tuple(load_result(path) for path in paths)
    names = [run.scenario_name for run in runs]
    if len(set(names)) != len(names):
        raise LaborsimError(
            f"report: scenario names repeat ({', '.join(names)}); compare distinct scenarios"
        )
    return ReportInput(
        ReportKind.COMPARISON, tuple(map(Path, paths)), runs, load_reference(runs[0])
    )


def _load_single(path: Path) -> ReportInput:
    if (path / METADATA_FILE).is_file():
        run = load_result(path)
        found = path / ENSEMBLE_DIR
        ensemble = load_ensemble(found) if is_ensemble_dir(found) else None
        return ReportInput(
            ReportKind.SCENARIO, (path,), (run,), load_reference(run), ensemble=ensemble
        )
    if is_sweep_dir(path):
        return ReportInput(ReportKind.SWEEP, (path,), (), Reference(None, ""), load_sweep(path))
    replication_dirs = _replication_dirs(path)
    if not replication_dirs:
        raise LaborsimError(
            f"{path}: not a results directory (no {METADATA_FILE}, no "
            f"{REPLICATION_PREFIX}* subdirectories, no sweep store)"
        )
    runs = tuple(load_result(directory) for directory in replication_dirs)
    names = sorted({run.scenario_name for run in runs})
    if len(names) > 1:
        raise LaborsimError(f"{path}: replications of several scenarios ({', '.join(names)})")
    _check_one_batch(path, runs)
    return ReportInput(
        ReportKind.REPLICATIONS,
        (path,),
        runs,
        load_reference(runs[0]),
        replication_uncertainty(runs),
    )


def _check_one_batch(path: Path, runs: tuple[RunResult, ...]) -> None:
    """Replications must be of one batch: same scenario, seed and data, each number once.

    Replications left from an earlier command (another seed or scenario
    version) would otherwise be counted with the new ones.
    """
    first = runs[0].metadata
    for run in runs[1:]:
        differences = describe_differences(run.metadata, {k: first.get(k) for k in BATCH_KEYS})
        if differences:
            raise LaborsimError(
                f"{path}: replications of different batches ({differences}); report a "
                "directory of one `laborsim run --replications` command (re-run it with "
                "--overwrite, which removes the stale replications)"
            )
    numbers = [run.metadata.get("replication") for run in runs]
    if len(set(map(str, numbers))) != len(numbers):
        raise LaborsimError(f"{path}: a replication number appears twice; report one batch")


def _replication_dirs(path: Path) -> list[Path]:
    if not path.is_dir():
        raise LaborsimError(f"{path}: directory not found")
    found = sorted(p for p in path.glob(f"{REPLICATION_PREFIX}*") if (p / METADATA_FILE).is_file())
    if found:
        return found
    scenarios = sorted(
        p for p in path.iterdir() if p.is_dir() and any(p.glob(f"{REPLICATION_PREFIX}*"))
    )
    if len(scenarios) > 1:
        listed = ", ".join(p.name for p in scenarios)
        raise LaborsimError(
            f"{path}: holds replications of several scenarios ({listed}); report one of them"
        )
    return _replication_dirs(scenarios[0]) if scenarios else []


def load_reference(run: RunResult) -> Reference:
    """Major group titles and base-year mean wages from the run's recorded data directory."""
    recorded = run.metadata.get("occupations_dir", "")
    if not isinstance(recorded, str):
        return Reference(None, "the run's metadata names no occupation data directory")
    directory = Path(recorded) if recorded and Path(recorded).is_dir() else DEFAULT_OCCUPATIONS_DIR
    file = directory / REFERENCE_FILE
    if not file.is_file():
        return Reference(None, f"occupation reference data not found ({file})")
    table = pd.read_csv(file, usecols=list(REFERENCE_COLUMNS), dtype={"occupation_code": str})
    if not set(run.occupations["occupation_code"]) & set(table["occupation_code"]):
        return Reference(
            None, f"occupation reference data at {file} holds none of this run's codes"
        )
    checksums = run.metadata.get("occupations_data")
    expected = checksums.get(REFERENCE_FILE) if isinstance(checksums, dict) else None
    actual = hashlib.sha256(file.read_bytes()).hexdigest()
    if expected is None:
        note = f"{file} (the run recorded no checksum to compare with)"
    elif expected == actual:
        note = f"{file} (checksum matches the one recorded with the run)"
    else:
        note = (
            f"{file} (WARNING: changed since the run; its checksum differs from the recorded one)"
        )
    return Reference(table, note, _elasticities(directory))


def _elasticities(directory: Path) -> pd.DataFrame | None:
    """Per-occupation elasticity ranges of the data set (issue 8), where it has them."""
    file = directory / ELASTICITIES_FILE
    if not file.is_file():
        return None
    return pd.read_csv(
        file, usecols=["occupation_code", *ELASTICITY_RANGE_COLUMNS], dtype={"occupation_code": str}
    )
