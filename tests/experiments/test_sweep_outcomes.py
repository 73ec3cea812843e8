"""Sweep outcomes from a finished run, and the occupation layout a worker reuses across runs."""

from __future__ import annotations

import pytest

from sim.experiments.runner import advance_to_horizon
from sim.experiments.sweep_outcomes import OutcomeLayout, run_outcomes
from sim.io.sweep_files import OutcomeSpec
from sim.model import LaborMarketModel
from tests.conftest import make_tables

SPEC = OutcomeSpec(by_major_group=True, occupations=["43-9003", "15-1252", "43-9001"])


def _finished(tables, scenario) -> LaborMarketModel:
    return advance_to_horizon(LaborMarketModel(scenario, tables, seed=3))


def _values(rows) -> dict[tuple[str, int, str], float]:
    return {(r.outcome, r.year, r.scope): r.value for r in rows}


def test_outcomes_match_the_run_frames(toy_tables, toy_scenario):
    model = _finished(toy_tables, toy_scenario)
    values = _values(run_outcomes(model, SPEC, (2030, 2035)))
    frame = model.recorder.occupation_frame(2025)
    year = frame[frame["year"] == 2035].set_index("occupation_code")
    by_code = year["employment"] / year["employment_no_ai"] - 1
    assert values[("employment_vs_no_ai", 2035, "occ:43-9003")] == pytest.approx(
        by_code["43-9003"], rel=1e-12
    )
    group = year["employment"].sum() / year["employment_no_ai"].sum() - 1
    assert values[("employment_vs_no_ai", 2035, "soc:43")] == pytest.approx(group, rel=1e-12)
    assert ("employment_vs_no_ai", 2035, "occ:15-1252") not in values  # not in the data
    scopes = [scope for (_, year_, scope) in values if year_ == 2030]
    assert scopes.count("occ:43-9001") == 1


def test_a_reused_layout_gives_the_same_rows_and_a_stale_one_is_replaced(toy_tables, toy_scenario):
    first = _finished(toy_tables, toy_scenario)
    layout = OutcomeLayout.of(first.inputs, SPEC)
    second = _finished(toy_tables, toy_scenario)
    assert layout.fits(second.inputs)
    assert run_outcomes(second, SPEC, (2035,), layout) == run_outcomes(second, SPEC, (2035,))
    other_tables = make_tables(
        [
            {"occupation_code": "15-1252", "major_group_code": "15-0000"},
            {"occupation_code": "43-9003", "economic_value": 0.8, "physical_barrier": 0.2},
            {"occupation_code": "43-9002", "task_definedness": 0.6},
            {"occupation_code": "43-9001", "task_definedness": 0.9, "data_availability": 0.9},
        ]
    )
    other = _finished(other_tables, toy_scenario)
    assert not layout.fits(other.inputs)
    rows = _values(run_outcomes(other, SPEC, (2035,), layout))
    fresh = _values(run_outcomes(other, SPEC, (2035,)))
    assert rows == fresh
    assert {"soc:15", "soc:43", "occ:15-1252", "occ:43-9003"} <= {s for (_, _, s) in rows}
