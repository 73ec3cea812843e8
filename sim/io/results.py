"""Run results: tidy frames plus metadata, saved as Parquet + JSON and loaded back.

A run directory holds ``occupations.parquet`` (year x occupation),
``economy.parquet`` (one row per step), ``transitions.parquet`` (year x
origin x destination re-employment flows, when recorded) and
``metadata.json`` (the full resolved
scenario, seed entropy and spawn key, package and dependency versions, git
commit, timings and the results schema version, which :func:`load_result`
checks) and the SHA-256 of every data file, which every reader
(:func:`load_result`, resume) checks.  Nothing is overwritten unless asked, and
results are written atomically (complete or absent, never half-written).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from sim.errors import LaborsimError
from sim.io.atomic import write_atomically
from sim.params.scenario import scenario_from_mapping

#: Version 2 added the network outputs and ``transitions.parquet``.
RESULTS_SCHEMA_VERSION = 2
OCCUPATIONS_FILE = "occupations.parquet"
ECONOMY_FILE = "economy.parquet"
TRANSITIONS_FILE = "transitions.parquet"
METADATA_FILE = "metadata.json"
#: Key of ``metadata.json`` holding the SHA-256 of each data file the run saved.
CHECKSUMS_KEY = "data_file_sha256"
RESULT_FILES = (OCCUPATIONS_FILE, ECONOMY_FILE, METADATA_FILE)
"""Files every run directory has; ``transitions.parquet`` is optional."""
#: Written into a run directory by ``laborsim report`` / ``run --report`` and by
#: ``run --uncertainty`` (the ``ensemble/`` subdirectory); replaced with it.
DERIVED_NAMES = ("report.html", "report.md", "report_figures", "ensemble")


@dataclass(frozen=True)
class RunResult:
    """Outcome of one model run.

    Attributes
    ----------
    occupations : pandas.DataFrame
        One row per year x occupation: employment and its no-AI counterpart,
        exposure, adoption, productivity multiplier, demand elasticity, ...
    economy : pandas.DataFrame
        One row per step: capability decomposition and economy-wide totals.
    metadata : dict
        Scenario, seeds, versions, timings.
    transitions : pandas.DataFrame or None
        One row per year x (``from_code``, ``to_code``): unemployed whose last
        job was in ``from_code`` re-employed in ``to_code`` that year, with and
        without AI; ``None`` if not recorded.
    """

    occupations: pd.DataFrame
    economy: pd.DataFrame
    metadata: dict[str, Any]
    transitions: pd.DataFrame | None = None

    @property
    def scenario_name(self) -> str:
        """Name of the scenario that produced this result."""
        return str(self.metadata["scenario"]["name"])

    def save(self, directory: str | Path, *, overwrite: bool = False) -> Path:
        """Write the result to ``directory`` atomically and return it.

        The files are written beside ``directory`` and renamed into place when
        complete (:mod:`sim.io.atomic`), so a killed process leaves complete
        results or none; with ``overwrite`` the old results are replaced only
        once the new ones are complete.

        Raises
        ------
        LaborsimError
            If ``directory`` already exists and ``overwrite`` is false, or it
            holds files that are not run results (never replaced).
        """
        directory = Path(directory)
        try:
            taken = directory.exists() and not overwrite and not is_empty_dir(directory)
        except OSError as problem:
            raise LaborsimError(f"{directory}: cannot write results: {problem.strerror}") from None
        if taken:
            held = [
                name for name in (*RESULT_FILES, TRANSITIONS_FILE) if (directory / name).exists()
            ]
            raise LaborsimError(
                f"{directory}: already holds results ({', '.join(held) or 'other files'}); "
                "choose another --out directory or pass --overwrite"
            )
        return write_atomically(directory, self._write_files, replaceable=_replaceable)

    def _write_files(self, directory: Path) -> None:
        self.occupations.to_parquet(directory / OCCUPATIONS_FILE, index=False)
        self.economy.to_parquet(directory / ECONOMY_FILE, index=False)
        transitions = directory / TRANSITIONS_FILE
        if self.transitions is not None:
            self.transitions.to_parquet(transitions, index=False)
        elif transitions.exists():
            transitions.unlink()  # an overwritten run must not keep another run's flows
        data_files = [directory / OCCUPATIONS_FILE, directory / ECONOMY_FILE]
        data_files += [transitions] if self.transitions is not None else []
        payload = {
            "results_schema_version": RESULTS_SCHEMA_VERSION,
            **self.metadata,
            CHECKSUMS_KEY: {path.name: file_sha256(path) for path in data_files},
        }
        (directory / METADATA_FILE).write_text(json.dumps(payload, indent=2, sort_keys=True))


def is_empty_dir(directory: Path) -> bool:
    """Whether ``directory`` is an existing, empty directory."""
    return directory.is_dir() and not any(directory.iterdir())


def _replaceable(directory: Path) -> bool:
    """Only empty directories and run directories (results and their report) are replaced."""
    if not directory.is_dir():
        raise LaborsimError(f"{directory}: exists and is not a directory; choose another --out")
    names = {path.name for path in directory.iterdir()}
    if names and not (
        METADATA_FILE in names and names <= {*RESULT_FILES, TRANSITIONS_FILE, *DERIVED_NAMES}
    ):
        raise LaborsimError(
            f"{directory}: holds files that are not laborsim results "
            f"({', '.join(sorted(names)[:3])}); it is never replaced: choose another --out"
        )
    return True


def load_result(directory: str | Path) -> RunResult:
    """Load a saved run, checking the results schema version.

    Raises
    ------
    LaborsimError
        If a file is missing or the schema version differs.
    """
    directory = Path(directory)
    missing = [name for name in RESULT_FILES if not (directory / name).exists()]
    if missing:
        raise LaborsimError(f"{directory}: not a run directory, missing {', '.join(missing)}")
    metadata = read_metadata(directory)
    check_data_files(directory, metadata.pop(CHECKSUMS_KEY, None))
    version = metadata.pop("results_schema_version", None)
    if version != RESULTS_SCHEMA_VERSION:
        raise LaborsimError(
            f"{directory / METADATA_FILE}: results_schema_version {version!r} is not "
            f"supported (expected {RESULTS_SCHEMA_VERSION}); re-run the scenario with this "
            "version of laborsim"
        )
    _check_identity(directory / METADATA_FILE, metadata)
    transitions = directory / TRANSITIONS_FILE
    try:
        occupations = pd.read_parquet(directory / OCCUPATIONS_FILE)
        economy = pd.read_parquet(directory / ECONOMY_FILE)
        flows = pd.read_parquet(transitions) if transitions.exists() else None
    except (OSError, ValueError) as problem:
        raise LaborsimError(f"{directory}: a results file cannot be read: {problem}") from None
    return RunResult(occupations=occupations, economy=economy, metadata=metadata, transitions=flows)


def _check_identity(path: Path, metadata: dict[str, Any]) -> None:
    """The fields every reader relies on: a valid scenario, whole-number seed and replication."""
    for key in ("seed", "replication"):
        value = metadata.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise LaborsimError(
                f"{path}: field '{key}' = {str(value)[:40]!r}; allowed: a whole number >= 0 "
                "(the metadata is damaged)"
            )
    scenario = metadata.get("scenario")
    if not isinstance(scenario, dict):
        raise LaborsimError(f"{path}: field 'scenario' is not a table (the metadata is damaged)")
    scenario_from_mapping(scenario, origin=f"{path}: scenario")


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, hex."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_data_files(directory: Path, checksums: object) -> None:
    """Raise if a data file of a run differs from the checksum its metadata recorded.

    Runs saved before checksums were recorded (no ``data_file_sha256``) are not checked.
    """
    if checksums is None:
        return
    if not isinstance(checksums, dict):
        raise LaborsimError(f"{directory / METADATA_FILE}: '{CHECKSUMS_KEY}' is not a table")
    for name, expected in checksums.items():
        path = directory / str(name)
        try:
            actual = file_sha256(path)
        except OSError as problem:
            raise LaborsimError(
                f"{path}: cannot be read ({problem.strerror or problem}); the run is damaged"
            ) from None
        if actual != expected:
            raise LaborsimError(
                f"{path}: differs from the file the run saved (checksum in "
                f"{METADATA_FILE}); the run is damaged: run it again with --overwrite"
            )


def read_metadata(directory: Path) -> dict[str, Any]:
    """The ``metadata.json`` of a run directory as a dict (one clear error if unreadable)."""
    path = Path(directory) / METADATA_FILE
    try:
        metadata = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as problem:
        raise LaborsimError(f"{path}: cannot be read as run metadata: {problem}") from None
    if not isinstance(metadata, dict):
        raise LaborsimError(f"{path}: not run metadata (a JSON object is expected)")
    return metadata
