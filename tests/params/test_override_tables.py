"""Override tables: unknown codes refused with suggestions, "unset" removes a default."""

import pytest

from sim.errors import ScenarioError
from sim.experiments.runner import run
from sim.io.scenario_files import load_scenario
from sim.params.defaults import DEFAULT_ELASTICITY_BY_OCCUPATION
from sim.params.scenario import Scenario, derive, scenario_from_mapping


@pytest.mark.parametrize(
    ("field", "key", "value", "message"),
    [
        (
            "demand.elasticity_by_occupation",
            "43-9004",
            1.0,
            "unknown occupation code '43-9004' \\(did you mean '43-900",
        ),
        ("demand.elasticity_by_major_group", "29", 0.3, "unknown major group '29'"),
        ("adoption.regulatory_slowdown_by_occupation", "11-1011", 2.0, "unknown occupation"),
        (
            "adoption.regulatory_slowdown_by_major_group",
            "44",
            2.0,
            "unknown major group '44'; allowed: major groups of .* \\(43\\)",
        ),
        ("occupations.employment_overrides", "43-9010", 5.0, "unknown occupation code '43-9010'"),
        (
            "adoption_regulation.delay_years_by_occupation",
            "15-9999",
            10.0,
            "unknown occupation code '15-9999'",
        ),
        ("adoption_regulation.delay_years_by_major_group", "29", 3.0, "unknown major group '29'"),
    ],
)
def test_unknown_codes_are_refused_before_any_step(
    toy_scenario, toy_tables, field, key, value, message
):
    scenario = derive(toy_scenario, {field: {key: value}})
    with pytest.raises(ScenarioError, match=f"field '{field}': {message}"):
        run(scenario, tables=toy_tables)


def test_default_entries_for_codes_absent_from_small_data_are_not_errors(toy_scenario, toy_tables):
    assert "29-1224" in toy_scenario.demand.elasticity_by_occupation
    run(derive(toy_scenario, {"run.horizon_year": 2027}), tables=toy_tables)


def test_unset_removes_a_default_and_survives_the_metadata_round_trip():
    scenario = scenario_from_mapping(
        {
            "demand": {
                "elasticity_source": "major_group",
                "elasticity_by_occupation": {"29-1224": "unset"},
            },
            "adoption": {"regulatory_slowdown_by_major_group": {"29": "unset"}},
        }
    )
    assert "29-1224" not in scenario.demand.elasticity_by_occupation
    assert "29" not in scenario.adoption.regulatory_slowdown_by_major_group
    assert set(scenario.demand.elasticity_by_occupation) == set(
        DEFAULT_ELASTICITY_BY_OCCUPATION
    ) - {"29-1224"}
    dumped = scenario.to_dict()
    assert dumped["demand"]["elasticity_by_occupation"]["29-1224"] == "unset"
    assert scenario_from_mapping(dumped) == scenario
    assert Scenario().to_dict()["demand"]["elasticity_by_occupation"] == (  # nothing removed
        DEFAULT_ELASTICITY_BY_OCCUPATION
    )


def test_unset_through_extends_and_other_strings_refused(tmp_path):
    (tmp_path / "parent.toml").write_text(
        '[adoption.regulatory_slowdown_by_occupation]\n"29-1224" = 4.0\n'
    )
    child = tmp_path / "child.toml"
    child.write_text(
        'extends = "parent.toml"\n'
        '[adoption.regulatory_slowdown_by_occupation]\n"29-1224" = "unset"\n'
    )
    assert load_scenario(child).adoption.regulatory_slowdown_by_occupation == {}
    child.write_text(
        '[demand]\nelasticity_source = "major_group"\n'
        '[demand.elasticity_by_occupation]\n"29-1224" = "remove"\n'
    )
    with pytest.raises(ScenarioError, match="elasticity_by_occupation.29-1224' = 'remove'"):
        load_scenario(child)


def test_overrides_cannot_empty_the_economy(toy_scenario, toy_tables):
    zero = {code: 0.0 for code in ("43-9001", "43-9002", "43-9003")}
    with pytest.raises(ScenarioError, match="total base employment is 0 after the overrides"):
        run(derive(toy_scenario, {"occupations.employment_overrides": zero}), tables=toy_tables)


def test_employment_overrides_held_to_the_data_bound_and_a_world_sized_total(
    toy_scenario, toy_tables
):
    one = derive(toy_scenario, {"occupations.employment_overrides": {"43-9001": 1e9}})
    with pytest.raises(
        ScenarioError, match="'43-9001' = 1e\\+09 persons; allowed: at most 2e\\+08"
    ):
        run(one, tables=toy_tables)
    many = {f"43-900{i}": 2e8 for i in (1, 2, 3)}
    ok = derive(toy_scenario, {"occupations.employment_overrides": many})
    run(derive(ok, {"run.horizon_year": 2026}), tables=toy_tables)  # 6e8 in total: allowed


def test_base_employment_beyond_the_worlds_labour_force_is_refused(toy_scenario):
    import numpy as np

    from sim.model.override_check import _employment_problems

    rows = {f"11-10{i:02d}": i for i in range(25)}
    scenario = derive(toy_scenario, {"occupations.employment_overrides": dict.fromkeys(rows, 2e8)})
    (problem,) = _employment_problems(scenario, rows, np.zeros(25))
    assert "base employment totals 5e+09 persons after the overrides; allowed: at most 4e+09" in (
        problem
    )
