"""Inputs shared by the validation checks: the shipped scenarios and the occupation data.

The checks validate the model as shipped, so they read the repository's own
``scenarios/baseline.toml`` and ``scenarios/seed-podcast.toml`` and the
occupation tables those scenarios point to.  Everything is loaded once by
:func:`load_validation_inputs` and passed to each check.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from sim.data import OEWS_SOURCE, OccupationTables
from sim.errors import LaborsimError
from sim.experiments.runner import load_tables
from sim.io.scenario_files import load_scenario
from sim.params.scenario import Scenario
from sim.resources import scenarios_dir

FloatArray = NDArray[np.float64]

#: Directory of the shipped scenario files (inside the wheel, or a checkout's ``scenarios/``).
SCENARIOS_DIR = scenarios_dir()
BASELINE_FILE = "baseline.toml"
SEED_PODCAST_FILE = "seed-podcast.toml"


@dataclass(frozen=True)
class ValidationInputs:
    """The scenarios and tables every check reads.

    Attributes
    ----------
    baseline : Scenario
        ``scenarios/baseline.toml``.
    seed_podcast : Scenario
        ``scenarios/seed-podcast.toml`` (the seed's own capability figures).
    tables : OccupationTables
        The baseline's occupation tables.
    """

    baseline: Scenario
    seed_podcast: Scenario
    tables: OccupationTables


def load_validation_inputs(scenarios_dir: Path = SCENARIOS_DIR) -> ValidationInputs:
    """Load the baseline and seed scenarios and the baseline's occupation tables.

    Raises
    ------
    LaborsimError
        If the scenario directory is missing (e.g. a non-editable install) or a
        scenario or table fails validation.
    """
    if not scenarios_dir.is_dir():
        raise LaborsimError(
            f"{scenarios_dir}: scenario directory not found; laborsim validate needs the "
            "shipped scenarios (reinstall laborsim, or work in a source checkout)"
        )
    baseline = load_scenario(scenarios_dir / BASELINE_FILE)
    return ValidationInputs(
        baseline=baseline,
        seed_podcast=load_scenario(scenarios_dir / SEED_PODCAST_FILE),
        tables=load_tables(baseline),
    )


def oews_rows(occupations: pd.DataFrame) -> pd.DataFrame:
    """The OEWS detailed occupations (drops assumption rows such as entrepreneurs)."""
    return occupations.loc[occupations["source"] == OEWS_SOURCE].reset_index(drop=True)


def employment_share(selected: NDArray[np.bool_], employment: FloatArray) -> float:
    """Share of total ``employment`` in the ``selected`` occupations, in [0, 1]."""
    weights = np.asarray(employment, dtype=float)
    return float(weights[np.asarray(selected, dtype=bool)].sum() / weights.sum())


def percent(share: float, digits: int = 1) -> str:
    """Format a share in [0, 1] as a percentage, e.g. ``0.411 -> '41.1%'``."""
    return f"{100.0 * share:.{digits}f}%"
