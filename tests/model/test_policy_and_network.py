"""The model with the network, wages and policy levers, on the toy economy."""

import dataclasses
import json

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

from sim.data import validate_transitions
from sim.errors import LaborsimError
from sim.experiments.runner import run
from sim.io.results import load_result
from sim.mechanisms.capability import capability_path
from sim.model import LaborMarketModel
from sim.model.agents import OccupationAgent
from sim.params.scenario import derive


def with_edges(tables, pairs):
    frame = pd.DataFrame(
        [
            {
                "source_code": s,
                "target_code": t,
                "relatedness": 1.0,
                "origin": "related_occupations",
            }
            for s, t in pairs
        ]
    )
    return dataclasses.replace(tables, transitions=validate_transitions(frame, "toy edges"))


def test_adoption_regulation_delays_productivity_by_the_stated_years(toy_scenario, toy_tables):
    free = run(toy_scenario, tables=toy_tables).occupations
    delayed = derive(
        toy_scenario, {"adoption_regulation.delay_years_by_occupation": {"43-9001": 3}}
    )
    held = run(delayed, tables=toy_tables).occupations

    def path(frame, code):
        return frame.loc[frame["occupation_code"] == code, "productivity_multiplier"].to_numpy()

    assert path(free, "43-9001")[-1] > path(free, "43-9001")[0] * 1.2  # a real path to delay
    assert_allclose(path(held, "43-9001")[3:], path(free, "43-9001")[:-3], rtol=1e-12)
    assert_allclose(path(held, "43-9001")[:4], path(free, "43-9001")[0], rtol=1e-12)
    assert_allclose(path(held, "43-9002"), path(free, "43-9002"), rtol=1e-12)


def test_compute_governance_caps_spending_from_start_year(toy_scenario):
    governed = derive(
        toy_scenario,
        {
            "compute_governance.start_year": 2027,
            "compute_governance.max_spending_growth_per_year": 1.5,
            "compute_governance.spending_cap_usd_billion": 5.0,
        },
    )
    years = np.arange(2025, 2036, 0.5)
    free = capability_path(years, toy_scenario.capability).spending_usd_billion
    capped = capability_path(
        years, governed.capability, governed.compute_governance
    ).spending_usd_billion
    before = years < 2027
    assert_allclose(capped[before], free[before])
    assert capped.max() == pytest.approx(5.0)
    assert np.all(
        capped[~before] <= free[2 * (2027 - 2025)] * 1.5 ** (years[~before] - 2027) + 1e-9
    )
    assert free.max() > 10.0


def test_a_spending_cap_below_current_spending_is_a_valid_scenario(toy_scenario, toy_tables):
    # Issue 21: a cap of USD 1B from 2027 lies below the baseline's ~1.3B then, so
    # spending falls to the cap and effective compute dips; capability is the compute
    # reached so far (trained models do not disappear), so exposure stalls, never falls.
    capped = derive(
        toy_scenario,
        {
            "compute_governance.start_year": 2027,
            "compute_governance.spending_cap_usd_billion": 1.0,
        },
    )
    result = run(capped, tables=toy_tables)
    economy = result.economy
    compute = economy["log10_effective_compute"].to_numpy()
    assert np.any(np.diff(compute) < 0)  # the cap really lowers effective compute
    assert economy.loc[economy["year"] < 2027, "spending_usd_billion"].max() > 1.2
    assert economy.loc[economy["year"] >= 2027, "spending_usd_billion"].max() <= 1.0 + 1e-12
    for _, frame in result.occupations.groupby("occupation_code"):
        exposure = frame.sort_values("year")["exposure"].to_numpy()
        assert np.all(np.diff(exposure) >= -1e-12)
    free = run(toy_scenario, tables=toy_tables).occupations
    last = free["year"].max()
    assert (
        result.occupations.loc[result.occupations["year"] == last, "exposure"].sum()
        < free.loc[free["year"] == last, "exposure"].sum()
    )


def test_agents_sit_on_the_mobility_network(toy_scenario, toy_tables):
    tables = with_edges(toy_tables, [("43-9001", "43-9002"), ("43-9002", "43-9003")])
    model = LaborMarketModel(toy_scenario, tables)
    agents = {a.code: a for a in model.agents_by_type[OccupationAgent]}
    neighbours = {c.agents[0].code for c in agents["43-9001"].cell.neighborhood}
    assert neighbours == {"43-9001", "43-9002"}  # the self-loop and the O*NET edge
    assert model.space.G.number_of_nodes() == 3


def test_displaced_toy_workers_move_along_edges(toy_scenario, toy_tables):
    tables = with_edges(toy_tables, [("43-9001", "43-9003")])
    result = run(toy_scenario, tables=tables)
    moved = result.transitions.groupby(["from_code", "to_code"], observed=True)["workers"].sum()
    assert moved[("43-9001", "43-9003")] > 100.0
    assert ("43-9001", "43-9002") not in moved.index
    economy = result.economy
    assert economy["occupation_changes"].sum() == pytest.approx(
        moved[("43-9001", "43-9003")], rel=1e-9
    )
    assert economy["long_term_unemployed"].iloc[-1] <= economy["unemployed"].iloc[-1]


def test_labour_share_starts_at_base_share_and_ai_lowers_it_without_pass_through(
    toy_scenario, toy_tables
):
    partial = derive(toy_scenario, {"demand.price_pass_through": 0.5})
    economy = run(partial, tables=toy_tables).economy
    assert economy["labour_share"].iloc[0] == pytest.approx(0.56)
    assert economy["labour_share"].iloc[-1] < economy["labour_share_no_ai"].iloc[-1] - 0.01


def test_transitions_are_saved_and_loaded_and_old_results_refused(
    toy_scenario, toy_tables, tmp_path
):
    tables = with_edges(toy_tables, [("43-9001", "43-9003")])
    result = run(toy_scenario, tables=tables)
    loaded = load_result(result.save(tmp_path / "run"))
    assert loaded.transitions is not None
    pd.testing.assert_frame_equal(loaded.transitions, result.transitions)
    metadata = tmp_path / "run" / "metadata.json"
    old = json.loads(metadata.read_text())
    old["results_schema_version"] = 1
    metadata.write_text(json.dumps(old))
    with pytest.raises(LaborsimError, match=r"results_schema_version 1 is not supported"):
        load_result(tmp_path / "run")


def test_transitions_can_be_switched_off(toy_scenario, toy_tables, tmp_path):
    quiet = derive(toy_scenario, {"run.record_transitions": False})
    result = run(quiet, tables=toy_tables)
    assert result.transitions is None
    assert load_result(result.save(tmp_path / "run")).transitions is None
