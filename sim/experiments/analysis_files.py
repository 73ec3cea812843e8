"""The tables ``laborsim analyze`` writes, and the manifest that ties them to their store.

``analysis.json`` beside ``sweep.duckdb`` records what the tables were derived
from (a SHA-256 of the sweep's fingerprint, the runs by status, the number of
outcome rows) and the SHA-256 of every table written.  Each table is written
atomically (:func:`sim.io.atomic.write_file_atomically`); the old manifest is
removed first and the new one written last, so an interrupted analysis leaves
no manifest, and tables an analysis did not write (left from an earlier one)
are deleted.  :func:`verified_tables` is what every reader calls: it refuses a
directory whose store changed since the analysis, whose tables were altered,
or that was never analysed.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path
from typing import Any

import pandas as pd

from sim.errors import LaborsimError
from sim.experiments.store import DATABASE_FILE, SweepStore
from sim.io.atomic import write_file_atomically

MANIFEST_FILE = "analysis.json"
#: Every table an analysis may write (a table it does not write this time is deleted).
ANALYSIS_FILES = (
    "experiments.parquet",
    "outcomes.parquet",
    "failed_runs.csv",
    "outcome_summary.csv",
    "sobol_indices.csv",
    "morris_indices.csv",
    "prim_boxes.csv",
)


def store_identity(store: SweepStore) -> dict[str, Any]:
    """What a store holds, in a few numbers: fingerprint digest, runs by status, outcome rows."""
    fingerprint = store.meta()["fingerprint"].encode("utf-8")
    return {
        "fingerprint_sha256": hashlib.sha256(fingerprint).hexdigest(),
        "runs_by_status": dict(sorted(store.counts().items())),
        "outcome_rows": store.outcome_rows(),
    }


def write_tables(
    directory: Path, tables: dict[str, pd.DataFrame], identity: dict[str, Any]
) -> dict[str, Path]:
    """Write the non-empty ``tables``, delete the others, then the manifest; return the paths."""
    manifest = directory / MANIFEST_FILE
    _unlink(manifest)
    written: dict[str, Path] = {}
    checksums: dict[str, str] = {}
    for name in ANALYSIS_FILES:
        table = tables.get(name)
        path = directory / name
        if table is None or table.empty:
            _unlink(path)
            continue
        data = _table_bytes(table, name)
        write_file_atomically(path, data)
        written[name] = path
        checksums[name] = hashlib.sha256(data).hexdigest()
    payload = {"derived_from": {"store": DATABASE_FILE, **identity}, "files": checksums}
    write_file_atomically(manifest, json.dumps(payload, indent=2, sort_keys=True).encode())
    return written


def verified_tables(directory: Path) -> dict[str, Path]:
    """The analysis tables of ``directory``, after checking them against manifest and store.

    Raises
    ------
    LaborsimError
        If there is no manifest (not analysed, or analysis interrupted), the
        store changed since (more runs finished, another sweep), or a table's
        bytes differ from what the analysis wrote.
    """
    manifest = _read_manifest(directory)
    analyse = f"run `laborsim analyze {directory}` again"
    with SweepStore(directory, read_only=True) as store:
        now = {"store": DATABASE_FILE, **store_identity(store)}
    if manifest.get("derived_from") != now:
        raise LaborsimError(
            f"{directory}: the analysis tables were derived from another state of the store "
            f"(runs or sweep changed since); {analyse}"
        )
    files: dict[str, Path] = {}
    for name, checksum in manifest.get("files", {}).items():
        path = directory / name
        if name not in ANALYSIS_FILES or _checksum(path) != checksum:
            raise LaborsimError(f"{path}: differs from what the analysis wrote; {analyse}")
        files[name] = path
    return files


def _read_manifest(directory: Path) -> dict[str, Any]:
    path = directory / MANIFEST_FILE
    if not path.is_file():
        raise LaborsimError(
            f"{directory}: no {MANIFEST_FILE} (not analysed, or the analysis was interrupted); "
            f"run `laborsim analyze {directory}` first"
        )
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as problem:
        raise LaborsimError(f"{path}: cannot be read: {str(problem)[:200]}") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise LaborsimError(f"{path}: not an analysis manifest; run `laborsim analyze` again")
    return manifest


def _table_bytes(table: pd.DataFrame, name: str) -> bytes:
    buffer = io.BytesIO()
    if name.endswith(".parquet"):
        table.to_parquet(buffer, index=False)
    else:
        table.to_csv(buffer, index=False)
    return buffer.getvalue()


def _checksum(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _unlink(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError as problem:
        raise LaborsimError(f"{path}: cannot remove: {problem.strerror or problem}") from None
