"""The dashboard shows an occupation's ensemble band only for the scenario the ensemble ran."""

from __future__ import annotations

from dataclasses import replace

import sim
from sim.dashboard.data import run_scenario, saved_ensemble
from sim.dashboard.views import facts_html
from sim.experiments.ensemble import ENSEMBLE_DIR, run_ensemble
from tests.experiments.conftest import write_toy_sweep
from tests.experiments.test_ensemble import ToyEconomy


def test_band_of_the_saved_ensemble_for_the_same_scenario_only(tmp_path):
    write_toy_sweep(tmp_path)
    scenario = sim.load_scenario(tmp_path / "base.toml")
    results = tmp_path / "results"
    assert saved_ensemble(scenario, results) is None  # none run yet
    directory = results / scenario.name / ENSEMBLE_DIR
    run_ensemble(scenario, 24, directory=directory, evaluator=ToyEconomy(scenario))
    ensemble = saved_ensemble(scenario, results)
    assert ensemble is not None
    changed = sim.derive(scenario, {"run.horizon_year": 2034})
    assert saved_ensemble(changed, results) is None  # other settings: not this ensemble
    run = replace(run_scenario(scenario), ensemble=ensemble)
    facts = run.occupation_facts("43-9001", 2035)
    assert "robust decline" in str(facts["ensemble 2035"])
    assert "ensemble 2035" in facts_html(facts, 2035)
    assert run_scenario(scenario).ensemble_band("43-9001").empty  # cwd has no results/base
