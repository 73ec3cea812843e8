"""Elasticity backtest: arithmetic on hand-made panels with known answers, file reading.

The real elasticity table (``occupations/elasticities.csv``) comes from the
elasticity estimation work; the last test runs the check on the committed
history panel with a **stand-in** table built from the model's major-group
defaults (``sim/params/defaults.py``), only to exercise the plumbing.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

from sim.data.schema import ELASTICITIES_FILE
from sim.errors import DataValidationError
from sim.params.defaults import (
    DEFAULT_ELASTICITY_BY_MAJOR_GROUP,
    DEFAULT_ELASTICITY_BY_OCCUPATION,
)
from sim.params.scenario import Scenario, derive
from sim.validation import ValidationInputs
from sim.validation.backtest_data import HISTORY_FILE, comparison_panel
from sim.validation.backtest_stats import (
    bootstrap,
    elastic_gap,
    interaction_coefficient,
    top_share,
)
from sim.validation.elasticity_backtest import (
    MIN_GAP,
    elasticity_backtest_check,
    run_backtest,
)
from tests.conftest import make_tables

REPO_OCCUPATIONS = Path(__file__).resolve().parents[2] / "occupations"

#: (code, routine intensity, central elasticity, employment 2012, employment 2017).
#: Equal weights: the top third of employment is the first two rows, the bottom third
#: the last two.
TOY_ROWS = [
    ("11-0001", 3.0, 2.0, 100.0, 150.0),  # high exposure, elastic
    ("43-0002", 2.0, 0.5, 100.0, 80.0),  # high exposure, inelastic
    ("43-0003", 0.5, 1.0, 100.0, 100.0),
    ("43-0004", 0.0, 1.0, 100.0, 100.0),
    ("41-0005", -1.0, 2.0, 100.0, 110.0),  # low exposure, elastic
    ("41-0006", -2.0, 0.5, 100.0, 100.0),  # low exposure, inelastic
]
TOY_GAP = np.log(150.0 / 100.0) - np.log(80.0 / 100.0)
TOY_GAP_LOW = np.log(110.0 / 100.0)


def toy_history() -> pd.DataFrame:
    codes = [row[0] for row in TOY_ROWS]
    return pd.DataFrame(
        {
            "occupation_code": codes,
            "group_2012_2017": codes,
            "group_2011_2017": codes,
            "employment_2011": [row[3] for row in TOY_ROWS],
            "employment_2012": [row[3] for row in TOY_ROWS],
            "employment_2017": [row[4] for row in TOY_ROWS],
            "routine_intensity": [row[1] for row in TOY_ROWS],
            "degree_of_automation_2012": [50.0 + 10.0 * row[1] for row in TOY_ROWS],
        }
    )


def toy_elasticities(flip: bool = False) -> pd.DataFrame:
    central = [1.0 / row[2] if flip else row[2] for row in TOY_ROWS]
    return pd.DataFrame(
        {
            "occupation_code": [row[0] for row in TOY_ROWS],
            "elasticity_central": central,
            "elasticity_low": central,
            "elasticity_high": central,
            "elasticity_source": "assumption",
        }
    )


def write_inputs(directory: Path, history: pd.DataFrame, elasticities: pd.DataFrame) -> None:
    history.to_csv(directory / HISTORY_FILE, index=False)
    elasticities.to_csv(directory / ELASTICITIES_FILE, index=False)


def inputs_for(directory: Path) -> ValidationInputs:
    baseline = derive(Scenario(), {"occupations.path": str(directory)})
    return ValidationInputs(baseline=baseline, seed_podcast=Scenario(), tables=make_tables([{}]))


# --- arithmetic ------------------------------------------------------------------


def test_top_share_takes_smallest_prefix_reaching_the_share():
    values = np.array([0.1, 0.9, 0.5, 0.7])
    weight = np.array([10.0, 20.0, 50.0, 20.0])
    assert top_share(values, weight, 1.0 / 3.0).tolist() == [False, True, False, True]
    assert top_share(values, weight, 0.2).tolist() == [False, True, False, False]


def test_elastic_gap_is_difference_of_weighted_means():
    growth = np.array([0.1, 0.3, -0.2, 0.0])
    weight = np.array([1.0, 3.0, 2.0, 2.0])
    elastic = np.array([True, True, False, False])
    expected = (0.1 + 0.9) / 4.0 - (-0.4 + 0.0) / 4.0
    assert elastic_gap(growth, weight, elastic, ~elastic) == pytest.approx(expected)


def test_interaction_coefficient_recovers_known_slope_with_group_effects(rng):
    n = 200
    exposure = rng.normal(size=n)
    major = rng.integers(0, 5, size=n)
    log_eps = np.log(np.array([0.3, 0.6, 1.0, 1.5, 2.5]))[major]  # one value per group
    growth = 0.07 * exposure * log_eps + 0.02 * exposure + np.array([0.1, -0.1, 0, 0.2, 0])[major]
    slope = interaction_coefficient(growth, rng.uniform(1, 5, size=n), exposure, log_eps, major)
    assert slope == pytest.approx(0.07, abs=1e-9)


def test_bootstrap_of_single_row_strata_is_constant(rng):
    draws = bootstrap(
        lambda rows: float(rows.sum()), [np.array([2]), np.array([5])], rng=rng, replicates=50
    )
    assert_allclose(draws, 7.0)


def test_comparison_panel_sums_groups_and_weights_exposure():
    history = toy_history()
    history.loc[1, "group_2012_2017"] = "11-0001"  # rows 0 and 1 form one group
    panel = comparison_panel(
        history,
        toy_elasticities().set_index("occupation_code")["elasticity_central"],
        group_column="group_2012_2017",
        years=(2012, 2017),
        exposure_column="routine_intensity",
    )
    row = panel.loc["11-0001"]
    assert (row["start"], row["end"]) == (200.0, 230.0)
    assert row["log_growth"] == pytest.approx(np.log(230.0 / 200.0))
    assert row["exposure"] == pytest.approx(2.5)
    assert row["elasticity"] == pytest.approx(1.25)
    assert len(panel) == len(TOY_ROWS) - 1


@pytest.mark.parametrize(("flip", "sign"), [(False, 1.0), (True, -1.0)])
def test_backtest_gap_on_toy_panel_has_known_value_and_sign(rng, flip, sign):
    elasticity = toy_elasticities(flip).set_index("occupation_code")["elasticity_central"]
    result = run_backtest(toy_history(), elasticity, rng=rng)
    assert result.gap.point == pytest.approx(sign * TOY_GAP)
    assert result.gap.low == pytest.approx(result.gap.point)  # one group per cell
    assert result.gap_low_exposure == pytest.approx(sign * TOY_GAP_LOW)
    assert result.difference_in_differences.point == pytest.approx(sign * (TOY_GAP - TOY_GAP_LOW))
    assert result.groups["high_elastic"] == result.groups["high_inelastic"] == 1
    mean_growth = np.log([1.5, 0.8, 1.0, 1.0, 1.1, 1.0]).mean()
    expected_elastic = np.log(0.8 if flip else 1.5) - mean_growth
    assert result.relative_growth["high_elastic"] == pytest.approx(expected_elastic)


# --- the check reads its files ------------------------------------------------------


def test_check_reads_elasticities_from_the_data_file(tmp_path):
    write_inputs(tmp_path, toy_history(), toy_elasticities())
    result = elasticity_backtest_check(inputs_for(tmp_path))
    assert result.metrics["gap"] == pytest.approx(TOY_GAP)
    assert result.passed
    write_inputs(tmp_path, toy_history(), toy_elasticities(flip=True))
    flipped = elasticity_backtest_check(inputs_for(tmp_path))
    assert flipped.metrics["gap"] == pytest.approx(-TOY_GAP)
    assert not flipped.passed
    assert flipped.metrics["gap"] <= MIN_GAP


def test_check_names_missing_elasticity_file(tmp_path):
    toy_history().to_csv(tmp_path / HISTORY_FILE, index=False)
    with pytest.raises(DataValidationError, match=rf"{ELASTICITIES_FILE}: not found"):
        elasticity_backtest_check(inputs_for(tmp_path))


def test_check_rejects_negative_elasticity(tmp_path):
    table = toy_elasticities()
    table.loc[2, ["elasticity_low", "elasticity_central"]] = -0.5
    write_inputs(tmp_path, toy_history(), table)
    with pytest.raises(DataValidationError, match=rf"{ELASTICITIES_FILE}.*'elasticity_low'"):
        elasticity_backtest_check(inputs_for(tmp_path))


def stand_in_elasticities(codes: pd.Series) -> pd.DataFrame:
    """STAND-IN, tests only: the model's major-group defaults, not the estimated table."""
    central = [
        DEFAULT_ELASTICITY_BY_OCCUPATION.get(code, DEFAULT_ELASTICITY_BY_MAJOR_GROUP[code[:2]])
        for code in codes
    ]
    return pd.DataFrame(
        {
            "occupation_code": codes,
            "elasticity_central": central,
            "elasticity_low": central,
            "elasticity_high": central,
            "elasticity_source": "assumption",  # stand-in: major-group defaults
        }
    )


def test_check_runs_on_committed_panel_with_stand_in_elasticities(tmp_path):
    history = pd.read_csv(REPO_OCCUPATIONS / HISTORY_FILE, dtype=str)
    (tmp_path / HISTORY_FILE).write_bytes((REPO_OCCUPATIONS / HISTORY_FILE).read_bytes())
    stand_in_elasticities(history["occupation_code"]).to_csv(
        tmp_path / ELASTICITIES_FILE, index=False
    )
    result = elasticity_backtest_check(inputs_for(tmp_path))
    metrics = result.metrics
    assert metrics["groups_high_elastic"] > 0
    assert metrics["groups_high_inelastic"] > 0
    assert metrics["gap_low"] <= metrics["gap"] <= metrics["gap_high"]
    assert np.isfinite([metrics["interaction"], metrics["gap_2011-2017"]]).all()
