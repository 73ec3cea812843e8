"""The dashboard's Mesa model: one whole run, replayed year by year; views read its slices."""

from dataclasses import dataclass
from pathlib import Path

import pytest

from sim.dashboard.data import CRITERIA_COLUMNS, run_scenario
from sim.dashboard.model import DashboardModel, Settings
from sim.io.scenario_files import load_scenario
from sim.params import Scenario, derive

HORIZON = 2035
BASELINE = Path(__file__).resolve().parents[2] / "scenarios" / "baseline.toml"


@dataclass
class Holder:
    """Stands in for the Solara reactive that holds the settings."""

    value: Settings


@pytest.fixture(scope="module")
def short() -> Scenario:
    return derive(load_scenario(BASELINE), {"run.horizon_year": HORIZON})


def test_model_opens_on_horizon_and_replays_from_base_year(short):
    model = DashboardModel(Holder(Settings("short", short)))
    assert model.year == HORIZON
    assert model.running
    seen = []
    while model.running:
        model.step()
        seen.append(model.year)
    assert seen == list(range(2025, HORIZON + 1))
    model.step()  # after the horizon a step starts the replay again
    assert model.year == 2025


def test_slower_algorithms_keep_employment_closer_to_no_ai(short):
    """Slower algorithms move fewer workers between occupation groups by the horizon (the
    total's gap can change sign: the baseline's is near 0 in 2035, AI's booms and falls
    offsetting each other)."""
    slow = derive(short, {"capability.algorithmic_halving_months": 600.0})
    default_moved = _moved(DashboardModel(Holder(Settings("short", short))))
    slow_moved = _moved(DashboardModel(Holder(Settings("short", short, {}, slow))))
    assert 0.0 < slow_moved < default_moved


def _moved(model: DashboardModel) -> float:
    """Sum over occupation groups of |employment - employment without AI| at the horizon."""
    groups = model.run.group_changes(model.horizon_year)
    return float((groups["employment"] - groups["employment_no_ai"]).abs().sum())


def test_runs_are_cached_per_scenario_and_replication(short):
    assert run_scenario(short) is run_scenario(short)
    other = run_scenario(short, replication=1)
    assert other is not run_scenario(short)
    assert other.replication == 1


def test_tables_agree_with_the_run(short):
    run = run_scenario(short)
    employment, no_ai = run.totals(HORIZON)
    groups = run.group_changes(HORIZON)
    assert groups["employment"].sum() == pytest.approx(employment, rel=1e-9)
    assert groups["employment_no_ai"].sum() == pytest.approx(no_ai, rel=1e-9)
    assert list(groups["relative_change"]) == sorted(groups["relative_change"])
    facts = run.occupation_facts("29-1224", HORIZON)
    row = run.reference.set_index("occupation_code").loc["29-1224"]
    assert facts["title"] == row["title"]
    assert all(facts[name] == pytest.approx(row[name]) for name in CRITERIA_COLUMNS)
    path = run.occupation_path("29-1224")
    assert list(path["year"]) == list(range(2025, HORIZON + 1))


def test_occupation_facts_carry_the_data_sets_elasticity_range(short):
    facts = run_scenario(short).occupation_facts("29-1224", HORIZON)
    assert facts["elasticity_low"] <= facts["elasticity_central"] <= facts["elasticity_high"]


def test_movers_carry_elasticity_ranges_only_with_estimated_elasticities(short):
    estimated = derive(short, {"demand.elasticity_source": "estimated"})
    by_group = derive(short, {"demand.elasticity_source": "major_group"})
    assert {"elasticity_low", "elasticity_high"} <= set(run_scenario(estimated).movers(HORIZON))
    assert "elasticity_low" not in run_scenario(by_group).movers(HORIZON).columns
