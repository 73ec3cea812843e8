"""The runner: seeds, replications, batches and metadata."""

import os

import numpy as np
import pandas as pd
import pytest

from sim.errors import LaborsimError
from sim.experiments.runner import (
    DEFAULT_OCCUPATIONS_DIR,
    RunSpec,
    batch_specs,
    iter_batch,
    load_tables,
    run,
    run_batch,
)
from sim.params import Scenario, derive
from sim.resources import source_checkout
from sim.rng import run_sequence
from tests.data_dirs import write_tables


def test_run_spec_seed_is_the_one_derivation_rule():
    spec = RunSpec(scenario=None, seed=7, replication=3)  # type: ignore[arg-type]
    assert spec.seed_sequence().spawn_key == (3,)
    assert spec.seed_sequence().entropy == run_sequence(7, 3).entropy == 7


def test_batch_specs_cover_every_scenario_and_replication_in_order(toy_scenario):
    other = derive(toy_scenario, {"name": "other"})
    specs = batch_specs([toy_scenario, other], seed=5, replications=2)
    assert [(s.scenario.name, s.replication, s.seed) for s in specs] == [
        ("unnamed", 0, 5),
        ("unnamed", 1, 5),
        ("other", 0, 5),
        ("other", 1, 5),
    ]


def test_metadata_records_seed_spawn_key_scenario_and_timings(toy_scenario, toy_tables):
    metadata = run(toy_scenario, seed=9, replication=2, tables=toy_tables).metadata
    assert metadata["seed"] == 9
    assert metadata["replication"] == 2
    assert metadata["seed_entropy"] == "9"
    assert metadata["spawn_key"] == [2]
    assert metadata["scenario"] == toy_scenario.to_dict()
    assert metadata["wall_seconds"] >= metadata["model_step_seconds"] > 0.0


def test_replications_differ_and_each_replays_exactly(toy_scenario, toy_tables):
    noisy = derive(toy_scenario, {"exposure.difficulty_noise_sd_doublings": 2.0})
    first, second = (run(noisy, seed=3, replication=r, tables=toy_tables) for r in (0, 1))
    again = run(noisy, seed=3, replication=1, tables=toy_tables)
    assert not np.array_equal(first.occupations["exposure"], second.occupations["exposure"])
    pd.testing.assert_frame_equal(second.occupations, again.occupations, check_exact=True)


def test_iter_batch_yields_input_errors_without_stopping_the_others(toy_scenario):
    broken = derive(toy_scenario, {"occupations.path": "/nonexistent/occupations"})
    outcomes = list(iter_batch(batch_specs([broken, broken])))
    assert all(isinstance(outcome, LaborsimError) for outcome in outcomes)
    with pytest.raises(LaborsimError, match="occupations.path"):
        run_batch(batch_specs([broken]))


def test_workers_must_be_positive(toy_scenario):
    with pytest.raises(ValueError, match="workers must be >= 1"):
        list(iter_batch(batch_specs([toy_scenario]), workers=0))


def test_default_paths_point_into_the_source_checkout():
    checkout = source_checkout()
    assert checkout is not None
    assert DEFAULT_OCCUPATIONS_DIR == checkout / "occupations"
    assert (DEFAULT_OCCUPATIONS_DIR / "occupations.csv").is_file()


def test_tables_are_loaded_once_and_again_when_a_file_changes(tmp_path, toy_tables):
    directory = write_tables(toy_tables, tmp_path / "data")
    scenario = derive(Scenario(), {"occupations.path": str(directory)})
    first = load_tables(scenario)
    assert load_tables(scenario) is first
    (directory / ".notes").write_text("hidden files are not data")
    assert load_tables(scenario) is first
    occupations = toy_tables.occupations.copy()
    occupations.loc[0, "employment"] = 12345.0
    occupations.to_csv(directory / "occupations.csv", index=False)
    later = os.stat(directory / "occupations.csv").st_mtime + 10
    os.utime(directory / "occupations.csv", (later, later))
    reloaded = load_tables(scenario)
    assert reloaded is not first
    assert reloaded.occupations.loc[0, "employment"] == 12345.0
