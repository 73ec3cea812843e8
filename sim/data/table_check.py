"""A generic checker for declared tables: declarations in, typed frames or one clear error out.

A :class:`TableSchema` lists a table's columns (:class:`Column`: dtype, unit,
allowed range or values, whether empty values are allowed) and its unique key.
:func:`validate_table` coerces a frame read as text (or built typed) to the
declared dtypes and raises :class:`~sim.errors.DataValidationError` naming the
file, the column, the offending values, how many rows are affected and the
allowed range.  Nothing here knows about occupations; :mod:`sim.data.schema`
holds the declarations.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from sim.errors import DataValidationError

Kind = Literal["str", "float", "int", "bool"]
_EXAMPLES_SHOWN = 5
#: Largest integer a float carries exactly (2**53); larger "integers" are not counts.
_MAX_EXACT_INT = 2.0**53


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


def validate_table(df: pd.DataFrame, schema: TableSchema, path: str | Path) -> pd.DataFrame:
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
            f"key that must be unique: {examples(keys)}; allowed: unique values"
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
            f"{examples(raw[bad])} (rows {_row_labels(df, key, bad)})"
        )
    outside = _outside(values, column) & ~empty & ~bad
    if outside.any():
        problems.append(
            f"{where}: {int(outside.sum())} value(s) not in allowed {column.range_text()}: "
            f"{examples(values[outside])} (rows {_row_labels(df, key, outside)})"
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
        bad |= numbers.abs() > _MAX_EXACT_INT
        return numbers.where(~bad, 0).fillna(0).astype(np.int64), bad
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


def examples(values: pd.Series) -> str:
    shown = [str(v) for v in values.iloc[:_EXAMPLES_SHOWN]]
    more = len(values) - len(shown)
    return ", ".join(shown) + (f", ... ({more} more)" if more > 0 else "")


def read_csv_text(path: Path) -> pd.DataFrame:
    """Read a CSV (optionally gzip) as text; every way the file can be broken is one error."""
    if path.is_dir():
        raise DataValidationError(f"{path}: is a directory; allowed: a CSV file")
    if not path.is_file():
        raise DataValidationError(
            f"{path}: occupation data file not found (rebuild it with "
            f"'python occupations/build.py' or point the scenario at the right directory)"
        )
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    except UnicodeDecodeError as problem:
        raise DataValidationError(
            f"{path}: byte {problem.start} is not valid UTF-8; allowed: a UTF-8 CSV file"
        ) from None
    except pd.errors.EmptyDataError:
        raise DataValidationError(
            f"{path}: file is empty; allowed: a CSV file with a header row and data rows"
        ) from None
    except (OSError, EOFError, zlib.error, ValueError) as problem:
        kind = "gzip-compressed CSV" if path.suffix == ".gz" else "CSV"
        reason = " ".join(str(problem).split())[:200]
        raise DataValidationError(
            f"{path}: cannot be read as a {kind} (truncated or corrupted?): {reason}"
        ) from None
