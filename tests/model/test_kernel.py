"""The compiled step loop against the numpy mechanism functions it fuses.

Every recorded array of whole runs on the real occupation data must match the
reference loop (:mod:`tests.model.reference_loop`) within floating-point
summation order: the baseline, and scenarios that switch on each branch of
the loop (labour-force ceiling binding, retraining, recycling off, a
non-integer saturation steepness, partial price pass-through, a bargaining
share other than 0.5, adoption regulation, no floor on negligible pools).
"""

import hashlib
from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose

from sim.experiments.runner import load_tables
from sim.io.scenario_files import load_scenario
from sim.model import LaborMarketModel
from sim.params.scenario import derive
from tests.model.reference_loop import reference_run

BASELINE = Path(__file__).resolve().parents[2] / "scenarios" / "baseline.toml"
#: Sums run in occupation order in the loop and pairwise in numpy: relative
#: differences of ~1e-15 per sum, ~1e-10 after 360 steps on small pools.
RELATIVE = 1e-9
#: Absolute floor, persons (or USD for the wage totals, of ~1e13).
ABSOLUTE = 1e-6
SHORT = {"run.horizon_year": 2040}

VARIANTS = {
    "baseline": {},
    "ceiling binds": {**SHORT, "labor.labour_force_ceiling_multiple": 1.0},
    "retraining": {**SHORT, "retraining.participation_share": 0.3},
    "no recycling, soft saturation": {
        **SHORT,
        "demand.spending_recycling_share": 0.0,
        "demand.saturation_steepness": 1.5,
        "demand.saturation_output_multiple": 3.0,
    },
    "partial pass-through, bargaining 0.7": {
        **SHORT,
        "demand.price_pass_through": 0.6,
        "wages.bargaining_share": 0.7,
    },
    "regulation delay": {**SHORT, "adoption_regulation.delay_years_by_major_group": {"23": 5}},
    "no pool floor": {**SHORT, "reallocation.negligible_pool_persons": 0.0},
}


@pytest.fixture(scope="module")
def baseline_scenario():
    return load_scenario(BASELINE)


@pytest.fixture(scope="module")
def tables(baseline_scenario):
    return load_tables(baseline_scenario)


@pytest.mark.parametrize("variant", VARIANTS)
def test_compiled_loop_matches_the_numpy_reference(baseline_scenario, tables, variant):
    scenario = derive(baseline_scenario, VARIANTS[variant])
    compiled = LaborMarketModel(scenario, tables)
    compiled.run_to_horizon()
    reference = reference_run(LaborMarketModel(scenario, tables))
    history = compiled.recorder.history
    for name, got, expected in zip(
        history._fields, history, reference.recorder.history, strict=True
    ):
        assert_allclose(got, expected, rtol=RELATIVE, atol=ABSOLUTE, err_msg=f"{variant}: {name}")
    assert len(compiled.recorder.moves) == len(reference.recorder.moves) == scenario.n_steps // 12
    assert_allclose(
        np.stack(compiled.recorder.moves),
        np.stack(reference.recorder.moves),
        rtol=RELATIVE,
        atol=ABSOLUTE,
    )
    # the variant really takes its branch
    assert history.unemployed[-1, 0].sum() > 1_000.0


def test_the_ceiling_variant_binds(baseline_scenario, tables):
    scenario = derive(baseline_scenario, VARIANTS["ceiling binds"])
    model = LaborMarketModel(scenario, tables)
    model.run_to_horizon()
    ceiling = float(model.inputs.base_employment.sum())
    assert model.recorder.history.employment.sum(axis=-1).max() <= ceiling * (1 + 1e-12)
    assert model.demand.required_labour.sum(axis=-1).max() > ceiling


def test_retraining_variant_moves_workers_along_retraining_edges(baseline_scenario, tables):
    scenario = derive(baseline_scenario, VARIANTS["retraining"])
    model = LaborMarketModel(scenario, tables)
    model.run_to_horizon()
    search_edges = model.inputs.mobility.search.nnz
    flows = np.stack(model.recorder.moves)
    assert flows[:, :, search_edges:].sum() > 0.0


def test_stepping_one_at_a_time_equals_one_call(baseline_scenario, tables):
    scenario = derive(baseline_scenario, SHORT)
    stepped = LaborMarketModel(scenario, tables)
    for _ in range(scenario.n_steps):
        stepped.step()
    at_once = LaborMarketModel(scenario, tables)
    at_once.run_to_horizon()
    for got, expected in zip(stepped.recorder.history, at_once.recorder.history, strict=True):
        np.testing.assert_array_equal(got, expected)
    assert stepped.steps == at_once.steps == scenario.n_steps
    assert not stepped.running
    assert not at_once.running


def test_computing_ahead_of_the_clock_gives_the_same_run(baseline_scenario, tables):
    scenario = derive(baseline_scenario, SHORT)
    ahead = LaborMarketModel(scenario, tables)
    ahead.compute_to_horizon()
    assert ahead.steps == 0
    assert ahead.running
    at_once = LaborMarketModel(scenario, tables)
    at_once.run_to_horizon()
    for got, expected in zip(ahead.recorder.history, at_once.recorder.history, strict=True):
        np.testing.assert_array_equal(got, expected)
    ahead.run_for(scenario.n_steps)  # the clock catches up without computing again
    assert ahead.steps == scenario.n_steps
    assert not ahead.running
    for got, expected in zip(ahead.recorder.history, at_once.recorder.history, strict=True):
        np.testing.assert_array_equal(got, expected)


def test_agents_read_the_state_after_the_loop(baseline_scenario, tables):
    scenario = derive(baseline_scenario, SHORT)
    model = LaborMarketModel(scenario, tables)
    model.run_to_horizon()
    agent = next(iter(model.agents))
    assert agent.employment == model.recorder.history.employment[-1, 0, agent.row]
    assert agent.unemployed == model.recorder.history.unemployed[-1, 0, agent.row]


def test_state_handed_out_is_a_copy(baseline_scenario, tables):
    scenario = derive(baseline_scenario, SHORT)
    model = LaborMarketModel(scenario, tables)
    model.step()
    employment = model.labor.employment
    before = employment.copy()
    model.step()
    np.testing.assert_array_equal(employment, before)
    assert not np.array_equal(model.labor.employment, before)


def test_no_step_past_the_horizon(baseline_scenario, tables):
    scenario = derive(baseline_scenario, {"run.horizon_year": 2026})
    model = LaborMarketModel(scenario, tables)
    model.run_to_horizon()
    with pytest.raises(RuntimeError, match="step"):
        model._advance(model.config.n_steps + 1, model.config.n_steps + 2)


def test_cached_loop_is_recompiled_when_a_stage_changes():
    from sim.model import kernel

    folder = Path(kernel.__file__).parent
    sources = (folder / "kernel_stages.py").read_bytes() + (
        folder / "kernel_matching.py"
    ).read_bytes()
    digest = hashlib.sha256(sources).hexdigest()[:16]
    assert kernel.STAGES_DIGEST == digest, (
        f"kernel_stages.py or kernel_matching.py changed: set STAGES_DIGEST = {digest!r} "
        "in sim/model/kernel.py so Numba recompiles the cached loop"
    )
