"""Tests of the committed occupation tables in ``occupations/`` and their schema.

The committed tables are loaded once through the schema loader; the rebuild
test (skipped when ``../shared/data`` is absent) rebuilds them from the raw
data into a temporary directory and compares the file contents.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]

from sim.data import (  # noqa: E402
    ENTREPRENEUR_CODE,
    OCCUPATIONS_FILE,
    OCCUPATIONS_SCHEMA,
    ONET_CRITERIA_SOURCES,
    SCORE_COLUMNS,
    SKILLS_FILE,
    TASKS_FILE,
    TRANSITIONS_FILE,
    OccupationTables,
    check_references,
    load_occupation_tables,
    validate_occupations,
    validate_tasks,
    validate_transitions,
)
from sim.data.summary import (  # noqa: E402
    N_LISTED,
    exposure_by_criteria,
    summarise_occupations,
)
from sim.errors import DataValidationError  # noqa: E402
from tests.data.rebuild import DATA_DIR, RAW_DIR, needs_raw, run_build  # noqa: E402

BUILD_SCRIPT = DATA_DIR / "build.py"

N_OEWS_DETAILED = 830
MIN_ONET_OCCUPATIONS = 780
MIN_ONET_EMPLOYMENT_SHARE = 0.90
TOP_QUARTILE = 0.75
MEDIAN = 0.5

REGISTERED_NURSES = "29-1141"
RADIOLOGISTS = "29-1224"
SALES_REPS_WHOLESALE = "41-4012"
SALES_REPS_SERVICES = "41-3091"
DATA_ENTRY_KEYERS = "43-9021"
TELEMARKETERS = "41-9041"
ROOFERS = "47-2181"
GENERAL_MANAGERS = "11-1021"


@pytest.fixture(scope="module")
def tables() -> OccupationTables:
    return load_occupation_tables(DATA_DIR)


@pytest.fixture(scope="module")
def occupations(tables: OccupationTables) -> pd.DataFrame:
    return tables.occupations.set_index("occupation_code", drop=False)


@pytest.fixture(scope="module")
def oews(occupations: pd.DataFrame) -> pd.DataFrame:
    return occupations[occupations["source"] == "oews_may2025"]


def _in_top_quartile(oews: pd.DataFrame, code: str, column: str) -> bool:
    return bool(oews.at[code, column] >= oews[column].quantile(TOP_QUARTILE))


# --- coverage and completeness ------------------------------------------------------------


def test_all_oews_detailed_codes_present(oews: pd.DataFrame) -> None:
    assert len(oews) == N_OEWS_DETAILED
    assert oews["occupation_code"].str.fullmatch(r"\d{2}-\d{4}").all()


@needs_raw
def test_oews_codes_equal_raw_detailed_codes(oews: pd.DataFrame) -> None:
    raw = pd.read_csv(RAW_DIR / "bls_oews" / "oews_national_may2025.csv", dtype=str)
    detailed = raw.loc[raw["o_group"] == "detailed", "occ_code"]
    assert set(oews["occupation_code"]) == set(detailed)


def test_onet_coverage(oews: pd.DataFrame) -> None:
    own = oews["criteria_source"].isin(ONET_CRITERIA_SOURCES)
    share = oews.loc[own, "employment"].sum() / oews["employment"].sum()
    assert own.sum() >= MIN_ONET_OCCUPATIONS
    assert share >= MIN_ONET_EMPLOYMENT_SHARE


def test_scores_within_unit_interval(occupations: pd.DataFrame) -> None:
    scores = occupations[list(SCORE_COLUMNS)]
    assert scores.notna().all().all()
    assert ((scores >= 0.0) & (scores <= 1.0)).all().all()


def test_no_duplicate_codes(occupations: pd.DataFrame) -> None:
    assert not occupations["occupation_code"].duplicated().any()


def test_required_columns_non_null(tables: OccupationTables) -> None:
    frame = tables.occupations
    assert list(frame.columns) == OCCUPATIONS_SCHEMA.column_names
    for column in OCCUPATIONS_SCHEMA.columns:
        values = frame[column.name]
        assert values.notna().all(), column.name
        if column.kind == "str":
            assert (values.str.len() > 0).all(), column.name


@pytest.mark.parametrize(
    "code",
    [RADIOLOGISTS, REGISTERED_NURSES, SALES_REPS_WHOLESALE, SALES_REPS_SERVICES, ENTREPRENEUR_CODE],
)
def test_seed_examples_present(occupations: pd.DataFrame, code: str) -> None:
    assert code in occupations.index
    assert occupations.at[code, "n_tasks"] > 0


def test_every_occupation_has_tasks(occupations: pd.DataFrame) -> None:
    assert (occupations["n_tasks"] > 0).all()


def test_only_imputed_rows_borrow_tasks(tables: OccupationTables) -> None:
    source = tables.occupations.set_index("occupation_code")["criteria_source"]
    task_source = tables.tasks["occupation_code"].map(source)
    own = task_source.isin(ONET_CRITERIA_SOURCES)
    assert not tables.tasks.loc[own, "borrowed"].any()
    assert tables.tasks.loc[~own, "borrowed"].all()


def test_transitions_have_no_self_loops(tables: OccupationTables) -> None:
    edges = tables.transitions
    assert (edges["source_code"] != edges["target_code"]).all()
    assert ((edges["relatedness"] > 0.0) & (edges["relatedness"] <= 1.0)).all()


# --- sanity of the criteria ---------------------------------------------------------------


def test_nurses_have_a_top_quartile_barrier(oews: pd.DataFrame) -> None:
    assert _in_top_quartile(oews, REGISTERED_NURSES, "interpersonal_barrier") or (
        _in_top_quartile(oews, REGISTERED_NURSES, "physical_barrier")
    )


def test_nurses_interpersonal_barrier_top_quartile(oews: pd.DataFrame) -> None:
    assert _in_top_quartile(oews, REGISTERED_NURSES, "interpersonal_barrier")


@pytest.mark.parametrize("code", [DATA_ENTRY_KEYERS, TELEMARKETERS])
def test_routine_jobs_top_quartile_definedness(oews: pd.DataFrame, code: str) -> None:
    assert _in_top_quartile(oews, code, "task_definedness")


def test_roofers_top_quartile_physical(oews: pd.DataFrame) -> None:
    assert _in_top_quartile(oews, ROOFERS, "physical_barrier")


def test_roofers_less_exposed_than_data_entry(occupations: pd.DataFrame) -> None:
    exposure = exposure_by_criteria(occupations)
    assert exposure[ROOFERS] < exposure[DATA_ENTRY_KEYERS]


def test_nurses_frey_osborne_from_manual_mapping(occupations: pd.DataFrame) -> None:
    assert occupations.at[REGISTERED_NURSES, "frey_osborne_source"] == "manual_mapping"
    assert occupations.at[REGISTERED_NURSES, "frey_osborne_probability"] < MEDIAN


def test_entrepreneurs_row_is_documented_assumption(occupations: pd.DataFrame) -> None:
    row = occupations.loc[ENTREPRENEUR_CODE]
    assert row["source"] == "assumption"
    assert row["criteria_source"] == "assumption"
    assert row["major_group_code"] == "11-0000"
    assert 6.0e6 <= row["employment"] <= 6.3e6
    assert row["mean_wage"] == occupations.at[GENERAL_MANAGERS, "mean_wage"]


# --- schema rejects broken tables ---------------------------------------------------------


def test_schema_rejects_out_of_range_score(tables: OccupationTables) -> None:
    broken = tables.occupations.copy()
    broken.loc[0, "physical_barrier"] = 1.5
    with pytest.raises(
        DataValidationError,
        match=r"broken\.csv: column 'physical_barrier': 1 value\(s\) not in allowed "
        r"range \[0, 1\]: 1\.5",
    ):
        validate_occupations(broken, "broken.csv")


def test_schema_rejects_missing_column(tables: OccupationTables) -> None:
    broken = tables.occupations.drop(columns=["economic_value"])
    with pytest.raises(
        DataValidationError, match=r"broken\.csv: missing column\(s\) 'economic_value'"
    ):
        validate_occupations(broken, "broken.csv")


def test_schema_rejects_duplicate_code(tables: OccupationTables) -> None:
    broken = pd.concat([tables.occupations, tables.occupations.iloc[[0]]], ignore_index=True)
    with pytest.raises(
        DataValidationError, match=r"broken\.csv: column\(s\) occupation_code: 2 rows"
    ):
        validate_occupations(broken, "broken.csv")


def test_schema_rejects_empty_required_value(tables: OccupationTables) -> None:
    broken = tables.occupations.copy()
    broken.loc[3, "frey_osborne_probability"] = np.nan
    with pytest.raises(DataValidationError, match=r"column 'frey_osborne_probability': 1 empty"):
        validate_occupations(broken, "broken.csv")


def test_schema_rejects_unknown_category(tables: OccupationTables) -> None:
    broken = tables.tasks.copy()
    broken.loc[0, "eloundou_gpt4"] = "E3"
    with pytest.raises(DataValidationError, match=r"tasks\.csv\.gz: column 'eloundou_gpt4'.*E3"):
        validate_tasks(broken, "tasks.csv.gz")


def test_schema_rejects_self_loop(tables: OccupationTables) -> None:
    broken = tables.transitions.copy()
    broken.loc[0, "target_code"] = broken.loc[0, "source_code"]
    with pytest.raises(
        DataValidationError, match=r"edges\.csv\.gz: column 'target_code'.*self-loop"
    ):
        validate_transitions(broken, "edges.csv.gz")


def test_references_reject_unknown_task_code(tables: OccupationTables) -> None:
    tasks = tables.tasks.copy()
    tasks.loc[0, "occupation_code"] = "99-9999"
    broken = OccupationTables(tables.occupations, tasks, tables.transitions)
    with pytest.raises(
        DataValidationError, match=r"tasks\.csv\.gz: column 'occupation_code'.*99-9999"
    ):
        check_references(broken)


def test_missing_file_error_names_path(tmp_path: Path) -> None:
    with pytest.raises(DataValidationError, match=f"{tmp_path / OCCUPATIONS_FILE}.*not found"):
        load_occupation_tables(tmp_path)


# --- summary ------------------------------------------------------------------------------


def test_exposure_by_criteria_formula() -> None:
    scores = pd.DataFrame(
        {
            "task_definedness": [1.0, 0.6, 0.3],
            "data_availability": [1.0, 0.6, 0.3],
            "economic_value": [1.0, 0.6, 0.3],
            "physical_barrier": [0.0, 0.5, 1.0],
            "interpersonal_barrier": [0.0, 0.25, 0.2],
        }
    )
    np.testing.assert_allclose(exposure_by_criteria(scores), [1.0, 0.3, 0.0])


def test_summary_lists_counts_and_extremes(tables: OccupationTables) -> None:
    text = summarise_occupations(tables)
    occupations = tables.occupations
    exposure = exposure_by_criteria(occupations)
    ranked = occupations.assign(exposure=exposure).sort_values(
        ["exposure", "occupation_code"], ascending=[False, True], kind="mergesort"
    )
    assert f"Occupations: {len(occupations)}" in text
    assert f"Tasks: {len(tables.tasks)}" in text
    assert "Most exposed by criteria" in text
    assert "Least exposed by criteria" in text
    for code in [
        *ranked["occupation_code"].head(N_LISTED),
        *ranked["occupation_code"].tail(N_LISTED),
    ]:
        assert code in text


# --- rebuild ------------------------------------------------------------------------------


#: Largest difference accepted between a rebuilt and a committed float cell, and the
#: largest share of cells of a column that may differ at all.  Sums over O*NET ratings
#: can differ in their last bit between CPUs (numpy's SIMD and scalar paths); that
#: flips a value on a 4-decimal rounding boundary, or reorders near-ties inside a
#: percentile rank (own_data_availability: 14 of 21,583 task rows moved by up to
#: 7e-4, about 15 rank positions, on an AMD EPYC against the committed Intel build).
CROSS_CPU_TOLERANCE = 1e-3
CROSS_CPU_SHARE = 0.001


def _same_table(rebuilt: Path, committed: Path) -> None:
    """Same rows, columns and text; floats equal up to one rounding step."""
    new, old = pd.read_csv(rebuilt), pd.read_csv(committed)
    assert list(new.columns) == list(old.columns), committed.name
    assert new.shape == old.shape, committed.name
    for column in old.columns:
        if pd.api.types.is_float_dtype(old[column]):
            gaps = (new[column] - old[column]).abs()
            message = f"{committed.name}: {column} differs by up to {gaps.max()}"
            assert gaps.max() <= CROSS_CPU_TOLERANCE, message
            assert (gaps > 0).mean() <= CROSS_CPU_SHARE, message
            assert new[column].isna().equals(old[column].isna()), f"{committed.name}: {column}"
        else:
            assert new[column].equals(old[column]), f"{committed.name}: {column}"


@needs_raw
def test_rebuild_equals_committed(tmp_path: Path) -> None:
    run_build(BUILD_SCRIPT, tmp_path)
    for name in (OCCUPATIONS_FILE, TASKS_FILE, TRANSITIONS_FILE, SKILLS_FILE):
        _same_table(tmp_path / name, DATA_DIR / name)
