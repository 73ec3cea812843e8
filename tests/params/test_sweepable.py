"""Sampling ranges and roles live in the one parameter declaration."""

from __future__ import annotations

import pytest

from sim.errors import ScenarioError
from sim.params._field import Plausible, Role, param
from sim.params.sweepable import declared, sweepable

MAIN_UNCERTAINTIES = {
    "capability.hardware_doubling_years",
    "capability.spending_growth_per_year",
    "capability.spending_ceiling_usd_billion",
    "capability.algorithmic_halving_months",
    "capability.horizon_reference_minutes",
    "capability.horizon_doublings_per_oom",
    "capability.physical_lag_doublings",
    "capability.physical_growth_ratio",
    "exposure.readiness_span_doublings",
    "exposure.success_slope_per_doubling",
    "exposure.autonomy_success_rate",
    "adoption.bass_innovation_per_year",
    "adoption.bass_imitation_per_year",
    "adoption.assisted_speedup",
    "adoption.autonomous_speedup",
    "demand.elasticity_quantile",
    "closure.policy_offset_share",
}


def test_main_uncertainties_are_declared_with_plausible_ranges_inside_valid_ranges():
    uncertainties = {item.name: item for item in declared(Role.UNCERTAINTY)}
    assert MAIN_UNCERTAINTIES <= set(uncertainties)
    for item in uncertainties.values():
        assert item.plausible is not None, item.name
        assert item.admits(item.plausible.low), item.name
        assert item.admits(item.plausible.high), item.name
        assert item.plausible.low <= item.default <= item.plausible.high, item.name
        assert item.plausible.source, item.name


def test_levers_are_declared():
    assert "labor.reemployment_rate_per_year" in {item.name for item in declared(Role.LEVER)}


def test_a_plausible_range_outside_the_valid_range_is_refused_at_declaration():
    with pytest.raises(ValueError, match="leaves the valid range"):
        param(
            0.5,
            unit="share",
            description="d",
            source="s",
            ge=0.0,
            le=1.0,
            role=Role.UNCERTAINTY,
            plausible=Plausible(0.2, 1.2, source="assumption"),
        )
    with pytest.raises(ValueError, match="needs a plausible range"):
        param(0.5, unit="share", description="d", source="s", role=Role.UNCERTAINTY)


def test_table_entries_resolve_with_their_value_bounds():
    entry = sweepable("adoption.regulatory_slowdown_by_major_group.29")
    assert entry.default == 3.0
    assert (entry.lower, entry.upper) == (1.0, 100.0)
    assert sweepable("adoption.regulatory_slowdown_by_major_group.11").default == 1.0


def test_unknown_names_get_suggestions():
    with pytest.raises(ScenarioError, match="did you mean 'demand.elasticity_floor'"):
        sweepable("demand.elasticity_flor")
    with pytest.raises(ScenarioError, match="is a table; vary one entry"):
        sweepable("demand.elasticity_by_major_group")
