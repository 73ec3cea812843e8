"""Validation suite: analytic oracles on toy data, the shipped checks, the table and the CLI."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

import sim.cli
from sim.data import OccupationTables, validate_tasks
from sim.errors import LaborsimError
from sim.mechanisms.capability import LOG10_TWO
from sim.mechanisms.exposure import exposure_at
from sim.params.scenario import Scenario
from sim.validation import (
    CHECKS,
    CheckResult,
    ValidationInputs,
    load_validation_inputs,
    results_markdown,
    results_table,
    run_checks,
)
from sim.validation.bessen import (
    BASE_ELASTICITY,
    HORIZON_YEARS,
    PRODUCTIVITY_MULTIPLE,
    simulate_rise_and_fall,
    textile_curves,
)
from sim.validation.criteria_correlation import criteria_tasks
from sim.validation.exposure_benchmarks import (
    exposed_worker_shares,
    frey_osborne_check,
    task_beta,
)
from sim.validation.hindcasts import TOP_EXPOSED_SHARE, top_exposed_group
from sim.validation.result import TABLE_COLUMNS
from tests.conftest import make_tables

MODEL_CHECKS = {
    "radiology_2016_hindcast",
    "no_early_unemployment_wave",
    "no_ai_steady_state",
    "beveridge_curve",
    "occupational_switching",
    "matching_elasticity",
}
#: Figures of the committed data set (OEWS May 2025 x Frey-Osborne / Eloundou labels).
DATA_TOLERANCE = 1e-3


def toy_inputs(tables: OccupationTables) -> ValidationInputs:
    return ValidationInputs(baseline=Scenario(), seed_podcast=Scenario(), tables=tables)


# --- analytic oracles on toy data -------------------------------------------------


def test_frey_osborne_share_is_strictly_above_threshold_and_employment_weighted():
    tables = make_tables(
        [
            {"frey_osborne_probability": 0.9, "employment": 100.0},
            {"frey_osborne_probability": 0.7, "employment": 300.0},  # not > 0.7
            {"frey_osborne_probability": 0.71, "employment": 50.0},
            {"frey_osborne_probability": 0.2, "employment": 50.0},
        ]
    )
    result = frey_osborne_check(toy_inputs(tables))
    assert result.metrics["share"] == pytest.approx(150 / 500)
    assert not result.passed  # 30% is outside 47% +/- 10 pp


def test_beta_from_task_labels_and_exposed_worker_shares():
    tables = make_tables([{"employment": e} for e in (100.0, 200.0, 300.0, 400.0)])
    labels = [
        *["E1", "E0", "E0", "E0"],  # beta 0.25
        *["E1", "E1", "E0", "E0"],  # beta 0.5 exactly: counts as >= 50%
        *["E0", "E0", "E0", "E0"],  # beta 0
        *["E2", "E0", "E0", "E0"],  # beta 0.125
    ]
    tasks = validate_tasks(tables.tasks.assign(eloundou_human=labels), "toy tasks")
    beta = task_beta(tasks, "human", weighted=False)
    assert_allclose(beta.to_numpy(), [0.25, 0.5, 0.0, 0.125])
    shares = exposed_worker_shares(beta.to_numpy(), tables.occupations["employment"].to_numpy())
    assert shares[0.1] == pytest.approx(700 / 1000)
    assert shares[0.5] == pytest.approx(200 / 1000)


def test_supplemental_tasks_weigh_half_in_weighted_beta():
    tables = make_tables([{}], tasks_per_occupation=2)
    tasks = tables.tasks.assign(eloundou_human=["E1", "E0"], task_type=["core", "supplemental"])
    beta = task_beta(validate_tasks(tasks, "toy tasks"), "human", weighted=True)
    assert beta.iloc[0] == pytest.approx(1.0 / 1.5)


def test_top_exposed_group_is_most_exposed_fifth_of_employment():
    exposure = np.array([0.9, 0.5, 0.8, 0.1])
    employment = np.array([10.0, 50.0, 10.0, 30.0])
    group = top_exposed_group(exposure, employment)
    assert group.tolist() == [True, False, True, False]
    assert employment[group].sum() / employment.sum() == pytest.approx(TOP_EXPOSED_SHARE)


# --- the shipped checks --------------------------------------------------------


@pytest.fixture(scope="module")
def inputs() -> ValidationInputs:
    return load_validation_inputs()


@pytest.fixture(scope="module")
def results(inputs) -> dict[str, CheckResult]:
    return {result.name: result for result in run_checks(inputs=inputs)}


#: Checks that fail on the shipped data, with the reason (docs/validation.md): METR's
#: success slope (0.6 log-odds per doubling) over the first year's ~1.7 horizon
#: doublings moves occupations whose tasks sit close together by up to ~0.2 a year.
#: Issue 20: re-employment stays within the major group too often (the network from
#: O*NET relatedness with del Rio-Chanona's self-loop 0.55); docs/validation.md.
#: (beveridge_curve passes since session 4 under the pluck cycle; under the sine it
#: judged before, 83% of points are near, not 90%: its metrics sine_*.)
KNOWN_FAILURES = {
    "smooth_exposure",
    "occupational_switching",
}


def test_every_check_passes_except_the_known_failures(results):
    assert len(results) == len(CHECKS) == 18
    failing = {name for name, r in results.items() if not r.passed}
    assert failing == KNOWN_FAILURES


def test_fast_only_skips_the_model_runs(inputs):
    fast = run_checks(fast_only=True, inputs=inputs)
    assert [r.name for r in fast] == [
        "frey_osborne_high_risk_share",
        "eloundou_exposed_worker_shares",
        "criteria_vs_published_exposure",
        "bessen_rise_and_fall",
        "seed_compute_arithmetic",
        "smooth_exposure",
        "seed_exposure_ordering",
        "elasticity_backtest_2012_2017",
        "eloundou_level_at_gpt4",
        "metr_horizon_trend",
        "ftm_cognitive_span",
        "adoption_level_base_year",
    ]
    assert MODEL_CHECKS.isdisjoint(r.name for r in fast)


def test_frey_osborne_share_on_the_data_set(results):
    metrics = results["frey_osborne_high_risk_share"].metrics
    assert metrics["share"] == pytest.approx(0.4114, abs=DATA_TOLERANCE)
    assert metrics["share_matched_only"] == pytest.approx(0.4207, abs=DATA_TOLERANCE)
    assert metrics["share"] < metrics["published"]  # 2025 weights: less routine work


def test_eloundou_shares_on_the_data_set(results):
    metrics = results["eloundou_exposed_worker_shares"].metrics
    assert metrics["share_10pct_human"] == pytest.approx(0.8161, abs=DATA_TOLERANCE)
    assert metrics["share_50pct_human"] == pytest.approx(0.2068, abs=DATA_TOLERANCE)
    assert metrics["share_10pct_gpt4"] == pytest.approx(0.8313, abs=DATA_TOLERANCE)
    assert metrics["share_50pct_gpt4"] == pytest.approx(0.2869, abs=DATA_TOLERANCE)


def test_criteria_correlation_matches_an_independent_rank_computation(inputs, results):
    occupations = inputs.tables.occupations
    own = occupations["criteria_source"].isin(["onet", "onet_children"]).to_numpy()
    exposure = exposure_at(0.0, criteria_tasks(inputs))[own]
    beta = occupations["eloundou_beta_gpt4"].to_numpy()[own]
    ranks = [pd.Series(values).rank().to_numpy() for values in (exposure, beta)]
    rho = np.corrcoef(*ranks)[0, 1]
    metrics = results["criteria_vs_published_exposure"].metrics
    assert metrics["rho_gpt4"] == pytest.approx(rho, abs=1e-12)
    assert metrics["rho_gpt4"] >= 0.70
    assert metrics["rho_human"] >= 0.65


def crossing_year_continuous(inputs) -> float:
    """Year at which eps(q) = 1 on the continuous path d ln q = eps(q) d ln A."""
    curves = textile_curves(inputs)
    fall = BASE_ELASTICITY - inputs.baseline.demand.elasticity_floor
    h = curves.steepness
    ratio = (BASE_ELASTICITY - 1.0) / (fall - (BASE_ELASTICITY - 1.0))  # x*^h at eps = 1
    x_star = ratio ** (1.0 / h)
    x = np.linspace(0.0, x_star, 200_001)
    eps = BASE_ELASTICITY - fall * x**h / (1.0 + x**h)
    log_a = np.trapezoid(1.0 / eps, x) / curves.inverse_log_saturation  # d ln A = ln s dx / eps
    return float(log_a / (np.log(PRODUCTIVITY_MULTIPLE) / HORIZON_YEARS))


def test_bessen_peak_at_the_analytic_elasticity_crossing(inputs, results):
    metrics = results["bessen_rise_and_fall"].metrics
    assert abs(metrics["peak_year"] - crossing_year_continuous(inputs)) <= 1.0
    assert metrics["crossing_year"] - metrics["peak_year"] in (0.0, 1.0)
    assert 0.0 < metrics["final_employment"] < metrics["peak_employment"]
    path = simulate_rise_and_fall(textile_curves(inputs))
    assert path.effective_elasticity[1] == pytest.approx(BASE_ELASTICITY)


def test_radiology_hindcast_keeps_employment_at_or_above_2016(inputs, results):
    metrics = results["radiology_2016_hindcast"].metrics
    occupations = inputs.tables.occupations.set_index("occupation_code")
    assert metrics["employment_2016"] == occupations.loc["29-1224", "employment"]  # OEWS 2025
    # Every occupation starts at its own steady state of the base flows on the trend's
    # growth path (issue 20), so there is no start-up dip; AI's own effect stays small.
    assert metrics["lowest_ratio_to_2016"] >= 1.0
    assert metrics["employment_2025"] >= metrics["employment_2016"]
    assert metrics["change_vs_no_ai_2025"] > -0.01


def test_no_unemployment_wave_in_the_most_exposed_fifth(inputs, results):
    metrics = results["no_early_unemployment_wave"].metrics
    # With base flows (issue 20) the AI world's unemployment can fall slightly below the
    # no-AI world's: the rise is an excess, not a non-negative displaced count.
    assert -0.01 < metrics["unemployment_rise"] < 0.01
    largest = (
        inputs.tables.occupations["employment"].max()
        / inputs.tables.occupations["employment"].sum()
    )
    assert TOP_EXPOSED_SHARE <= metrics["group_employment_share"] < TOP_EXPOSED_SHARE + largest


def test_seed_arithmetic_matches_the_closed_form(inputs, results):
    capability = inputs.seed_podcast.capability
    ceiling, start = (
        capability.spending_ceiling_usd_billion,
        capability.spending_reference_usd_billion,
    )
    growth = capability.spending_growth_per_year
    spending_2026 = ceiling / (1.0 + (ceiling / start - 1.0) / growth)
    hardware_algorithms = LOG10_TWO / 2.0 + 12.0 / 16.0 * LOG10_TWO  # the seed's figures
    metrics = results["seed_compute_arithmetic"].metrics
    assert metrics["first_year_growth"] == pytest.approx(
        hardware_algorithms + np.log10(spending_2026 / start), abs=1e-12
    )
    assert metrics["late_growth"] == pytest.approx(hardware_algorithms, abs=1e-6)
    assert metrics["range_low"] == pytest.approx(1.5 * LOG10_TWO + 0.75 * LOG10_TWO)
    assert metrics["range_high"] == pytest.approx(
        0.5 * LOG10_TWO + 2 * LOG10_TWO + 4 / 3 * LOG10_TWO
    )


def test_elasticity_backtest_on_the_shipped_data(results):
    """docs/validation.md section 10: +2.3 log points, interval -1.2 to +5.7."""
    metrics = results["elasticity_backtest_2012_2017"].metrics
    assert metrics["gap"] == pytest.approx(0.0230, abs=DATA_TOLERANCE)
    assert metrics["gap_low"] < 0.0 < metrics["gap"] < metrics["gap_high"]
    assert metrics["difference_in_differences"] == pytest.approx(0.0824, abs=DATA_TOLERANCE)
    assert metrics["interaction_low"] > 0.0


# --- table, Markdown, CLI -------------------------------------------------------


def test_table_has_the_required_columns(results):
    table = results_table(list(results.values()))
    assert tuple(table.columns) == TABLE_COLUMNS
    assert table["passed"].dtype == bool
    assert len(table) == len(CHECKS) == 18
    markdown = results_markdown(list(results.values()))
    assert markdown.startswith("| check | published | source | ours | band | result |")
    assert f"{18 - len(KNOWN_FAILURES)} of 18 checks pass." in markdown
    assert all(f"`{name}`" in markdown for name in results)


def failing_result() -> CheckResult:
    return CheckResult(
        name="always_fails",
        description="A check that fails.",
        published="1",
        source="test",
        ours="2",
        band="= 1",
        passed=False,
        notes="For the exit-status test | with a pipe.",
    )


def test_cli_writes_csv_and_markdown_and_exits_one_on_the_known_failure(tmp_path: Path, capsys):
    out = tmp_path / "validation"
    assert sim.cli.main(["validate", "--fast", "--out", str(out)]) == 1
    table = pd.read_csv(out / "validation.csv")
    assert tuple(table.columns) == TABLE_COLUMNS
    assert len(table) == 12
    # --fast runs no model, so only the known failures among the fast checks appear.
    assert set(table.loc[~table["passed"], "check"]) == KNOWN_FAILURES & set(table["check"])
    assert (out / "validation.md").read_text().startswith("| check |")
    assert "11 of 12 checks pass." in capsys.readouterr().out


def test_cli_exits_one_when_a_check_fails(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(sim.cli, "run_checks", lambda fast_only: [failing_result()])
    assert sim.cli.main(["validate", "--out", str(tmp_path)]) == 1
    assert "**FAIL**" in (tmp_path / "validation.md").read_text()
    assert "with a pipe" in (tmp_path / "validation.md").read_text()
    assert not pd.read_csv(tmp_path / "validation.csv")["passed"].any()


def test_cli_input_error_exits_two(tmp_path: Path, monkeypatch, capsys):
    def broken(fast_only: bool) -> list[CheckResult]:
        raise LaborsimError("scenarios/baseline.toml: scenario file not found")

    monkeypatch.setattr(sim.cli, "run_checks", broken)
    assert sim.cli.main(["validate", "--out", str(tmp_path)]) == 2
    assert "error: scenarios/baseline.toml" in capsys.readouterr().err


def test_capability_checks_recompute_from_the_anchors(inputs, results):
    # The Eloundou level is the calibration reproduced; METR and FTM follow from the
    # success curve and the compute path (docs/validation.md sections 11-13).
    level = results["eloundou_level_at_gpt4"].metrics
    assert level["assisted_share_gpt4"] == pytest.approx(0.328, abs=0.002)
    assert level["autonomous_share_gpt4"] < level["assisted_share_gpt4"]
    trend = results["metr_horizon_trend"].metrics
    # Doubling time = months / doublings: the baseline's compute growth 2023.2-2026.1
    # times 2 doublings per OOM.
    assert 3.4 <= trend["doubling_months"] <= 7.0
    span = results["ftm_cognitive_span"].metrics
    assert span["span_oom"] == pytest.approx(span["span_doublings"] / 2.0)
