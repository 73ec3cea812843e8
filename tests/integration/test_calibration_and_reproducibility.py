"""Default calibration is current; runs are identical alone, in a batch and on workers."""

from pathlib import Path

import pandas as pd
import pytest

from sim.experiments.runner import RunSpec, batch_specs, load_tables, run, run_batch
from sim.io.scenario_files import load_scenario
from sim.model.calibration import (
    base_year_exposure,
    calibrate_difficulty_ready,
    calibrate_initial_adopter_share,
    gpt4_assisted_share,
)
from sim.params.scenario import derive

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
#: How far the shipped default may sit from a fresh calibration (horizon doublings);
#: the default is rounded to 0.01.
CALIBRATION_TOLERANCE_LOG2 = 0.01
#: The same for the base-year adopter share (rounded to 0.001).
ADOPTER_TOLERANCE = 0.001


@pytest.fixture(scope="module")
def baseline():
    return load_scenario(SCENARIOS / "baseline.toml")


def test_default_difficulty_level_matches_a_fresh_calibration(baseline):
    tables = load_tables(baseline)
    fresh = calibrate_difficulty_ready(baseline, tables)
    default = baseline.exposure.difficulty_ready_log2_minutes
    assert fresh.difficulty_ready_log2_minutes == pytest.approx(
        default, abs=CALIBRATION_TOLERANCE_LOG2
    )
    # Eloundou beta, unweighted task share, mean of the two raters: 32.8%.
    assert fresh.target_share == pytest.approx(0.328)
    assert gpt4_assisted_share(baseline, tables) == pytest.approx(fresh.target_share, abs=0.002)


def test_default_adopter_share_matches_a_fresh_calibration(baseline):
    tables = load_tables(baseline)
    fresh = calibrate_initial_adopter_share(baseline, tables)
    default = baseline.adoption.initial_adopter_share
    assert fresh.initial_adopter_share == pytest.approx(default, abs=ADOPTER_TOLERANCE)
    # Bick, Blandin & Deming: 1-5% of work hours assisted by generative AI in late 2024.
    assert fresh.target_share == pytest.approx(0.03)
    assert default * base_year_exposure(baseline, tables) == pytest.approx(0.03, abs=0.001)
    low, high = fresh.plausible
    assert low * fresh.base_exposure == pytest.approx(0.01)
    assert high * fresh.base_exposure == pytest.approx(0.05)


def test_same_seed_same_frames_alone_in_batch_and_on_two_workers(baseline):
    short = derive(baseline, {"run.horizon_year": 2032})
    other = derive(short, {"name": "other", "capability.algorithmic_halving_months": 16.0})
    alone = run(short, seed=5, replication=1)
    specs = batch_specs([other, short], seed=5, replications=2)
    serial = run_batch(specs, workers=1)
    parallel = run_batch(specs, workers=2)
    in_batch = specs.index(RunSpec(short, 5, 1))
    for result in (serial[in_batch], parallel[in_batch]):
        pd.testing.assert_frame_equal(result.occupations, alone.occupations)
        pd.testing.assert_frame_equal(result.economy, alone.economy)
    different = serial[specs.index(RunSpec(short, 5, 0))]
    assert not different.occupations["exposure"].equals(alone.occupations["exposure"])
