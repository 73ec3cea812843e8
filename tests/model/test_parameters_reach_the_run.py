"""Every parameter reaches the run: perturbing it, alone, changes the run's frames.

Each numeric parameter (and each per-group or per-occupation table) is moved
from the base scenario to another value within its valid range, and the run's
output frames must differ from the base run's.  A parameter declared and never
wired into the model fails here.  Parameters that matter only in one mode are
perturbed in that mode (:data:`MODES`): the elasticity quantile with estimated
elasticities, the major-group elasticities with the major-group table,
retraining reach and cost with retraining on, the compute-governance start
year with a growth limit, saturation steepness with saturation on; bounds and switch years
are moved to where they bind within the run (:data:`BINDING`).

The base run is the shipped data over a short horizon (2025-2032, monthly),
so the check stays a few seconds.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from sim.errors import ScenarioError
from sim.experiments.runner import load_tables, run
from sim.io.scenario_files import load_scenario
from sim.params.scenario import Scenario, derive
from tests.strategies import NUMERIC_FIELDS

BASELINE = Path(__file__).resolve().parents[2] / "scenarios" / "baseline.toml"
SHORT = {"run.horizon_year": 2032}
#: Parameters that set the run's shape (every frame changes trivially).
SHAPE = {"run.base_year", "run.horizon_year", "run.steps_per_year"}

#: The mode each parameter needs to matter (overrides applied before the perturbation).
MODES: dict[str, dict[str, Any]] = {
    "demand.elasticity_quantile": {"demand.elasticity_source": "estimated"},
    "demand.elasticity_by_major_group": {"demand.elasticity_source": "major_group"},
    "demand.elasticity_by_occupation": {"demand.elasticity_source": "major_group"},
    "retraining.reach_per_occupation": {"retraining.participation_share": 0.25},
    "retraining.cost_usd_per_participant_year": {"retraining.participation_share": 0.25},
    # the start year moves the growth limit (a cap below the spending of the start
    # year is valid since #19, but the shipped cap is off)
    "compute_governance.start_year": {"compute_governance.max_spending_growth_per_year": 1.5},
    "demand.saturation_steepness": {"demand.saturation_output_multiple": 3.0},
    "demand.cycle_period_years": {"demand.cycle_amplitude": 0.03},
    "demand.cycle_fall_share": {"demand.cycle_amplitude": 0.03},
    # with base flows every pool gets new members each step and never becomes negligible;
    # without them (displacement only), pools of shrinking occupations dwindle
    "reallocation.negligible_pool_persons": {
        "labor.separation_rate_per_month": 0.0,
        "labor.unemployment_entry_rate_per_month": 0.0,
        "labor.max_layoff_rate_per_year": 0.3,
    },
}

#: Bounds and switch years that act only once reached: the value they are moved to,
#: inside the valid range and inside the short run (the nearest value would not bind).
BINDING: dict[str, float] = {
    "demand.baseline_trend_end_year": 2028.0,  # the trend stops within the run
    "labor.max_hiring_rate_per_year": 0.01,  # growing occupations hit the hiring cap
    # with cyclical separations (labor.separation_response) declining occupations shed
    # workers with their positions, within 15%/year to 2032: the cap binds lower
    "labor.max_layoff_rate_per_year": 0.01,
    "labor.labour_force_ceiling_multiple": 1.0,  # required labour exceeds the ceiling
    "reallocation.negligible_pool_persons": 1.0,  # dwindling pools close below a person
    "compute_governance.start_year": 2029.0,  # the cap starts within the run
    "compute_governance.max_spending_growth_per_year": 1.05,  # the growth limit binds
    # at the base labour share, employment above required labour x (A / A0)^(1 - phi) sheds
    "labor.max_labour_share": 0.56,
}

#: Table-valued parameters: one entry set (for a major group or occupation of the data).
TABLES: dict[str, dict[str, float]] = {
    "demand.elasticity_by_major_group": {"15": 3.0},
    "demand.elasticity_by_occupation": {"15-1252": 3.0},
    "adoption.regulatory_slowdown_by_major_group": {"15": 5.0},
    "adoption.regulatory_slowdown_by_occupation": {"15-1252": 5.0},
    "adoption_regulation.delay_years_by_major_group": {"15": 5.0},
    "adoption_regulation.delay_years_by_occupation": {"15-1252": 5.0},
    "occupations.employment_overrides": {"15-1252": 2_000_000.0},
}


def current(scenario: Scenario, dotted: str) -> Any:
    block, name = dotted.split(".", 1)
    return getattr(getattr(scenario, block), name)


def candidates(value: float, low: float | None, high: float | None, integer: bool) -> list:
    """Values near ``value`` inside [low, high], the nearest first."""
    low = 0.0 if low is None else low
    high = math.inf if high is None else high
    if integer:
        steps = [value + 1, value - 1]
    elif value == 0.0:
        steps = [min(0.1, high), min(1.0, high)]
    elif math.isinf(value):
        steps = [max(low, 2.0) * 2.0]
    else:
        steps = [value * 1.25, value * 0.8, (value + high) / 2 if math.isfinite(high) else 0]
    return [v for v in steps if low <= v <= high and v != value]


def perturbed(base: Scenario, name: str, low, high, integer) -> Scenario:
    """``base`` with ``name`` moved to a valid value near its own (or to :data:`BINDING`)."""
    if name in BINDING:
        return derive(base, {name: BINDING[name]})
    value = current(base, name)
    if value is None:  # an optional setting, off: set it
        value = 100.0
        return derive(base, {name: value})
    for candidate in candidates(float(value), low, high, integer):
        try:
            return derive(base, {name: int(candidate) if integer else candidate})
        except ScenarioError:
            continue
    raise AssertionError(f"{name}: no other valid value near {value}")


def fingerprint(scenario: Scenario, tables) -> list[pd.DataFrame]:
    result = run(scenario, tables=tables)
    frames = [result.economy, result.occupations]
    if result.transitions is not None:
        frames.append(result.transitions)
    return frames


def same_frames(a: list[pd.DataFrame], b: list[pd.DataFrame]) -> bool:
    if len(a) != len(b):
        return False
    return all(x.shape == y.shape and x.equals(y) for x, y in zip(a, b, strict=True))


@pytest.fixture(scope="module")
def base_scenario() -> Scenario:
    return derive(load_scenario(BASELINE), SHORT)


@pytest.fixture(scope="module")
def tables(base_scenario):
    return load_tables(base_scenario)


@pytest.fixture(scope="module")
def base_runs(base_scenario, tables):
    """The base run of each mode, computed once."""
    cache: dict[tuple, list[pd.DataFrame]] = {}

    def of(mode: dict[str, Any]) -> tuple[Scenario, list[pd.DataFrame]]:
        key = tuple(sorted(mode.items()))
        scenario = derive(base_scenario, mode) if mode else base_scenario
        if key not in cache:
            cache[key] = fingerprint(scenario, tables)
        return scenario, cache[key]

    return of


@pytest.mark.parametrize(
    ("name", "low", "high", "integer"),
    [field for field in NUMERIC_FIELDS if field[0] not in SHAPE],
    ids=[field[0] for field in NUMERIC_FIELDS if field[0] not in SHAPE],
)
def test_each_numeric_parameter_changes_the_run(base_runs, tables, name, low, high, integer):
    base, frames = base_runs(MODES.get(name, {}))
    changed = perturbed(base, name, low, high, integer)
    assert current(changed, name) != current(base, name)
    assert not same_frames(fingerprint(changed, tables), frames), (
        f"{name}: moved from {current(base, name)} to {current(changed, name)}, "
        "and no output of the run changed (declared but not used, or a mode missing in MODES)"
    )


@pytest.mark.parametrize("name", TABLES)
def test_each_table_parameter_changes_the_run(base_runs, tables, name):
    base, frames = base_runs(MODES.get(name, {}))
    changed = derive(base, {name: TABLES[name]})
    assert not same_frames(fingerprint(changed, tables), frames), (
        f"{name}: set to {TABLES[name]} and no output of the run changed"
    )


def test_every_table_parameter_is_listed():
    tables = set()
    for block, block_field in Scenario.model_fields.items():
        model = block_field.annotation
        for name, field in getattr(model, "model_fields", {}).items():
            if getattr(field.annotation, "__origin__", None) is dict:
                tables.add(f"{block}.{name}")
    assert tables == set(TABLES)
