"""Broken occupation tables: one clear error naming file, column and range, before any step."""

import gzip
from pathlib import Path

import pytest

from sim.data import (
    OCCUPATIONS_FILE,
    SKILLS_FILE,
    TASKS_FILE,
    TRANSITIONS_FILE,
    load_occupation_tables,
)
from sim.errors import DataValidationError


@pytest.fixture
def data_dir(tmp_path: Path, toy_tables) -> Path:
    directory = tmp_path / "data"
    directory.mkdir()
    toy_tables.occupations.to_csv(directory / OCCUPATIONS_FILE, index=False)
    toy_tables.tasks.to_csv(directory / TASKS_FILE, index=False)
    toy_tables.transitions.to_csv(directory / TRANSITIONS_FILE, index=False)
    toy_tables.skills.to_csv(directory / SKILLS_FILE, index=False)
    return directory


def rewrite_column(directory: Path, column: str, value: str) -> None:
    import pandas as pd

    frame = pd.read_csv(directory / OCCUPATIONS_FILE, dtype=str)
    frame[column] = value
    frame.to_csv(directory / OCCUPATIONS_FILE, index=False)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("employment", "0", "column 'employment': total is 0; allowed: at least one"),
        (
            "employment",
            "1e300",
            r"column 'employment': 3 value\(s\) not in allowed range \[0, 2e\+08\]",
        ),
        (
            "mean_wage",
            "1e300",
            r"column 'mean_wage': 3 value\(s\) not in allowed range \(0, 1e\+07\]",
        ),
        ("mean_wage", "0", r"column 'mean_wage': 3 value\(s\) not in allowed range \(0, 1e\+07\]"),
        ("task_definedness", "nan", "column 'task_definedness': 3 empty value"),
        ("economic_value", "inf", "column 'economic_value': 3 value.s. not parseable as float"),
        ("n_tasks", "1e300", "column 'n_tasks': 3 value.s. not parseable as int"),
        ("n_tasks", "1000000", r"column 'n_tasks': 3 value\(s\) not in allowed range \[0, 10000\]"),
        (
            "bls_projected_change_pct",
            "1e300",
            r"column 'bls_projected_change_pct': 3 value\(s\) not in allowed range \[-100, 1000\]",
        ),
        (
            "major_group_code",
            "29-0000",
            "column 'major_group_code': 3 row.s. disagree with their occupation code, e.g. "
            "43-9001 has '29-0000'",
        ),
    ],
)
def test_bad_values_name_file_column_and_range(data_dir, column, value, message):
    rewrite_column(data_dir, column, value)
    with pytest.raises(DataValidationError, match=message) as caught:
        load_occupation_tables(data_dir)
    assert str(data_dir / OCCUPATIONS_FILE) in str(caught.value)


def test_missing_column(data_dir):
    import pandas as pd

    frame = pd.read_csv(data_dir / OCCUPATIONS_FILE).drop(columns=["mean_wage"])
    frame.to_csv(data_dir / OCCUPATIONS_FILE, index=False)
    with pytest.raises(DataValidationError, match="missing column.s. 'mean_wage'"):
        load_occupation_tables(data_dir)


@pytest.mark.parametrize(
    ("file_name", "corrupt", "message"),
    [
        (
            TASKS_FILE,
            lambda data: gzip.compress(data)[:-30],
            "cannot be read as a gzip-compressed CSV",
        ),
        (TASKS_FILE, lambda data: b"\x1f\x8b" + bytes(range(256)), "cannot be read as a gzip"),
        (TASKS_FILE, lambda data: data, "cannot be read as a gzip"),  # plain text named .gz
        (OCCUPATIONS_FILE, lambda data: data[: len(data) // 2], "occupations.csv"),
        (OCCUPATIONS_FILE, lambda data: b"", "file is empty"),
        (OCCUPATIONS_FILE, lambda data: data.replace(b"Toy", b"T\xf6y"), "is not valid UTF-8"),
        (OCCUPATIONS_FILE, lambda data: data.splitlines()[0] + b"\n", "no data rows"),
    ],
)
def test_corrupted_files(data_dir, file_name, corrupt, message):
    path = data_dir / file_name
    raw = gzip.decompress(path.read_bytes()) if file_name.endswith(".gz") else path.read_bytes()
    path.write_bytes(corrupt(raw))
    with pytest.raises(DataValidationError, match=message) as caught:
        load_occupation_tables(data_dir)
    assert str(path) in str(caught.value)


def test_directory_in_place_of_a_file(data_dir):
    (data_dir / TRANSITIONS_FILE).unlink()
    (data_dir / TRANSITIONS_FILE).mkdir()
    with pytest.raises(DataValidationError, match="transitions.csv.gz: is a directory"):
        load_occupation_tables(data_dir)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "elasticities.csv: file is empty"),
        (b"occupation_code\n", "elasticities.csv"),
        (
            b"occupation_code,elasticity_central,elasticity_low,elasticity_high,elasticity_source\n"
            b"43-9001,1e300,0.5,1e301,estimated\n",
            r"column 'elasticity_central': 1 value\(s\) not in allowed range \(0, 10\]",
        ),
    ],
)
def test_broken_elasticities_file_is_one_clear_error(data_dir, content, message):
    (data_dir / "elasticities.csv").write_bytes(content)
    with pytest.raises(DataValidationError, match=message):
        load_occupation_tables(data_dir)
