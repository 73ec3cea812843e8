"""The assembled Mesa model on a toy economy: analytic results and invariants."""

import mesa
import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

from sim.experiments.runner import run
from sim.model import LaborMarketModel
from sim.model.agents import OccupationAgent
from sim.params.scenario import derive
from sim.validation.bessen import PARTIAL_EQUILIBRIUM
from tests.conftest import make_tables
from tests.stage_runs import PINNED_LABOUR


def run_model(scenario, tables, seed=None) -> LaborMarketModel:
    model = LaborMarketModel(scenario, tables, seed=seed)
    for _ in range(scenario.n_steps):
        model.step()
    return model


def test_required_labour_follows_power_law(toy_scenario, toy_tables):
    frame = run(toy_scenario, tables=toy_tables).occupations
    elasticity = (
        frame["occupation_code"].astype(str).map({"43-9001": 0.2, "43-9002": 1.0, "43-9003": 2.0})
    )
    base_a = frame.groupby("occupation_code")["productivity_multiplier"].transform("first")
    expected = 100_000 * (frame["productivity_multiplier"] / base_a) ** (elasticity - 1)
    assert_allclose(frame["required_labour"], expected, rtol=1e-9)
    assert frame["productivity_multiplier"].max() > 1.5  # the test exercises real amplification


def test_unit_elasticity_leaves_employment_unchanged(toy_scenario, toy_tables):
    """With entry from outside the labour force proportional to vacancies (elasticity 1),
    nothing links the unit-elastic occupation to the others."""
    scenario = derive(toy_scenario, {"labor.entry_vacancy_elasticity": 1.0})
    frame = run(scenario, tables=toy_tables).occupations
    unit = frame.loc[frame["occupation_code"] == "43-9002"]
    assert unit["productivity_multiplier"].iloc[-1] > 1.2
    assert_allclose(unit["employment"], unit["employment_no_ai"], rtol=1e-12)


def test_a_stable_outside_pool_shares_its_entrants_between_occupations(toy_scenario, toy_tables):
    """At the default elasticity (0.31) the outside pool does not grow with vacancies: the
    elastic occupation's boom in vacancies lowers the share of every occupation's vacancies
    entrants fill, so the unit-elastic occupation grows less than without AI."""
    frame = run(toy_scenario, tables=toy_tables).occupations.query("year == 2035")
    ratio = (frame["employment"] / frame["employment_no_ai"]).to_numpy()
    assert ratio[2] > 1.02  # the elastic occupation's boom
    assert ratio[1] < 0.99  # the unit-elastic occupation gets fewer entrants


def test_elastic_expands_and_inelastic_shrinks(toy_scenario, toy_tables):
    end = run(toy_scenario, tables=toy_tables).occupations.query("year == 2035")
    ratio = (end["employment"] / end["employment_no_ai"]).to_numpy()
    assert ratio[0] < 0.95
    assert ratio[2] > 1.02


#: One fully exposed occupation whose elastic demand saturates at 3x output.
SATURATED_CRITERIA = ("task_definedness", "data_availability", "economic_value")
SATURATED = {
    "run.horizon_year": 2060,
    "demand.elasticity_by_occupation": {"43-9001": 3.0},
    "demand.elasticity_floor": 0.1,
    "demand.saturation_output_multiple": 3.0,
    "adoption.assisted_speedup": 3.0,
    "adoption.autonomous_speedup": 1e4,
}


def test_saturation_gives_rise_then_fall():
    tables = make_tables([{"occupation_code": "43-9001", **dict.fromkeys(SATURATED_CRITERIA, 1.0)}])
    scenario = derive(toy_scenario_base(), SATURATED)
    frame = run(scenario, tables=tables).occupations
    required = frame["required_labour"].to_numpy()
    peak = int(np.argmax(required))
    assert 0 < peak < len(required) - 1
    assert required[peak] > 1.3 * required[0]
    assert required[-1] < 0.8 * required[peak]
    # The peak is where pass-through x elasticity crosses 1.
    elasticity = frame["demand_elasticity"].to_numpy()
    assert elasticity[peak - 1] > 1.0 > elasticity[peak + 1]


def test_a_collapsing_occupation_sheds_workers_beyond_the_layoff_limit():
    """Issue 20 defect, fixed: after a saturated collapse required labour falls to 1/190 of
    its base; the 15%/year layoff limit held employment up until the wage bill was 2.5x
    output value.  Employers now shed down to the employment at which wages take
    labor.max_labour_share of output value (sim.mechanisms.wages.viable_employment)."""
    tables = make_tables([{"occupation_code": "43-9001", **dict.fromkeys(SATURATED_CRITERIA, 1.0)}])
    scenario = derive(toy_scenario_base(), SATURATED)
    result = run(scenario, tables=tables)  # the integrity check (labour share <= 1) passes
    economy = result.economy
    assert economy["labour_share"].max() <= scenario.labor.max_labour_share * (1 + 1e-9)
    assert economy["labour_share"].max() > 0.99  # the limit binds
    yearly = result.occupations
    shed = (yearly["layoffs"] / yearly["employment"].shift()).max()
    assert shed > 2 * scenario.labor.max_layoff_rate_per_year  # beyond the layoff limit
    # conserved, never negative (as everywhere)
    assert (yearly["employment"] >= 0).all()


def toy_scenario_base():
    from sim.params.scenario import Scenario

    return derive(
        Scenario(),
        {
            "run.horizon_year": 2035,
            "exposure.difficulty_noise_sd_doublings": 0.0,
            "exposure.difficulty_ready_log2_minutes": 0.0,
            "exposure.readiness_span_doublings": 16.0,
            **PARTIAL_EQUILIBRIUM,
            **{f"labor.{name}": value for name, value in PINNED_LABOUR.items()},
            "demand.elasticity_source": "major_group",
        },
    )


def test_workers_conserved_every_step(toy_scenario, toy_tables):
    economy = run(toy_scenario, tables=toy_tables).economy
    stock = economy["employment_total"] + economy["unemployed"] + economy["exits_cumulative"]
    start = economy["employment_total"].iloc[0] + economy["unemployed"].iloc[0]
    assert_allclose(stock, start + economy["entrants_cumulative"], rtol=1e-12)
    assert economy["excess_unemployment_rate"].max() > 0  # displacement actually happened
    assert (economy["vacancies"] >= 0).all()
    assert (economy["vacancies_no_ai"] >= 0).all()


def test_same_seed_identical_different_seed_differs(toy_tables):
    scenario = derive(toy_scenario_base(), {"exposure.difficulty_noise_sd_doublings": 2.0})
    first, second = run(scenario, tables=toy_tables), run(scenario, tables=toy_tables)
    pd.testing.assert_frame_equal(first.occupations, second.occupations)
    pd.testing.assert_frame_equal(first.economy, second.economy)
    other = run(scenario, seed=scenario.seed + 1, tables=toy_tables)
    assert not other.occupations["exposure"].equals(first.occupations["exposure"])


def test_no_ai_world_has_frozen_capability(toy_scenario, toy_tables):
    model = run_model(toy_scenario, toy_tables)
    assert np.ptp(model.log_compute[1]) == 0.0
    assert model.log_compute[0, -1] > 5.0


def test_agents_are_views_of_model_rows(toy_scenario, toy_tables):
    model = run_model(toy_scenario, toy_tables)
    agents = list(model.agents_by_type[OccupationAgent])
    assert [a.code for a in agents] == ["43-9001", "43-9002", "43-9003"]
    assert agents[0].employment == pytest.approx(model.labor.employment[0, 0])
    assert agents[0].productivity_multiplier > 1.0


def test_occupation_agents_are_built_on_first_use_with_ids_in_row_order(toy_scenario, toy_tables):
    model = run_model(toy_scenario, toy_tables)
    assert len(model._all_agents) == 0  # a run that never reads its agents creates none
    other = mesa.Agent(model)  # registering another agent builds the occupation agents first
    agents = list(model.agents_by_type[OccupationAgent])
    assert [(a.unique_id, a.row) for a in agents] == [(1, 0), (2, 1), (3, 2)]
    assert other.unique_id == 4
    assert len(model.agents) == 4
    assert set(model.agent_types) == {OccupationAgent, mesa.Agent}


def test_full_policy_offset_conserves_required_wage_bill(toy_scenario, toy_tables):
    scenario = derive(
        toy_scenario, {"closure.policy_offset_share": 1.0, "demand.price_pass_through": 0.8}
    )
    model = run_model(scenario, toy_tables)
    wages = model.inputs.mean_wage
    assert model.productivity[0].max() > 1.5
    assert model.demand.required_labour[0] @ wages == pytest.approx(
        model.inputs.base_employment @ wages
    )


def test_policy_offset_counters_inelastic_job_losses(toy_scenario, toy_tables):
    inelastic = derive(
        toy_scenario,
        {"demand.elasticity_by_occupation": {"43-9001": 0.2, "43-9002": 0.3, "43-9003": 0.5}},
    )
    totals = [
        run_model(derive(inelastic, {"closure.policy_offset_share": k}), toy_tables)
        .demand.required_labour[0]
        .sum()
        for k in (0.0, 0.5, 1.0)
    ]
    assert totals[0] < totals[1] < totals[2]
    assert totals[2] == pytest.approx(300_000, rel=1e-9)  # equal wages: head count conserved


@pytest.mark.parametrize("space_built", [False, True])
def test_all_agents_can_be_removed_with_or_without_the_space(toy_scenario, toy_tables, space_built):
    model = LaborMarketModel(toy_scenario, toy_tables)
    if space_built:
        cell = model.space[0]
        assert len(cell.agents) == 1
    model.remove_all_agents()
    assert len(model.agents) == 0
    if space_built:
        assert len(cell.agents) == 0


def test_the_labour_market_starts_at_its_steady_state(toy_scenario, toy_tables):
    """Issue 20: each occupation starts at its own steady state of the base flows, the same in
    both worlds; where required labour does not move, nothing settles afterwards (the unit-
    elastic occupation of the no-AI world: the base year's adoption moves the others; with
    entry proportional to vacancies, which the others' vacancies then do not move)."""
    result = run(derive(toy_scenario, {"labor.entry_vacancy_elasticity": 1.0}), tables=toy_tables)
    first = result.economy.iloc[0]
    assert first["unemployed"] == first["unemployed_no_ai"] > 0.0
    assert first["vacancies"] == first["vacancies_no_ai"] > 0.0
    unit = result.occupations.loc[result.occupations["occupation_code"] == "43-9002"]
    assert_allclose(unit["required_labour"].iloc[0], unit["employment_no_ai"], rtol=1e-9)
    for column in ("employment_no_ai", "unemployed_no_ai", "vacancies_no_ai"):
        assert_allclose(unit[column], unit[column].iloc[0], rtol=1e-8)


def test_the_no_ai_world_stays_at_its_steady_state_at_the_default_entry_elasticity(
    toy_scenario, toy_tables
):
    """Where no occupation's required labour moves (every elasticity 1, no trend, no cycle),
    the open vacancies stay at the reference, entrants fill the share eta and the no-AI
    world stays where it starts, with the default elasticity of entry (0.31)."""
    unit_elastic = {"43-9001": 1.0, "43-9002": 1.0, "43-9003": 1.0}
    scenario = derive(toy_scenario, {"demand.elasticity_by_occupation": unit_elastic})
    assert scenario.labor.entry_vacancy_elasticity == 0.31
    frame = run(scenario, tables=toy_tables).occupations
    for code, occupation in frame.groupby("occupation_code"):
        for column in ("employment_no_ai", "unemployed_no_ai", "vacancies_no_ai"):
            assert_allclose(occupation[column], occupation[column].iloc[0], rtol=1e-8, err_msg=code)
