"""Dashboard controls come from the parameter declarations, and validate like scenario files."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.dashboard.controls import (
    SLIDER_POSITIONS,
    Control,
    apply_overrides,
    available_controls,
    current_value,
    make_control,
    round_significant,
)
from sim.errors import ScenarioError
from sim.params import CapabilityParams, DemandParams, Scenario


def _controls() -> dict[str, Control]:
    return {c.path: c for _, group in available_controls() for c in group}


def test_slider_ranges_units_and_help_are_the_declarations():
    control = _controls()["capability.hardware_doubling_years"]
    field = CapabilityParams.model_fields["hardware_doubling_years"]
    assert (control.low, control.high) == (0.3, 50.0)
    assert control.unit == "years"
    assert field.description in control.help
    assert control.log_scale  # 50 / 0.3 > 100
    assert not _controls()["capability.spending_growth_per_year"].log_scale  # 1 .. 20


def test_choices_and_dict_entries_come_from_their_types():
    controls = _controls()
    assert controls["exposure.source"].choices == ("criteria", "eloundou", "frey_osborne")
    slowdown = controls["adoption.regulatory_slowdown_by_major_group"]
    assert slowdown.kind == "keyed"
    assert (slowdown.low, slowdown.high) == (1.0, 100.0)  # the Slowdown value type


def test_every_control_names_a_declared_field():
    scenario = Scenario()
    for path, control in _controls().items():
        value = current_value(scenario, path)
        assert value is not None, path
        if control.kind == "number":
            assert control.low <= value <= control.high, path


def test_unbounded_field_gets_no_slider():
    field = DemandParams.model_fields["saturation_output_multiple"]  # (1, inf]
    assert make_control("demand.saturation_output_multiple", "x", field) is None


@given(st.floats(0.3, 50.0))
def test_slider_position_round_trips_within_one_step(value):
    control = _controls()["capability.hardware_doubling_years"]
    back = control.from_position(control.to_position(value))
    step = (math.log10(50.0) - math.log10(0.3)) / SLIDER_POSITIONS
    assert abs(math.log10(back) - math.log10(value)) <= step / 2 + 2e-3
    assert control.low <= back <= control.high


def test_slider_ends_are_the_declared_bounds():
    control = _controls()["capability.algorithmic_halving_months"]
    assert control.from_position(0) == 1.0
    assert control.from_position(SLIDER_POSITIONS) == 600.0


def test_round_significant():
    assert round_significant(2.4783) == 2.48
    assert round_significant(0.0012345) == 0.00123
    assert round_significant(0.0) == 0.0


def test_overrides_apply_to_scalars_and_dict_entries():
    base = Scenario()
    changed = apply_overrides(
        base,
        {
            "capability.algorithmic_halving_months": 16.0,
            "adoption.regulatory_slowdown_by_major_group.29": 3.0,
        },
    )
    assert changed.capability.algorithmic_halving_months == 16.0
    groups = changed.adoption.regulatory_slowdown_by_major_group
    assert groups["29"] == 3.0
    assert {k: v for k, v in groups.items() if k != "29"} == {
        k: v for k, v in base.adoption.regulatory_slowdown_by_major_group.items() if k != "29"
    }
    assert apply_overrides(base, {}) is base


def test_invalid_override_names_field_and_range():
    with pytest.raises(ScenarioError, match=r"hardware_doubling_years.*\[0\.3, 50\] years"):
        apply_overrides(Scenario(), {"capability.hardware_doubling_years": 0.1})
    with pytest.raises(ScenarioError, match="spending_ceiling_usd_billion"):
        apply_overrides(Scenario(), {"capability.spending_ceiling_usd_billion": 0.1})


def test_elasticity_handle_appears_once_declared():
    controls = _controls()
    quantile = controls["demand.elasticity_quantile"]
    assert (quantile.low, quantile.high) == (0.0, 1.0)
    assert "estimated" in controls["demand.elasticity_source"].choices
    moved = apply_overrides(
        Scenario(), {"demand.elasticity_source": "estimated", "demand.elasticity_quantile": 0.9}
    )
    assert moved.demand.elasticity_quantile == 0.9
