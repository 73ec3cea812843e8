"""Saving and loading run results: exact round trips and clear refusals."""

import json

import pandas as pd
import pytest

from sim.errors import LaborsimError
from sim.experiments.runner import run
from sim.io.results import METADATA_FILE, RESULTS_SCHEMA_VERSION, load_result


@pytest.fixture
def result(toy_scenario, toy_tables):
    return run(toy_scenario, tables=toy_tables)


def test_save_then_load_round_trips_every_frame_exactly(result, tmp_path):
    loaded = load_result(result.save(tmp_path / "run"))
    pd.testing.assert_frame_equal(loaded.occupations, result.occupations, check_exact=True)
    pd.testing.assert_frame_equal(loaded.economy, result.economy, check_exact=True)
    assert loaded.metadata == json.loads(json.dumps(result.metadata))


def test_other_schema_version_is_refused_with_a_clear_message(result, tmp_path):
    directory = result.save(tmp_path / "run")
    metadata = json.loads((directory / METADATA_FILE).read_text())
    metadata["results_schema_version"] = RESULTS_SCHEMA_VERSION + 99
    (directory / METADATA_FILE).write_text(json.dumps(metadata))
    with pytest.raises(LaborsimError, match="results_schema_version .* is not supported"):
        load_result(directory)


def test_missing_file_is_refused(result, tmp_path):
    directory = result.save(tmp_path / "run")
    (directory / "economy.parquet").unlink()
    with pytest.raises(LaborsimError, match="not a run directory, missing economy.parquet"):
        load_result(directory)


def test_existing_results_are_not_overwritten_unless_asked(result, tmp_path):
    directory = result.save(tmp_path / "run")
    with pytest.raises(LaborsimError, match="already holds results"):
        result.save(directory)
    result.save(directory, overwrite=True)
