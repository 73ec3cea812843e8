"""Run results: tidy frames plus metadata, saved as Parquet + JSON and loaded back.

A run directory holds ``occupations.parquet`` (year x occupation),
``economy.parquet`` (one row per step), ``transitions.parquet`` (year x
origin x destination re-employment flows, when recorded) and
``metadata.json`` (the full resolved
scenario, seed entropy and spawn key, package and dependency versions, git
commit, timings and the results schema version, which :func:`load_result`
checks).  Nothing is overwritten unless asked.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from sim.errors import LaborsimError

#: Version 2 added the network outputs and ``transitions.parquet``.
RESULTS_SCHEMA_VERSION = 2
OCCUPATIONS_FILE = "occupations.parquet"
ECONOMY_FILE = "economy.parquet"
TRANSITIONS_FILE = "transitions.parquet"
METADATA_FILE = "metadata.json"
RESULT_FILES = (OCCUPATIONS_FILE, ECONOMY_FILE, METADATA_FILE)
"""Files every run directory has; ``transitions.parquet`` is optional."""


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
        """Write the result to ``directory`` (created if needed) and return it.

        Raises
        ------
        LaborsimError
            If result files already exist there and ``overwrite`` is false.
        """
        directory = Path(directory)
        existing = [
            name for name in (*RESULT_FILES, TRANSITIONS_FILE) if (directory / name).exists()
        ]
        if existing and not overwrite:
            raise LaborsimError(
                f"{directory}: already holds results ({', '.join(existing)}); "
                "choose another --out directory or pass --overwrite"
            )
        directory.mkdir(parents=True, exist_ok=True)
        self.occupations.to_parquet(directory / OCCUPATIONS_FILE, index=False)
        self.economy.to_parquet(directory / ECONOMY_FILE, index=False)
        transitions = directory / TRANSITIONS_FILE
        if self.transitions is not None:
            self.transitions.to_parquet(transitions, index=False)
        elif transitions.exists():
            transitions.unlink()  # an overwritten run must not keep another run's flows
        payload = {"results_schema_version": RESULTS_SCHEMA_VERSION, **self.metadata}
        (directory / METADATA_FILE).write_text(json.dumps(payload, indent=2, sort_keys=True))
        return directory


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
    metadata = json.loads((directory / METADATA_FILE).read_text())
    version = metadata.pop("results_schema_version", None)
    if version != RESULTS_SCHEMA_VERSION:
        raise LaborsimError(
            f"{directory / METADATA_FILE}: results_schema_version {version!r} is not "
            f"supported (expected {RESULTS_SCHEMA_VERSION}); re-run the scenario with this "
            "version of laborsim"
        )
    transitions = directory / TRANSITIONS_FILE
    return RunResult(
        occupations=pd.read_parquet(directory / OCCUPATIONS_FILE),
        economy=pd.read_parquet(directory / ECONOMY_FILE),
        metadata=metadata,
        transitions=pd.read_parquet(transitions) if transitions.exists() else None,
    )
