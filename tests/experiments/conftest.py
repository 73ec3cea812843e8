"""Sweep fixtures: the toy economy of tests/conftest.py written to disk, a base scenario, specs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import make_tables
from tests.data_dirs import write_tables

BASE_SCENARIO = """
schema_version = 1
seed = 7
[run]
horizon_year = 2035
steps_per_year = {steps}
[occupations]
path = "occupations"
[exposure]
difficulty_ready_log2_minutes = 0.0
readiness_span_doublings = 16.0
[demand]
elasticity_source = "major_group"   # the toy tables have no elasticities.csv
"""

SPEC = """
name = "toy"
base = "base.toml"
sampler = "{sampler}"
samples = {samples}
replications = {replications}
seed = 11
[uncertainties]
"closure.policy_offset_share" = {{}}
"capability.algorithmic_halving_months" = {{}}
[levers]
"labor.reemployment_rate_per_year" = {{ values = [1.5, 4.0] }}
[outcomes]
years = [2030, "horizon"]
by_major_group = true
occupations = ["43-9001"]
yearly_totals = true
[[discovery]]
outcome = "employment_vs_no_ai"
year = "horizon"
below = {below}
"""


def write_toy_sweep(
    directory: Path,
    *,
    sampler: str = "latin_hypercube",
    samples: int = 8,
    replications: int = 2,
    steps: int = 12,
    below: float = 0.0,
) -> Path:
    """Write toy occupation tables, a base scenario and a sweep spec; return the spec path."""
    tables = make_tables(
        [
            {"occupation_code": "43-9001", "task_definedness": 0.9, "data_availability": 0.9},
            {"occupation_code": "43-9002", "task_definedness": 0.6},
            {"occupation_code": "43-9003", "economic_value": 0.8, "physical_barrier": 0.2},
        ]
    )
    write_tables(tables, directory / "occupations")
    (directory / "base.toml").write_text(BASE_SCENARIO.format(steps=steps))
    spec = directory / "toy.toml"
    spec.write_text(
        SPEC.format(sampler=sampler, samples=samples, replications=replications, below=below)
    )
    return spec


@pytest.fixture
def toy_spec(tmp_path: Path) -> Path:
    """A 2 lever points x 8 LHS samples x 2 replications sweep (32 runs) of the toy economy."""
    return write_toy_sweep(tmp_path)
