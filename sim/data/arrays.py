"""The occupation tables as read-only numpy arrays, converted once per tables object.

A run reads the same columns of the same tables every time: codes, titles,
major groups, the numeric columns of ``occupations.csv`` and ``tasks.csv.gz``,
the row of each task's occupation, and the codes that override tables may
name.  :func:`table_arrays` converts them from pandas once per
:class:`~sim.data.loading.OccupationTables` (its ``derived`` cache), so that
replications and sweep runs on the same tables do no pandas work per run.
Every array is read-only (``writeable=False``): runs share them, and a run
that tried to change one would raise instead of changing the next run's data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import NamedTuple

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from sim.conventions import major_group
from sim.data.loading import OccupationTables
from sim.errors import DataValidationError

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]
StrArray = NDArray[np.str_]

#: ``task_type`` of the tasks weighted by ``exposure.supplemental_task_weight``.
SUPPLEMENTAL_TASK_TYPE = "supplemental"


def read_only[A: np.ndarray](array: A) -> A:
    """``array`` marked read-only (returned for chaining)."""
    array.setflags(write=False)
    return array


class OccupationCategories(NamedTuple):
    """Categorical dtypes of the code and title columns of result frames, built once."""

    code: pd.CategoricalDtype
    """Categories: the occupation codes in table order."""
    title: pd.CategoricalDtype
    """Categories: the distinct titles in order of first appearance."""
    title_index: IntArray
    """Position of each occupation's title among ``title``'s categories."""


@dataclass(frozen=True)
class TableArrays:
    """The columns a run reads, in occupation-table row order (tasks in task-table order).

    Attributes
    ----------
    codes, titles, major_groups : StrArray
        Occupation code, title and two-digit SOC major group of each row.
    group_names : tuple[str, ...]
        The distinct values of ``major_groups``, sorted.
    group_index : IntArray
        Position of each row's major group in ``group_names``.
    row_of : Mapping[str, int]
        Row of each occupation code.
    occupation : Mapping[str, FloatArray]
        Every numeric column of the occupations table, as float64.
    task : Mapping[str, FloatArray]
        Every numeric column of the tasks table, as float64.
    task_occupation : IntArray
        Row of each task's occupation.
    task_supplemental : NDArray[np.bool_]
        Whether each task is supplemental (``task_type``).
    categories : OccupationCategories
        Categorical dtypes of the codes and titles, for result frames.
    """

    codes: StrArray
    titles: StrArray
    major_groups: StrArray
    group_names: tuple[str, ...]
    group_index: IntArray
    row_of: Mapping[str, int]
    occupation: Mapping[str, FloatArray]
    task: Mapping[str, FloatArray]
    task_occupation: IntArray
    task_supplemental: NDArray[np.bool_]
    categories: OccupationCategories

    @property
    def n_occupations(self) -> int:
        """Number of occupations."""
        return self.codes.size

    def by_code_or_group(
        self, by_code: Mapping[str, float], by_group: Mapping[str, float], default: float
    ) -> FloatArray:
        """Per-occupation value: its code's entry, else its major group's, else ``default``.

        Codes of ``by_code`` that are not in the table are ignored (the
        override check refuses them before a run).
        """
        per_group = np.array([by_group.get(g, default) for g in self.group_names], dtype=float)
        values = per_group[self.group_index]
        for code, value in by_code.items():
            row = self.row_of.get(code)
            if row is not None:
                values[row] = value
        return values


def table_arrays(tables: OccupationTables) -> TableArrays:
    """The tables' :class:`TableArrays`, built on first use and then shared."""
    return tables.derived(("table_arrays",), lambda: _build(tables.occupations, tables.tasks))


def _build(occupations: pd.DataFrame, tasks: pd.DataFrame) -> TableArrays:
    codes = read_only(occupations["occupation_code"].to_numpy(dtype=str))
    major = read_only(
        np.array([major_group(code) for code in occupations["major_group_code"]], dtype=str)
    )
    group_names, group_index = np.unique(major, return_inverse=True)
    row_of = {str(code): row for row, code in enumerate(codes)}
    task_occupation = pd.Index(codes).get_indexer(tasks["occupation_code"])
    if (task_occupation < 0).any():
        unknown = sorted(set(tasks["occupation_code"][task_occupation < 0]))[:5]
        raise DataValidationError(f"tasks refer to occupation codes not in the table: {unknown}")
    titles = read_only(occupations["title"].to_numpy(dtype=str))
    title_index, distinct_titles = pd.factorize(titles)
    categories = OccupationCategories(
        code=pd.Categorical.from_codes(np.arange(codes.size), codes).dtype,
        title=pd.Categorical.from_codes(title_index, distinct_titles).dtype,
        title_index=read_only(title_index.astype(np.intp)),
    )
    return TableArrays(
        codes=codes,
        titles=titles,
        major_groups=major,
        group_names=tuple(str(group) for group in group_names),
        group_index=read_only(group_index.astype(np.intp)),
        row_of=MappingProxyType(row_of),
        occupation=_numeric_columns(occupations),
        task=_numeric_columns(tasks),
        task_occupation=read_only(task_occupation.astype(np.intp)),
        task_supplemental=read_only(
            (tasks["task_type"] == SUPPLEMENTAL_TASK_TYPE).to_numpy(dtype=bool)
        ),
        categories=categories,
    )


def _numeric_columns(frame: pd.DataFrame) -> Mapping[str, FloatArray]:
    return MappingProxyType(
        {
            str(name): read_only(frame[name].to_numpy(dtype=float))
            for name in frame.columns
            if pd.api.types.is_numeric_dtype(frame[name])
            and not pd.api.types.is_bool_dtype(frame[name])
        }
    )
