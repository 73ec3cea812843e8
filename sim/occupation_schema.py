"""Schema of the committed occupation tables, and their validation and loading.

Three tables live in ``occupations/`` (built by ``occupations/build.py``):
``occupations.csv`` (one row per occupation), ``tasks.csv.gz`` (one row per
O*NET task attached to an occupation) and ``transitions.csv.gz`` (occupational
mobility edges).  Each column is declared once below with its dtype, unit,
allowed range or values and whether it may be empty; the build script and the
simulator both validate against these declarations.  Every check failure is
raised as :class:`~sim.errors.DataValidationError` whose message names the
file, the column, the offending values, how many rows are affected and the
allowed range.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from sim.errors import DataValidationError

OCCUPATIONS_FILE = "occupations.csv"
TASKS_FILE = "tasks.csv.gz"
TRANSITIONS_FILE = "transitions.csv.gz"

ENTREPRENEUR_CODE = "ENTR-0001"
OCCUPATION_CODE_PATTERN = r"\d{2}-\d{4}|[A-Z]{4}-\d{4}"
SOC_MAJOR_GROUP_PATTERN = r"\d{2}-0000"
ONET_CODE_PATTERN = r"\d{2}-\d{4}\.\d{2}"

SCORE_COLUMNS = (
    "task_definedness",
    "data_availability",
    "economic_value",
    "physical_barrier",
    "interpersonal_barrier",
)
"""The five occupation criteria scores, each a percentile rank in [0, 1]."""

OEWS_SOURCE = "oews_may2025"
ASSUMPTION_SOURCE = "assumption"
ONET_CRITERIA_SOURCES = ("onet", "onet_children")
"""``criteria_source`` values meaning the row's own O*NET data (not imputed)."""
IMPUTED_CRITERIA_SOURCES = ("broad_group_mean", "minor_group_mean", "major_group_mean")
FREY_OSBORNE_MATCHED_SOURCES = ("crosswalk", "prefix_expansion", "manual_mapping")
FREY_OSBORNE_IMPUTED_SOURCES = ("minor_group_mean", "major_group_mean")
ELOUNDOU_LABELS = ("E0", "E1", "E2")

TASK_TYPE_WEIGHT = {"core": 1.0, "supplemental": 0.5, "unrated": 1.0}
"""Relative weight of a task by O*NET task type (dimensionless).

O*NET task ratings (importance, frequency) are not available, so the task
type stands in: core tasks (rated relevant and important by incumbents)
weigh 1, supplemental tasks 0.5; tasks of occupations rated by analysts
only carry no type ("unrated") and weigh 1, like core tasks.  Every task of
such an occupation is unrated, so their weight only sets the within-occupation
balance, which is uniform.
"""

Kind = Literal["str", "float", "int", "bool"]
_EXAMPLES_SHOWN = 5


@dataclass(frozen=True)
class Column:
    """Declaration of one table column.

    Parameters
    ----------
    name
        Column name in the file.
    kind
        Logical dtype: ``"str"``, ``"float"``, ``"int"`` or ``"bool"``.
    description
        Meaning of the column, with its unit.
    minimum, maximum
        Inclusive bounds for numeric columns (``None`` = unbounded).
    positive
        If true the value must be strictly greater than ``minimum``.
    allowed
        Closed set of allowed string values.
    pattern
        Regular expression a string value must match in full.
    nullable
        Whether empty values are allowed.
    """

    name: str
    kind: Kind
    description: str
    minimum: float | None = None
    maximum: float | None = None
    positive: bool = False
    allowed: tuple[str, ...] | None = None
    pattern: str | None = None
    nullable: bool = False

    def range_text(self) -> str:
        """Describe the allowed values in words, for error messages."""
        if self.allowed is not None:
            return "values {" + ", ".join(self.allowed) + "}"
        if self.pattern is not None:
            return f"pattern /{self.pattern}/"
        low = "-inf" if self.minimum is None else f"{self.minimum:g}"
        high = "inf" if self.maximum is None else f"{self.maximum:g}"
        opening = "(" if self.positive or self.minimum is None else "["
        closing = ")" if self.maximum is None else "]"
        return f"range {opening}{low}, {high}{closing}"


@dataclass(frozen=True)
class TableSchema:
    """Declaration of one table: its columns in file order and its unique key."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    @property
    def column_names(self) -> list[str]:
        """Column names in file order."""
        return [column.name for column in self.columns]


def _score(name: str, description: str) -> Column:
    return Column(name, "float", description + " Percentile rank, dimensionless.", 0.0, 1.0)


def _share(name: str, family: str) -> Column:
    return Column(
        name,
        "float",
        f"Share of the task's O*NET DWA links whose generalized work activity is in the "
        f"{family} family (dimensionless).",
        0.0,
        1.0,
    )


def _percent_per_year(name: str, description: str) -> Column:
    return Column(name, "float", description + " Percent per year (BLS EP 2022-32).", 0.0, 100.0)


OCCUPATIONS_SCHEMA = TableSchema(
    name="occupations",
    key=("occupation_code",),
    columns=(
        Column(
            "occupation_code",
            "str",
            "SOC 2018 code XX-XXXX, or ENTR-0001.",
            pattern=OCCUPATION_CODE_PATTERN,
        ),
        Column("title", "str", "Occupation title (OEWS)."),
        Column(
            "major_group_code", "str", "SOC major group XX-0000.", pattern=SOC_MAJOR_GROUP_PATTERN
        ),
        Column("major_group_title", "str", "SOC major group title (OEWS)."),
        Column("employment", "float", "Employment, persons (OEWS May 2025 tot_emp).", 0.0),
        Column("mean_wage", "float", "Mean annual wage, USD/year.", 0.0, positive=True),
        Column("median_wage", "float", "Median annual wage, USD/year.", 0.0, positive=True),
        Column(
            "wage_source",
            "str",
            "How the annual wages were obtained.",
            allowed=("annual", "hourly_x_2080", ASSUMPTION_SOURCE),
        ),
        Column("job_zone", "float", "O*NET job zone (1-5), mean over O*NET children.", 1.0, 5.0),
        Column("n_tasks", "int", "Number of rows for this code in tasks.csv.gz.", 0.0),
        _score("task_definedness", "How well specified and repetitive the work is."),
        _score("data_availability", "How much digital record of the work is likely to exist."),
        _score("economic_value", "Wage bill (employment x mean wage)."),
        _score("physical_barrier", "Share of physical work activities."),
        _score("interpersonal_barrier", "Share of care/contact activities and social skills."),
        Column(
            "criteria_source",
            "str",
            "Where the O*NET-based columns come from.",
            allowed=(*ONET_CRITERIA_SOURCES, *IMPUTED_CRITERIA_SOURCES, ASSUMPTION_SOURCE),
        ),
        Column(
            "eloundou_beta_gpt4",
            "float",
            "Eloundou et al. beta exposure (GPT-4 rated), share of tasks.",
            0.0,
            1.0,
        ),
        Column(
            "eloundou_beta_human",
            "float",
            "Eloundou et al. beta exposure (human rated), share of tasks.",
            0.0,
            1.0,
        ),
        Column(
            "frey_osborne_probability",
            "float",
            "Frey-Osborne probability of computerisation.",
            0.0,
            1.0,
        ),
        Column(
            "frey_osborne_source",
            "str",
            "How the Frey-Osborne value was matched or imputed.",
            allowed=(
                *FREY_OSBORNE_MATCHED_SOURCES,
                *FREY_OSBORNE_IMPUTED_SOURCES,
                ASSUMPTION_SOURCE,
            ),
        ),
        Column(
            "bls_projected_change_pct",
            "float",
            "BLS projected employment change 2022-32, percent over the decade.",
            -100.0,
        ),
        _percent_per_year("labor_force_exit_rate_pct", "Labor force exit rate."),
        _percent_per_year("occupational_transfer_rate_pct", "Occupational transfer rate."),
        Column(
            "source",
            "str",
            "Origin of the row.",
            allowed=(OEWS_SOURCE, ASSUMPTION_SOURCE),
        ),
    ),
)

TASKS_SCHEMA = TableSchema(
    name="tasks",
    key=("occupation_code", "onet_code", "task_id"),
    columns=(
        Column(
            "occupation_code",
            "str",
            "Occupation the task is attached to.",
            pattern=OCCUPATION_CODE_PATTERN,
        ),
        Column(
            "onet_code", "str", "O*NET-SOC code the task comes from.", pattern=ONET_CODE_PATTERN
        ),
        Column("task_id", "int", "O*NET task ID.", 1.0),
        Column("task_type", "str", "O*NET task type.", allowed=tuple(TASK_TYPE_WEIGHT)),
        Column("task", "str", "O*NET task statement."),
        _share("routine_info_share", "routine information"),
        _share("data_share", "data/digital"),
        _share("physical_share", "physical"),
        _share("interpersonal_share", "interpersonal/care"),
        Column("eloundou_human", "str", "Human exposure label.", allowed=ELOUNDOU_LABELS),
        Column("eloundou_gpt4", "str", "GPT-4 exposure label.", allowed=ELOUNDOU_LABELS),
        Column("eloundou_imputed", "bool", "True if both labels were filled (task not labelled)."),
        Column("borrowed", "bool", "True if borrowed from another occupation (imputed row)."),
    ),
)

TRANSITIONS_SCHEMA = TableSchema(
    name="transitions",
    key=("source_code", "target_code", "origin"),
    columns=(
        Column("source_code", "str", "Origin occupation.", pattern=OCCUPATION_CODE_PATTERN),
        Column("target_code", "str", "Destination occupation.", pattern=OCCUPATION_CODE_PATTERN),
        Column(
            "relatedness",
            "float",
            "Decreasing function of the O*NET index, in (0, 1].",
            0.0,
            1.0,
            positive=True,
        ),
        Column(
            "origin",
            "str",
            "O*NET source of the edge.",
            allowed=("related_occupations", "career_changers"),
        ),
    ),
)


@dataclass(frozen=True)
class OccupationTables:
    """The three validated occupation tables.

    Attributes
    ----------
    occupations
        One row per occupation (columns of :data:`OCCUPATIONS_SCHEMA`).
    tasks
        One row per task (columns of :data:`TASKS_SCHEMA`).
    transitions
        Mobility edges (columns of :data:`TRANSITIONS_SCHEMA`).
    """

    occupations: pd.DataFrame
    tasks: pd.DataFrame
    transitions: pd.DataFrame


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
        out of range, or an occupation code is duplicated.
    """
    return _validate_table(df, OCCUPATIONS_SCHEMA, path)


def validate_tasks(df: pd.DataFrame, path: str | Path) -> pd.DataFrame:
    """Validate a tasks table; see :func:`validate_occupations`."""
    return _validate_table(df, TASKS_SCHEMA, path)


def validate_transitions(df: pd.DataFrame, path: str | Path) -> pd.DataFrame:
    """Validate a transitions table and reject self-loops; see :func:`validate_occupations`."""
    table = _validate_table(df, TRANSITIONS_SCHEMA, path)
    loops = table["source_code"] == table["target_code"]
    if loops.any():
        codes = _examples(table.loc[loops, "source_code"])
        raise DataValidationError(
            f"{path}: column 'target_code': {int(loops.sum())} self-loop row(s) "
            f"(target_code equals source_code): {codes}; allowed: target_code != source_code"
        )
    return table


def load_occupation_tables(directory: str | Path) -> OccupationTables:
    """Read, validate and cross-check the three occupation tables.

    Parameters
    ----------
    directory
        Directory holding ``occupations.csv``, ``tasks.csv.gz`` and
        ``transitions.csv.gz``.

    Returns
    -------
    OccupationTables
        The validated tables.

    Raises
    ------
    DataValidationError
        If a file is missing (message names its path), fails its schema, or a
        task/transition refers to an occupation code absent from
        ``occupations.csv``, or ``n_tasks`` disagrees with the tasks table.
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
    )
    for file_name, table, column in references:
        unknown = ~table[column].isin(known)
        if unknown.any():
            codes = _examples(table.loc[unknown, column])
            raise DataValidationError(
                f"{_shown(directory, file_name)}: column '{column}': {int(unknown.sum())} row(s) "
                f"with codes absent from {OCCUPATIONS_FILE}: {codes}"
                f"; allowed: occupation codes of {OCCUPATIONS_FILE}"
            )
    _check_task_counts(tables, directory)


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


def _read(path: Path) -> pd.DataFrame:
    if not path.is_file():
        raise DataValidationError(
            f"{path}: occupation data file not found (rebuild it with "
            f"'python occupations/build.py' or point the scenario at the right directory)"
        )
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _validate_table(df: pd.DataFrame, schema: TableSchema, path: str | Path) -> pd.DataFrame:
    _check_columns(df, schema, path)
    problems: list[str] = []
    typed: dict[str, pd.Series] = {}
    for column in schema.columns:
        values, column_problems = _validate_column(df, column, schema.key, path)
        typed[column.name] = values
        problems.extend(column_problems)
    if problems:
        raise DataValidationError("\n".join(problems))
    table = pd.DataFrame(typed, index=pd.RangeIndex(len(df)))
    _check_unique(table, schema, path)
    return table


def _check_columns(df: pd.DataFrame, schema: TableSchema, path: str | Path) -> None:
    missing = [name for name in schema.column_names if name not in df.columns]
    extra = [str(name) for name in df.columns if name not in schema.column_names]
    if missing:
        raise DataValidationError(
            f"{path}: missing column(s) {', '.join(repr(m) for m in missing)}; "
            f"required columns: {', '.join(schema.column_names)}"
        )
    if extra:
        raise DataValidationError(
            f"{path}: unexpected column(s) {', '.join(repr(e) for e in extra)}; "
            f"allowed columns: {', '.join(schema.column_names)}"
        )


def _check_unique(table: pd.DataFrame, schema: TableSchema, path: str | Path) -> None:
    duplicated = table.duplicated(list(schema.key), keep=False)
    if duplicated.any():
        keys = table.loc[duplicated, list(schema.key)].astype(str).agg("/".join, axis=1)
        raise DataValidationError(
            f"{path}: column(s) {'/'.join(schema.key)}: {int(duplicated.sum())} rows share a "
            f"key that must be unique: {_examples(keys)}; allowed: unique values"
        )


def _validate_column(
    df: pd.DataFrame, column: Column, key: Sequence[str], path: str | Path
) -> tuple[pd.Series, list[str]]:
    raw = df[column.name].reset_index(drop=True)
    where = f"{path}: column '{column.name}'"
    empty = _is_empty(raw)
    problems: list[str] = []
    if empty.any() and not column.nullable:
        problems.append(
            f"{where}: {int(empty.sum())} empty value(s) in a required column "
            f"(rows {_row_labels(df, key, empty)}); allowed: {column.range_text()}"
        )
    values, bad = _coerce(raw, column.kind, empty)
    if bad.any():
        problems.append(
            f"{where}: {int(bad.sum())} value(s) not parseable as {column.kind}: "
            f"{_examples(raw[bad])} (rows {_row_labels(df, key, bad)})"
        )
    outside = _outside(values, column) & ~empty & ~bad
    if outside.any():
        problems.append(
            f"{where}: {int(outside.sum())} value(s) not in allowed {column.range_text()}: "
            f"{_examples(values[outside])} (rows {_row_labels(df, key, outside)})"
        )
    return values, problems


def _row_labels(df: pd.DataFrame, key: Sequence[str], mask: pd.Series) -> str:
    """Key values (or row numbers) of the first few rows selected by ``mask``."""
    positions = np.flatnonzero(mask.to_numpy())[:_EXAMPLES_SHOWN]
    if all(name in df.columns for name in key):
        rows = df[list(key)].iloc[positions].astype(str).to_numpy()
        labels = ["/".join(row) for row in rows]
    else:
        labels = [f"#{i}" for i in positions]
    more = int(mask.sum()) - len(labels)
    return ", ".join(labels) + (f", ... ({more} more)" if more > 0 else "")


def _is_empty(raw: pd.Series) -> pd.Series:
    text = raw.astype(str).str.strip()
    return raw.isna() | (text == "") | (text.str.lower() == "nan")


def _coerce(raw: pd.Series, kind: Kind, empty: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Convert ``raw`` to ``kind``; return the values and a mask of unparseable entries."""
    if kind == "str":
        return raw.astype(str).where(~empty, ""), pd.Series(False, index=raw.index)
    if kind == "bool":
        return _coerce_bool(raw, empty)
    numbers = _to_float(raw)
    bad = numbers.isna() & ~empty
    bad |= np.isinf(numbers)
    if kind == "int":
        bad |= numbers.notna() & (numbers != np.round(numbers))
        return numbers.fillna(0).astype(np.int64), bad
    return numbers.astype(np.float64), bad


def _to_float(raw: pd.Series) -> pd.Series:
    if pd.api.types.is_numeric_dtype(raw) and not pd.api.types.is_bool_dtype(raw):
        return raw.astype(np.float64)
    return pd.to_numeric(raw.astype(str).str.strip(), errors="coerce").astype(np.float64)


_BOOL_TEXT = {"true": True, "false": False, "1": True, "0": False}


def _coerce_bool(raw: pd.Series, empty: pd.Series) -> tuple[pd.Series, pd.Series]:
    if pd.api.types.is_bool_dtype(raw):
        return raw.astype(bool), pd.Series(False, index=raw.index)
    mapped = raw.astype(str).str.strip().str.lower().map(_BOOL_TEXT)
    bad = mapped.isna() & ~empty
    return mapped.fillna(False).astype(bool), bad


def _outside(values: pd.Series, column: Column) -> pd.Series:
    if column.kind == "str":
        if column.allowed is not None:
            return ~values.isin(column.allowed)
        if column.pattern is not None:
            regex = re.compile(column.pattern)
            return ~values.map(lambda text: regex.fullmatch(text) is not None).astype(bool)
        return pd.Series(False, index=values.index)
    if column.kind == "bool":
        return pd.Series(False, index=values.index)
    below = pd.Series(False, index=values.index)
    if column.minimum is not None:
        below = values <= column.minimum if column.positive else values < column.minimum
    above = values > column.maximum if column.maximum is not None else False
    return (below | above).fillna(False).astype(bool)


def _examples(values: pd.Series) -> str:
    shown = [str(v) for v in values.iloc[:_EXAMPLES_SHOWN]]
    more = len(values) - len(shown)
    return ", ".join(shown) + (f", ... ({more} more)" if more > 0 else "")
