"""The uncertainty ensemble: what it draws, worker-count invariance, resume, classes, drivers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import sim
from sim.cli import _parser
from sim.experiments import ensemble_design
from sim.experiments.design import build_design
from sim.experiments.ensemble import (
    DEFAULT_DRAWS,
    drawn_parameters,
    ensemble_sweep,
    load_ensemble,
    run_ensemble,
)
from sim.experiments.ensemble_stats import (
    DUMMY,
    ROBUST_DECLINE,
    ROBUST_GROWTH,
    SIGN_UNCERTAIN,
    classify,
    either_way,
    pawn_drivers,
    pawn_index,
    ranges,
    sign_probabilities,
)
from sim.experiments.store import DONE, SweepStore
from sim.experiments.sweep_outcomes import EMPLOYMENT, TOTAL, OutcomeRow
from sim.params import Scenario
from sim.params._field import Role
from sim.params.sweepable import Sweepable, declared, sweepable
from sim.rng import named_stream, root_sequence
from tests.experiments.conftest import write_toy_sweep
from tests.experiments.test_sweep import REPO, _kill_after_first_stored_chunk


def _toy_base(tmp_path: Path, steps: int = 12) -> Path:
    write_toy_sweep(tmp_path, steps=steps)
    return tmp_path / "base.toml"


def test_the_ensemble_draws_every_uncertainty_and_only_them_within_plausible_ranges():
    scenario = Scenario()
    sweep = ensemble_sweep(scenario, 64)
    expected = {
        item.name
        for item in declared(Role.UNCERTAINTY)
        if item.plausible is not None and not item.integer
    }
    points = build_design(sweep).points
    names = [factor.name for factor in sweep.uncertainties]
    assert set(names) == expected
    assert len(names) == len(expected)
    assert not sweep.levers
    for name in names:
        item = sweepable(name)
        assert item.role is Role.UNCERTAINTY
        assert item.plausible is not None
        values = points[name]
        assert values.between(item.plausible.low, item.plausible.high).all(), name
        # a Latin hypercube: one draw in each of the 64 equal-probability strata
        assert values.nunique() == 64
    assert sweep.spec.seeds == "independent"  # each draw its own replication noise


def test_a_parameter_the_scenario_sets_is_held_not_drawn():
    first = drawn_parameters(Scenario())[0][0]
    item = sweepable(first)
    assert item.plausible is not None
    scenario = sim.derive(Scenario(), {first: item.plausible.high})
    drawn, held = drawn_parameters(scenario)
    assert held == [first]
    assert first not in drawn
    assert first not in [f.name for f in ensemble_sweep(scenario, 8).uncertainties]


def test_the_draw_list_follows_the_declarations_not_a_list_of_names(monkeypatch):
    real = {item.name: item for item in declared(Role.UNCERTAINTY)}
    chosen = sorted(real)[:2]

    def toy_declared(role: Role) -> list[Sweepable]:
        return [real[name] for name in chosen] if role is Role.UNCERTAINTY else []

    monkeypatch.setattr(ensemble_design, "declared", toy_declared)
    assert [f.name for f in ensemble_sweep(Scenario(), 8).uncertainties] == chosen


def test_uncertainty_option_defaults_to_the_default_draws():
    args = _parser().parse_args(["run", "x.toml", "--uncertainty"])
    assert args.uncertainty == DEFAULT_DRAWS
    assert _parser().parse_args(["run", "x.toml", "--uncertainty", "16"]).uncertainty == 16
    assert _parser().parse_args(["run", "x.toml"]).uncertainty is None


def test_identical_ensemble_on_one_and_two_workers(tmp_path):
    scenario = sim.load_scenario(_toy_base(tmp_path))
    one = run_ensemble(scenario, 24, directory=tmp_path / "one", workers=1)
    two = run_ensemble(scenario, 24, directory=tmp_path / "two", workers=2)
    pd.testing.assert_frame_equal(one.totals, two.totals)
    pd.testing.assert_frame_equal(one.occupations, two.occupations)
    pd.testing.assert_frame_equal(one.drivers, two.drivers)
    with SweepStore(tmp_path / "two", read_only=True) as store:
        assert store.experiments()["worker"].nunique() == 2
    loaded = load_ensemble(tmp_path / "one")
    pd.testing.assert_frame_equal(loaded.occupations, one.occupations)
    assert loaded.meta["draws_done"] == 24
    # the toy base sets readiness_span_doublings away from its default: held, not drawn
    assert "exposure.readiness_span_doublings" in loaded.meta["held"]


def test_resume_after_sigkill_gives_the_uninterrupted_ensemble(tmp_path):
    base = _toy_base(tmp_path, steps=52)
    out = tmp_path / "killed"
    command = [sys.executable, "-m", "sim", "run", str(base), "--out", str(out)]
    command += ["--uncertainty", "96"]
    _kill_after_first_stored_chunk(command)
    with SweepStore(out / "ensemble") as store:
        counts = store.counts()
    assert 0 < counts.get(DONE, 0) < 96, counts  # killed mid-ensemble
    finished = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    assert finished.returncode == 0, finished.stderr
    assert "robust decline" in finished.stdout
    resumed = load_ensemble(out / "ensemble")
    clean = run_ensemble(sim.load_scenario(base), 96, directory=tmp_path / "clean")
    with SweepStore(out / "ensemble", read_only=True) as store:
        outcomes = store.outcomes()
    assert not outcomes.duplicated(["run_id", "outcome", "year", "scope"]).any()
    pd.testing.assert_frame_equal(resumed.occupations, clean.occupations)
    pd.testing.assert_frame_equal(resumed.drivers, clean.drivers)


def test_sign_probabilities_and_classes_of_known_draws():
    draws = np.linspace(0.0, 1.0, 200)
    values = np.column_stack(
        [
            -0.2 - 0.1 * draws,  # always 20-30% below: robust decline
            0.1 + 0.5 * draws,  # always 10-60% above: robust growth
            -0.3 + 0.6 * draws,  # -30% to +30%: either way
            np.zeros_like(draws),  # no effect: neither, not either way
            np.where(draws < 0.8, -0.5, 0.0),  # 80% of draws shrink: not robust
        ]
    )
    probabilities = sign_probabilities(values)
    np.testing.assert_allclose(probabilities["p_shrink"], [1, 0, 0.415, 0, 0.8], atol=0.01)
    np.testing.assert_allclose(probabilities["p_grow"], [0, 1, 0.415, 0, 0], atol=0.01)
    bands = ranges(values)
    np.testing.assert_allclose(bands["median"], [-0.25, 0.35, 0.0, 0.0, -0.5], atol=0.01)
    classes = classify(bands["q05"], bands["q95"])
    assert list(classes) == [ROBUST_DECLINE, ROBUST_GROWTH, SIGN_UNCERTAIN, SIGN_UNCERTAIN,
                             SIGN_UNCERTAIN]  # fmt: skip
    assert list(either_way(probabilities["p_shrink"], probabilities["p_grow"])) == [
        False, False, True, False, False
    ]  # fmt: skip


class ToyEconomy:
    """Outcomes as known functions of the first two drawn parameters (u, v in [0, 1]).

    Occupation 43-9001 always shrinks (-10% to -40%), 43-9002 always grows
    (+10% to +40%), 43-9003 changes sign with u; the total follows u almost alone.
    """

    def __init__(self, scenario: Scenario) -> None:
        self.factors = ensemble_sweep(scenario, 2).uncertainties[:2]

    def __call__(
        self, values: dict[str, float], seed: np.random.SeedSequence
    ) -> tuple[list[OutcomeRow], None]:
        u, v = ((values[f.name] - f.low) / (f.high - f.low) for f in self.factors)
        rows = []
        for year in (2030, 2035):
            rows += [
                OutcomeRow(EMPLOYMENT, year, TOTAL, 10.0 * u + 0.1 * v),
                OutcomeRow(EMPLOYMENT, year, "occ:43-9001", -0.1 - 0.3 * u),
                OutcomeRow(EMPLOYMENT, year, "occ:43-9002", 0.1 + 0.3 * v),
                OutcomeRow(EMPLOYMENT, year, "occ:43-9003", u - 0.5),
            ]
        return rows, None


def test_classes_and_drivers_of_a_toy_economy_with_known_answers(tmp_path):
    scenario = sim.load_scenario(_toy_base(tmp_path))
    toy = ToyEconomy(scenario)
    result = run_ensemble(scenario, 200, directory=tmp_path / "toy", evaluator=toy)
    classes = result.occupations.loc[result.occupations["year"] == 2035].set_index(
        "occupation_code"
    )["classification"]
    assert classes.to_dict() == {
        "43-9001": ROBUST_DECLINE,
        "43-9002": ROBUST_GROWTH,
        "43-9003": SIGN_UNCERTAIN,
    }
    drivers = result.drivers.loc[
        (result.drivers["year"] == 2035) & (result.drivers["scope"] == TOTAL)
    ].set_index("parameter")
    dominant = toy.factors[0].name
    assert drivers.loc[dominant, "rank"] == 1
    assert bool(drivers.loc[dominant, "above_noise"])
    # y ~ u alone: slide s of 10 is KS-distant max(s/10, 0.9 - s/10); the median is 0.65
    assert drivers.loc[dominant, "pawn"] == pytest.approx(0.65, abs=0.07)
    assert not drivers.drop(index=[dominant, DUMMY])["above_noise"].any()


def test_pawn_ranks_a_dominant_parameter_first_and_noise_at_the_dummy_level():
    rng = named_stream(root_sequence(5), "test")
    x = rng.uniform(size=(512, 6))
    y = 5.0 * x[:, 2] + 0.5 * x[:, 0] + 0.2 * rng.normal(size=512)
    names = [f"p{i}" for i in range(6)]
    table = pawn_drivers(x, y, names, rng=rng).set_index("parameter")
    assert table.loc["p2", "rank"] == 1
    assert table.loc["p2", "above_noise"]
    assert table.loc["p2", "pawn"] > 3 * table.loc[DUMMY, "pawn"]
    for inert in ("p1", "p3", "p4", "p5"):
        assert not table.loc[inert, "above_noise"], inert
    assert (table["pawn_conf"] > 0).all()


def test_pawn_index_is_salibs_statistic():
    from SALib.analyze import pawn

    rng = named_stream(root_sequence(3), "test")
    x = rng.uniform(size=(300, 4))
    y = np.round(x[:, 0] + x[:, 1] ** 2 + 0.1 * rng.normal(size=300), 2)  # with ties
    problem = {"num_vars": 4, "names": list("abcd"), "bounds": [[0, 1]] * 4}
    expected = pawn.analyze(problem, x, y, S=10)["median"]
    np.testing.assert_allclose(pawn_index(x, y), expected, rtol=0, atol=1e-12)


def test_a_constant_outcome_has_no_drivers():
    rng = named_stream(root_sequence(3), "test")
    assert pawn_drivers(rng.uniform(size=(100, 3)), np.ones(100), list("abc"), rng=rng).empty


def test_too_few_draws_are_refused():
    with pytest.raises(sim.ScenarioError, match="at least 2 draws"):
        ensemble_sweep(Scenario(), 1)


def test_uncertainty_with_replications_is_refused_before_anything_runs(tmp_path, capsys):
    out = tmp_path / "out"
    status = sim.cli.main(["run", "scenarios/baseline.toml", "--uncertainty", "8",
                           "--replications", "2", "--out", str(out)])  # fmt: skip
    assert status == 2
    assert "--uncertainty and --replications > 1 do not combine" in capsys.readouterr().err
    assert not out.exists()


class FailingSometimes(ToyEconomy):
    """The toy economy, refusing the draws whose first parameter is in the top quarter."""

    def __call__(
        self, values: dict[str, float], seed: np.random.SeedSequence
    ) -> tuple[list[OutcomeRow], None]:
        factor = self.factors[0]
        if values[factor.name] > factor.low + 0.75 * (factor.high - factor.low):
            raise sim.ScenarioError("refused combination")
        return super().__call__(values, seed)


def test_failed_draws_are_counted_named_and_left_out(tmp_path):
    scenario = sim.load_scenario(_toy_base(tmp_path))
    result = run_ensemble(
        scenario, 40, directory=tmp_path / "toy", evaluator=FailingSometimes(scenario)
    )
    assert result.meta["draws_failed"] == 10  # one Latin hypercube stratum in four
    assert result.meta["draws_done"] == 30
    assert "refused combination" in result.meta["first_error"]
    assert (result.occupations["draws"] == 30).all()
