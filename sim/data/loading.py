"""Read, validate and cross-check the four occupation tables of a data directory."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from sim.data.elasticities import check_elasticity_codes, read_elasticities
from sim.data.schema import (
    OCCUPATIONS_FILE,
    OCCUPATIONS_SCHEMA,
    SKILLS_FILE,
    SKILLS_SCHEMA,
    TASKS_FILE,
    TASKS_SCHEMA,
    TRANSITIONS_FILE,
    TRANSITIONS_SCHEMA,
)
from sim.data.table_check import examples, validate_table
from sim.data.table_check import read_csv_text as _read
from sim.errors import DataValidationError

T = TypeVar("T")


@dataclass(frozen=True)
class OccupationTables:
    """The validated occupation tables.

    Attributes
    ----------
    occupations
        One row per occupation (columns of :data:`OCCUPATIONS_SCHEMA`).
    tasks
        One row per task (columns of :data:`TASKS_SCHEMA`).
    transitions
        Mobility edges (columns of :data:`TRANSITIONS_SCHEMA`).
    elasticities
        Per-occupation demand elasticities (:data:`ELASTICITIES_SCHEMA`), or ``None``
        when the data directory has no ``elasticities.csv``.
    skills
        Skill-importance vectors, long (columns of :data:`SKILLS_SCHEMA`);
        empty if not given (the network then has no skill-similarity edges).
    """

    occupations: pd.DataFrame
    tasks: pd.DataFrame
    transitions: pd.DataFrame
    elasticities: pd.DataFrame | None = None
    skills: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=list(SKILLS_SCHEMA.column_names))
    )
    _derived: dict[Hashable, Any] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def derived(self, key: Hashable, build: Callable[[], T]) -> T:
        """``build()``, computed once per tables object and ``key``, then reused.

        For structures derived deterministically from the (immutable) tables
        and hashable parameters, such as the mobility network, so that runs
        sharing these tables (replications, sweeps) build them once.  Callers
        must not mutate what is returned.
        """
        if key not in self._derived:
            self._derived[key] = build()
        return self._derived[key]

    def __reduce__(self) -> tuple[type[OccupationTables], tuple[Any, ...]]:
        """Pickle the tables only: a copy (e.g. in a worker process) derives its own cache.

        Derived structures are rebuilt on first use there, read-only as built,
        rather than shipped with the tables.
        """
        return (
            type(self),
            (self.occupations, self.tasks, self.transitions, self.elasticities, self.skills),
        )


def validate_occupations(df: pd.DataFrame, path: str | Path) -> pd.DataFrame:
    """Validate an occupations table and return it with canonical dtypes.

    Parameters
    ----------
    df
        The table, as read from CSV (strings) or as built (typed).
    path
        File name used in error messages.

    Returns
    -------
    pandas.DataFrame
        The table with columns in schema order and schema dtypes.

    Raises
    ------
    DataValidationError
        If a column is missing or unexpected, a value is empty, unparseable or
        out of range, an occupation code is duplicated, the table has no rows or
        its total employment is zero.
    """
    table = validate_table(df, OCCUPATIONS_SCHEMA, path)
    _check_totals(table, str(path))
    _check_major_groups(table, str(path))
    return table


def _check_major_groups(occupations: pd.DataFrame, path: str) -> None:
    """A SOC code's major group is its first two digits (``29-1224`` is in ``29-0000``)."""
    codes = occupations["occupation_code"]
    soc = codes.str.fullmatch(r"\d\d-\d{4}")
    implied = codes.str[:2] + "-0000"
    wrong = soc & (occupations["major_group_code"] != implied)
    if wrong.any():
        first = occupations.loc[wrong].iloc[0]
        raise DataValidationError(
            f"{path}: column 'major_group_code': {int(wrong.sum())} row(s) disagree with their "
            f"occupation code, e.g. {first['occupation_code']} has {first['major_group_code']!r}; "
            "allowed: the code's first two digits followed by -0000"
        )


def validate_tasks(df: pd.DataFrame, path: str | Path) -> pd.DataFrame:
    """Validate a tasks table; see :func:`validate_occupations`."""
    return validate_table(df, TASKS_SCHEMA, path)


def validate_transitions(df: pd.DataFrame, path: str | Path) -> pd.DataFrame:
    """Validate a transitions table and reject self-loops; see :func:`validate_occupations`."""
    table = validate_table(df, TRANSITIONS_SCHEMA, path)
    loops = table["source_code"] == table["target_code"]
    if loops.any():
        codes = examples(table.loc[loops, "source_code"])
        raise DataValidationError(
            f"{path}: column 'target_code': {int(loops.sum())} self-loop row(s) "
            f"(target_code equals source_code): {codes}; allowed: target_code != source_code"
        )
    return table


def validate_skills(df: pd.DataFrame, path: str | Path) -> pd.DataFrame:
    """Validate a skills table; see :func:`validate_occupations`."""
    return validate_table(df, SKILLS_SCHEMA, path)


def load_occupation_tables(directory: str | Path) -> OccupationTables:
    """Read, validate and cross-check the four occupation tables.

    Parameters
    ----------
    directory
        Directory holding ``occupations.csv``, ``tasks.csv.gz``,
        ``transitions.csv.gz`` and ``skills.csv.gz``.

    Returns
    -------
    OccupationTables
        The validated tables.

    Raises
    ------
    DataValidationError
        If a file is missing (message names its path), fails its schema, or a
        task/transition refers to an occupation code absent from
        ``occupations.csv``, or ``n_tasks`` disagrees with the tasks table, or the
        optional ``elasticities.csv`` fails its schema or does not cover exactly
        the occupations.
    """
    directory = Path(directory)
    tables = OccupationTables(
        occupations=validate_occupations(
            _read(directory / OCCUPATIONS_FILE), _shown(directory, OCCUPATIONS_FILE)
        ),
        tasks=validate_tasks(_read(directory / TASKS_FILE), _shown(directory, TASKS_FILE)),
        transitions=validate_transitions(
            _read(directory / TRANSITIONS_FILE), _shown(directory, TRANSITIONS_FILE)
        ),
        elasticities=read_elasticities(directory),
        skills=validate_skills(_read(directory / SKILLS_FILE), _shown(directory, SKILLS_FILE)),
    )
    check_references(tables, directory)
    return tables


def check_references(tables: OccupationTables, directory: str | Path = ".") -> None:
    """Check that every task and transition code exists in the occupations table.

    Parameters
    ----------
    tables
        Individually validated tables.
    directory
        Directory shown in error messages.

    Raises
    ------
    DataValidationError
        On an unknown occupation code or an ``n_tasks`` mismatch.
    """
    directory = Path(directory)
    known = set(tables.occupations["occupation_code"])
    references = (
        (TASKS_FILE, tables.tasks, "occupation_code"),
        (TRANSITIONS_FILE, tables.transitions, "source_code"),
        (TRANSITIONS_FILE, tables.transitions, "target_code"),
        (SKILLS_FILE, tables.skills, "occupation_code"),
    )
    for file_name, table, column in references:
        unknown = ~table[column].isin(known)
        if unknown.any():
            codes = examples(table.loc[unknown, column])
            raise DataValidationError(
                f"{_shown(directory, file_name)}: column '{column}': {int(unknown.sum())} row(s) "
                f"with codes absent from {OCCUPATIONS_FILE}: {codes}"
                f"; allowed: occupation codes of {OCCUPATIONS_FILE}"
            )
    _check_task_counts(tables, directory)
    if tables.elasticities is not None:
        check_elasticity_codes(tables.elasticities, tables.occupations, directory)


def _check_task_counts(tables: OccupationTables, directory: Path) -> None:
    counts = tables.tasks.groupby("occupation_code").size()
    occupations = tables.occupations.set_index("occupation_code")["n_tasks"]
    expected = counts.reindex(occupations.index, fill_value=0)
    wrong = occupations != expected
    if wrong.any():
        shown = ", ".join(
            f"{code}: {occupations[code]} vs {expected[code]}" for code in wrong[wrong].index[:5]
        )
        raise DataValidationError(
            f"{_shown(directory, OCCUPATIONS_FILE)}: column 'n_tasks': {int(wrong.sum())} row(s) "
            f"disagree with the row count in {TASKS_FILE}: {shown}"
        )


def _shown(directory: Path, file_name: str) -> str:
    return str(directory / file_name)


def _check_totals(occupations: pd.DataFrame, path: str) -> None:
    """Reject a table that cannot carry an economy: no rows, or no employment at all."""
    if occupations.empty:
        raise DataValidationError(f"{path}: no data rows; allowed: at least one occupation")
    if not occupations["employment"].sum() > 0:
        raise DataValidationError(
            f"{path}: column 'employment': total is 0; allowed: at least one occupation "
            "with employment > 0"
        )
