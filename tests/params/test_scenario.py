"""Scenario files: validation messages, inheritance, round trips."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.errors import ScenarioError
from sim.io.scenario_files import load_scenario
from sim.params import CapabilityParams
from sim.params.messages import field_bounds
from sim.params.scenario import Scenario, derive, scenario_from_mapping

SCENARIO_DIR = Path(__file__).resolve().parents[2] / "scenarios"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_unknown_key_rejected_with_suggestion(tmp_path):
    path = write(tmp_path, "typo.toml", "[capability]\nspending_growth_per_yer = 3.0\n")
    with pytest.raises(
        ScenarioError,
        match=r"typo\.toml: unknown key "
        r"'capability\.spending_growth_per_yer' \(did you mean "
        r"'spending_growth_per_year'[ ?]",
    ):
        load_scenario(path)


def test_unknown_block_lists_valid_keys(tmp_path):
    path = write(tmp_path, "block.toml", "[capabilty]\nx = 1\n")
    with pytest.raises(ScenarioError, match=r"unknown key 'capabilty'.*'capability'"):
        load_scenario(path)


def test_out_of_range_names_file_field_value_and_range(tmp_path):
    path = write(tmp_path, "range.toml", "[adoption]\ninitial_adopter_share = 1.5\n")
    with pytest.raises(
        ScenarioError,
        match=r"range\.toml: field 'adoption\."
        r"initial_adopter_share' = 1\.5: .*allowed: \[0, 1\] share",
    ):
        load_scenario(path)


def test_range_of_dict_entries_is_reported(tmp_path):
    path = write(tmp_path, "d.toml", '[demand.elasticity_by_major_group]\n"29" = 40\n')
    with pytest.raises(ScenarioError, match=r"elasticity_by_major_group\.29' = 40.*\[0, 10\]"):
        load_scenario(path)


def test_cross_field_check(tmp_path):
    path = write(tmp_path, "x.toml", "[run]\nbase_year = 2030\nhorizon_year = 2030\n")
    with pytest.raises(ScenarioError, match="horizon_year .* must be later than base_year"):
        load_scenario(path)


def test_max_labour_share_below_the_base_share_is_refused(tmp_path):
    text = "[labor]\nmax_labour_share = 0.5\n[wages]\nbase_labour_share = 0.56\n"
    path = write(tmp_path, "x.toml", text)
    with pytest.raises(ScenarioError, match=r"labor.max_labour_share \(0.5\) is below"):
        load_scenario(path)


def test_invalid_toml_and_missing_file(tmp_path):
    with pytest.raises(ScenarioError, match=r"bad\.toml: not valid TOML"):
        load_scenario(write(tmp_path, "bad.toml", "[run\n"))
    with pytest.raises(ScenarioError, match=r"nope\.toml: scenario file not found"):
        load_scenario(tmp_path / "nope.toml")


def test_extends_merges_tables_and_keeps_child_identity(tmp_path):
    write(
        tmp_path,
        "parent.toml",
        'description = "parent"\n[capability]\n'
        "hardware_doubling_years = 2.0\nalgorithmic_halving_months = 10.0\n",
    )
    child = write(
        tmp_path,
        "child.toml",
        'extends = "parent.toml"\ndescription = "child"\n'
        "[capability]\nalgorithmic_halving_months = 16.0\n",
    )
    scenario = load_scenario(child)
    assert scenario.name == "child"
    assert scenario.description == "child"
    assert scenario.capability.hardware_doubling_years == 2.0
    assert scenario.capability.algorithmic_halving_months == 16.0


def test_extends_cycle_is_reported(tmp_path):
    write(tmp_path, "a.toml", 'extends = "b.toml"\n')
    write(tmp_path, "b.toml", 'extends = "a.toml"\n')
    with pytest.raises(ScenarioError, match="cycle"):
        load_scenario(tmp_path / "a.toml")


def test_group_overrides_merge_with_defaults():
    scenario = derive(
        Scenario(),
        {
            "demand.elasticity_source": "major_group",
            "demand.elasticity_by_major_group": {"29": 0.5},
        },
    )
    assert scenario.demand.elasticity_by_major_group["29"] == 0.5
    assert scenario.demand.elasticity_by_major_group["41"] == 1.5


@given(halving=st.floats(1.0, 600.0), growth=st.floats(1.0, 20.0), seed=st.integers(0, 2**40))
def test_round_trip_through_plain_data(halving, growth, seed):
    scenario = derive(
        Scenario(seed=seed),
        {
            "capability.algorithmic_halving_months": halving,
            "capability.spending_growth_per_year": growth,
        },
    )
    assert scenario_from_mapping(scenario.to_dict()) == scenario


BOUNDED = [
    (name, field) for name, field in CapabilityParams.model_fields.items() if field_bounds(field)
]


@pytest.mark.parametrize(("name", "field"), BOUNDED)
def test_any_out_of_range_capability_field_raises(name, field):
    upper = next(m.le for m in field.metadata if getattr(m, "le", None) is not None)
    with pytest.raises(ScenarioError, match=f"capability.{name}"):
        derive(Scenario(), {f"capability.{name}": upper * 10 + 1})


def test_every_shipped_scenario_loads_with_description():
    files = sorted(SCENARIO_DIR.glob("*.toml"))
    assert {
        "baseline",
        "seed-podcast",
        "spending-plateau",
        "fast-algorithms",
        "regulatory-inertia",
    } <= {f.stem for f in files}
    for path in files:
        scenario = load_scenario(path)
        assert scenario.description.strip(), path


@pytest.mark.parametrize(
    ("block", "key"),
    [
        ("demand", "spending_recycling_share"),
        ("labor", "base_openings_rate"),
        ("labor", "base_unemployment_rate"),
    ],
)
def test_removed_keys_say_what_replaced_them(tmp_path, block, key):
    path = write(tmp_path, "old.toml", f"[{block}]\n{key} = 0.04\n")
    with pytest.raises(ScenarioError, match=rf"old\.toml: unknown key '{block}\.{key}': removed"):
        load_scenario(path)
