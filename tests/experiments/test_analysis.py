"""Analysis against known answers: Sobol' indices of the Ishigami function, a PRIM box,
and the indices of a stored sweep given to the factor that moved its outcome."""

from __future__ import annotations

import math

import duckdb
import numpy as np
import pandas as pd
import pytest

from sim.errors import LaborsimError
from sim.experiments.analysis import (
    analyze_sweep,
    design_outcomes,
    prim_boxes,
    sensitivity_indices,
)
from sim.experiments.design import build_design
from sim.experiments.store import DATABASE_FILE, SweepStore
from sim.experiments.sweep import run_sweep
from sim.experiments.sweep_outcomes import OutcomeRow
from sim.io.sweep_files import DiscoverySpec, Factor, Sweep, SweepSpec, resolve
from sim.params import Scenario

ISHIGAMI_A, ISHIGAMI_B = 7.0, 0.1


def _ishigami_indices() -> tuple[list[float], list[float]]:
    """Analytic first-order and total indices (Ishigami & Homma 1990; Sobol' & Levitan 1999)."""
    a, b, pi = ISHIGAMI_A, ISHIGAMI_B, math.pi
    v1 = 0.5 * (1 + b * pi**4 / 5) ** 2
    v2 = a**2 / 8
    v13 = b**2 * pi**8 * (1 / 18 - 1 / 50)
    variance = v1 + v2 + v13
    return [v1 / variance, v2 / variance, 0.0], [
        (v1 + v13) / variance,
        v2 / variance,
        v13 / variance,
    ]


class Ishigami:
    """The Ishigami function wrapped as a sweep evaluator (no randomness)."""

    def __call__(self, values, seed):
        x1, x2, x3 = values["x1"], values["x2"], values["x3"]
        y = math.sin(x1) + ISHIGAMI_A * math.sin(x2) ** 2 + ISHIGAMI_B * x3**4 * math.sin(x1)
        return [OutcomeRow("ishigami", 0, "total", y)], None


def _sweep(sampler: str, samples: int, factors: tuple[Factor, ...]) -> Sweep:
    spec = SweepSpec(
        base="-",
        sampler=sampler,
        samples=samples,
        seed=3,
        uncertainties={f.name: {} for f in factors},
    )
    return Sweep(spec, Scenario(), factors, (), (0,), seed=3)


def test_sobol_indices_of_the_ishigami_function_match_the_analytic_values(tmp_path):
    factors = tuple(Factor(f"x{i}", -math.pi, math.pi) for i in (1, 2, 3))
    sweep = _sweep("sobol", 1024, factors)
    run_sweep(sweep, out=tmp_path, evaluator=Ishigami())
    with SweepStore(tmp_path, read_only=True) as store:
        indices = sensitivity_indices(design_outcomes(store), build_design(sweep))
    first, total = _ishigami_indices()
    # tolerance: N = 1024 Saltelli estimates; the analytic values are 0.314, 0.442, 0 and
    # 0.558, 0.442, 0.244, so 0.05 separates every pair
    np.testing.assert_allclose(indices["S1"], first, atol=0.05)
    np.testing.assert_allclose(indices["ST"], total, atol=0.05)
    assert (indices["ST_conf"] > 0).all()
    assert (indices["ST_conf"] < 0.1).all()


def test_prim_finds_the_box_where_the_cases_of_interest_are():
    factors = (Factor("a", 0.0, 1.0), Factor("b", 0.0, 1.0), Factor("c", 0.0, 1.0))
    design = build_design(_sweep("latin_hypercube", 400, factors))
    points = design.points
    means = points[["design_id"]].assign(
        outcome="employment_vs_no_ai",
        year=2035,
        scope="total",
        value=np.where((points["a"] > 0.7) & (points["b"] < 0.4), -0.1, 0.0),
    )
    rule = DiscoverySpec(outcome="employment_vs_no_ai", year=2035, below=-0.05)
    boxes = prim_boxes(means, design, [rule]).set_index("parameter")
    assert set(boxes.index) == {"a", "b"}
    # the reported box is the widest with density >= 0.8, so it may extend past the true
    # edges (a > 0.7, b < 0.4) by the slack that density allows, never cut into them much
    assert 0.6 < boxes.loc["a", "low"] < 0.72
    assert 0.38 < boxes.loc["b", "high"] < 0.55
    assert boxes["density"].iloc[0] >= 0.8
    assert boxes["coverage"].iloc[0] >= 0.8


class OnlyTheFirstFactor:
    """An evaluator whose one outcome is the value of a single named factor."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, values, seed):
        return [OutcomeRow("employment_vs_no_ai", 2035, "total", values[self.name])], None


def test_analysis_of_a_stored_sweep_names_the_factor_that_moved_the_outcome(tmp_path):
    # The store records its sweep as JSON with sorted keys; factors listed out of
    # alphabetical order once had their Sobol' indices and PRIM values given to the
    # wrong names (the design was drawn again in alphabetical order).
    moving, idle = "demand.price_pass_through", "capability.hardware_doubling_years"
    spec = SweepSpec(
        base="-",
        sampler="sobol",
        samples=64,
        seed=3,
        uncertainties={moving: {}, idle: {}},
        discovery=[{"outcome": "employment_vs_no_ai", "year": 2035, "below": 0.5}],
    )
    sweep = resolve(spec, Scenario())
    assert [f.name for f in sweep.uncertainties] == [moving, idle]
    run_sweep(sweep, out=tmp_path, evaluator=OnlyTheFirstFactor(moving))
    analyze_sweep(tmp_path)
    indices = pd.read_csv(tmp_path / "sobol_indices.csv").set_index("parameter")
    assert indices.loc[moving, "ST"] > 0.95
    assert abs(indices.loc[idle, "ST"]) < 0.01
    boxes = pd.read_csv(tmp_path / "prim_boxes.csv")
    assert set(boxes["parameter"]) == {moving}
    assert boxes["high"].iloc[0] <= 0.55  # pass-through below 0.5 is the case of interest


def test_analysis_refuses_a_store_whose_runs_are_not_its_design(tmp_path):
    spec = SweepSpec(
        base="-",
        sampler="sobol",
        samples=8,
        seed=3,
        uncertainties={"demand.price_pass_through": {}},
    )
    sweep = resolve(spec, Scenario())
    run_sweep(sweep, out=tmp_path, evaluator=OnlyTheFirstFactor("demand.price_pass_through"))
    with duckdb.connect(str(tmp_path / DATABASE_FILE)) as connection:
        connection.execute(
            'UPDATE experiments SET "demand.price_pass_through" = 0.5 WHERE run_id = 3'
        )
    with pytest.raises(LaborsimError, match="not the design its sweep describes"):
        analyze_sweep(tmp_path)
