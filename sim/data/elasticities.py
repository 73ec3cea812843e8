"""Per-occupation demand elasticities (``elasticities.csv``): validation and cross-checks.

The table is optional in a data directory (the model needs it only when
``demand.elasticity_source = "estimated"``); when present it must cover every
occupation exactly once with ``0 < low <= central <= high``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sim.data.schema import ELASTICITIES_FILE, ELASTICITIES_SCHEMA, OCCUPATIONS_FILE
from sim.data.table_check import examples, read_csv_text, validate_table
from sim.errors import DataValidationError


def validate_elasticities(df: pd.DataFrame, path: str | Path) -> pd.DataFrame:
    """Validate an elasticities table (schema, then ``low <= central <= high``).

    Raises
    ------
    DataValidationError
        If the schema fails or a row's range does not contain its central value.
    """
    table = validate_table(df, ELASTICITIES_SCHEMA, path)
    low, central, high = (table[f"elasticity_{n}"] for n in ("low", "central", "high"))
    bad = (low > central) | (central > high)
    if bad.any():
        raise DataValidationError(
            f"{path}: columns 'elasticity_low', 'elasticity_central', 'elasticity_high': "
            f"{int(bad.sum())} row(s) out of order: {examples(table.loc[bad, 'occupation_code'])}"
            "; allowed: elasticity_low <= elasticity_central <= elasticity_high"
        )
    return table


def read_elasticities(directory: Path) -> pd.DataFrame | None:
    """Read and validate ``elasticities.csv`` of ``directory``; ``None`` if it is absent."""
    path = directory / ELASTICITIES_FILE
    if not path.is_file():
        return None
    return validate_elasticities(read_csv_text(path), str(path))


def check_elasticity_codes(
    elasticities: pd.DataFrame, occupations: pd.DataFrame, directory: Path
) -> None:
    """Every occupation has exactly one elasticity row and no row is for an unknown code."""
    have, want = set(elasticities["occupation_code"]), set(occupations["occupation_code"])
    if have != want:
        missing, unknown = sorted(want - have), sorted(have - want)
        raise DataValidationError(
            f"{directory / ELASTICITIES_FILE}: column 'occupation_code': "
            f"{len(missing)} occupation(s) of {OCCUPATIONS_FILE} missing {missing[:5]}, "
            f"{len(unknown)} unknown {unknown[:5]}; allowed: exactly the codes of "
            f"{OCCUPATIONS_FILE} (rebuild with 'python occupations/build.py')"
        )
