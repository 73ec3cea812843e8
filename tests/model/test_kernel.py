"""The compiled step loop over whole runs on the real occupation data.

The stages themselves are tested on hand-worked and analytic cases in
``tests/mechanisms``; here the loop's branches are switched on over whole runs
(labour-force ceiling binding, retraining) and the ways of stepping give the
same run.
"""

from pathlib import Path

import numpy as np
import pytest

from sim.experiments.runner import load_tables
from sim.io.scenario_files import load_scenario
from sim.model import LaborMarketModel
from sim.params.scenario import derive

BASELINE = Path(__file__).resolve().parents[2] / "scenarios" / "baseline.toml"
SHORT = {"run.horizon_year": 2040}

VARIANTS = {
    "ceiling binds": {**SHORT, "labor.labour_force_ceiling_multiple": 1.0},
    "retraining": {**SHORT, "retraining.participation_share": 0.3},
}


@pytest.fixture(scope="module")
def baseline_scenario():
    return load_scenario(BASELINE)


@pytest.fixture(scope="module")
def tables(baseline_scenario):
    return load_tables(baseline_scenario)


def test_the_ceiling_variant_binds(baseline_scenario, tables):
    scenario = derive(baseline_scenario, VARIANTS["ceiling binds"])
    model = LaborMarketModel(scenario, tables)
    model.run_to_horizon()
    ceiling = float(model.inputs.base_employment.sum())
    assert model.recorder.history.employment.sum(axis=-1).max() <= ceiling * (1 + 1e-12)
    assert model.demand.required_labour.sum(axis=-1).max() > ceiling


def test_retraining_variant_moves_workers_along_retraining_edges(baseline_scenario, tables):
    scenario = derive(baseline_scenario, VARIANTS["retraining"])
    model = LaborMarketModel(scenario, tables)
    model.run_to_horizon()
    search_edges = model.inputs.mobility.search.nnz
    flows = np.stack(model.recorder.moves)
    assert flows[:, :, search_edges:].sum() > 0.0


def test_stepping_one_at_a_time_equals_one_call(baseline_scenario, tables):
    scenario = derive(baseline_scenario, SHORT)
    stepped = LaborMarketModel(scenario, tables)
    for _ in range(scenario.n_steps):
        stepped.step()
    at_once = LaborMarketModel(scenario, tables)
    at_once.run_to_horizon()
    for got, expected in zip(stepped.recorder.history, at_once.recorder.history, strict=True):
        np.testing.assert_array_equal(got, expected)
    assert stepped.steps == at_once.steps == scenario.n_steps
    assert not stepped.running
    assert not at_once.running


def test_computing_ahead_of_the_clock_gives_the_same_run(baseline_scenario, tables):
    scenario = derive(baseline_scenario, SHORT)
    ahead = LaborMarketModel(scenario, tables)
    ahead.compute_to_horizon()
    assert ahead.steps == 0
    assert ahead.running
    at_once = LaborMarketModel(scenario, tables)
    at_once.run_to_horizon()
    for got, expected in zip(ahead.recorder.history, at_once.recorder.history, strict=True):
        np.testing.assert_array_equal(got, expected)
    ahead.run_for(scenario.n_steps)  # the clock catches up without computing again
    assert ahead.steps == scenario.n_steps
    assert not ahead.running
    for got, expected in zip(ahead.recorder.history, at_once.recorder.history, strict=True):
        np.testing.assert_array_equal(got, expected)


def test_agents_read_the_state_after_the_loop(baseline_scenario, tables):
    scenario = derive(baseline_scenario, SHORT)
    model = LaborMarketModel(scenario, tables)
    model.run_to_horizon()
    agent = next(iter(model.agents))
    assert agent.employment == model.recorder.history.employment[-1, 0, agent.row]
    assert agent.unemployed == model.recorder.history.unemployed[-1, 0, agent.row]


def test_the_model_state_is_the_loops_live_state(baseline_scenario, tables):
    scenario = derive(baseline_scenario, SHORT)
    model = LaborMarketModel(scenario, tables)
    model.step()
    employment = model.labor.employment
    np.testing.assert_array_equal(employment, model.recorder.history.employment[1])
    model.step()
    assert employment is model.labor.employment  # not a copy: the loop advanced it
    np.testing.assert_array_equal(employment, model.recorder.history.employment[2])


def test_no_step_past_the_horizon(baseline_scenario, tables):
    scenario = derive(baseline_scenario, {"run.horizon_year": 2026})
    model = LaborMarketModel(scenario, tables)
    model.run_to_horizon()
    with pytest.raises(RuntimeError, match="step"):
        model._advance(model.config.n_steps + 1, model.config.n_steps + 2)
