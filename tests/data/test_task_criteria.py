"""Each task's own criteria scores: ranges, variation within occupations, directions."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from occupations.build_criteria import percentile_rank
from occupations.build_task_criteria import OWN_COLUMNS, rank_against
from sim.data import OccupationTables, load_occupation_tables

DATA_DIR = Path(__file__).resolve().parents[2] / "occupations"
#: Share of occupations whose tasks must not all share one own readiness.
MIN_VARYING_SHARE = 0.95
#: Median within-occupation standard deviation of the mean own score (percentile units):
#: the tasks of a typical occupation must differ by more than rounding.
MIN_MEDIAN_SPREAD = 0.05


@pytest.fixture(scope="module")
def tables() -> OccupationTables:
    return load_occupation_tables(DATA_DIR)


@pytest.fixture(scope="module")
def tasks(tables: OccupationTables) -> pd.DataFrame:
    return tables.tasks


@pytest.mark.parametrize("column", OWN_COLUMNS)
def test_own_scores_are_percentile_ranks(tasks: pd.DataFrame, column: str) -> None:
    values = tasks[column]
    assert values.between(0.0, 1.0, inclusive="right").all()
    assert values.max() == pytest.approx(1.0, abs=1e-3)
    assert values.mean() == pytest.approx(0.5, abs=0.06)  # ties move the mean a little


def test_own_readiness_varies_within_occupations(tasks: pd.DataFrame) -> None:
    own = tasks[list(OWN_COLUMNS)].mean(axis=1).groupby(tasks["occupation_code"])
    assert (own.nunique() > 1).mean() >= MIN_VARYING_SHARE
    assert own.std().median() > MIN_MEDIAN_SPREAD


def test_routine_information_tasks_are_more_defined(tasks: pd.DataFrame) -> None:
    routine = tasks["routine_info_share"] == 1.0
    none = tasks["routine_info_share"] == 0.0
    assert tasks.loc[routine, "own_definedness"].median() > tasks.loc[
        none, "own_definedness"
    ].quantile(0.75)


def test_digital_tasks_have_more_data(tasks: pd.DataFrame) -> None:
    digital = tasks["data_share"] == 1.0
    assert (
        tasks.loc[digital, "own_data_availability"].min()
        > tasks.loc[tasks["data_share"] == 0.0, "own_data_availability"].max()
    )


def test_core_tasks_carry_more_value_than_supplemental(tasks: pd.DataFrame) -> None:
    medians = tasks.groupby("task_type")["own_economic_value"].median()
    assert medians["core"] > medians["supplemental"]


def test_rank_against_matches_the_loop_version() -> None:
    values = pd.Series([3.0, 1.0, 2.0, 2.0, 5.0, 0.5, 2.0], index=list("abcdefg"))
    reference = pd.Series([True, True, True, True, False, False, False], index=values.index)
    expected = percentile_rank(values, reference)
    np.testing.assert_allclose(rank_against(values, reference), expected)
    assert rank_against(values, reference)["g"] == pytest.approx((1 + 2 / 2 + 1) / 5)
