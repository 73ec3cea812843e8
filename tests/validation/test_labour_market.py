"""Labour-market checks (issue 20): the helpers on hand-made paths and flows."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sim.params import LaborParams
from sim.params._field import field_plausible
from sim.params.scenario import Scenario, derive
from sim.validation.beveridge import cycle_path, loop_area, near_share
from sim.validation.entry_elasticity import us_entry_elasticity
from sim.validation.inputs import ValidationInputs
from sim.validation.labour_market import switching_share
from sim.validation.labour_targets import (
    BEVERIDGE,
    BEVERIDGE_CYCLE,
    CYCLES,
    LONG_TERM_SHARE,
    MATCHING_ELASTICITY,
    SINE_CYCLE,
    UNEMPLOYMENT_RATE,
)
from sim.validation.matching_elasticity import log_slope, model_series, us_series
from tests.conftest import make_tables


def test_loop_area_is_positive_counter_clockwise_and_negative_clockwise():
    square = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    assert loop_area(square) == pytest.approx(1.0)
    assert loop_area(square[::-1]) == pytest.approx(-1.0)


def test_near_share_counts_points_within_the_distance():
    reference = np.array([[5.0, 3.0], [6.0, 2.5]])
    model = np.array([[5.2, 3.1], [6.0, 2.0], [9.0, 9.0]])
    assert near_share(model, reference, 0.5) == pytest.approx(2 / 3)


def test_switching_share_counts_flows_into_another_major_group():
    flows = pd.DataFrame(
        {
            "year": [2026, 2026, 2026, 2040],
            "from_code": ["15-1252", "15-1252", "15-1252", "29-1141"],
            "to_code": ["15-1252", "15-1211", "43-9061", "41-2031"],
            "workers": [50.0, 20.0, 30.0, 1000.0],
        }
    )
    assert switching_share(flows, "workers", (2026, 2035)) == pytest.approx(0.3)


def test_bands_contain_their_published_values():
    assert UNEMPLOYMENT_RATE.contains(UNEMPLOYMENT_RATE.value)
    assert LONG_TERM_SHARE.contains(LONG_TERM_SHARE.value)
    assert not LONG_TERM_SHARE.contains(0.16)  # a constant hazard's share fails
    assert BEVERIDGE.max_correlation < 0.0
    assert MATCHING_ELASTICITY.contains(MATCHING_ELASTICITY.value)


def test_log_slope_recovers_a_power_law_exponent():
    tightness = np.array([0.5, 0.8, 1.0, 1.3, 2.0])
    slope, correlation = log_slope(tightness, 0.25 * tightness**0.4)
    assert slope == pytest.approx(0.4)
    assert correlation == pytest.approx(1.0)


def test_urn_ball_matching_has_the_elasticity_the_check_quotes():
    """f = theta (1 - exp(-1/theta)): d ln f / d ln theta = 0.418 at theta = 1."""
    tightness = np.exp(np.array([-1e-4, 1e-4]))
    slope, _ = log_slope(tightness, tightness * -np.expm1(-1.0 / tightness))
    assert slope == pytest.approx(1.0 - np.exp(-1.0) / (1.0 - np.exp(-1.0)), abs=1e-6)


def test_model_series_pairs_a_steps_finding_with_the_stocks_before_it():
    economy = pd.DataFrame(
        {
            "unemployed_no_ai": [100.0, 80.0, 90.0],
            "vacancies_no_ai": [50.0, 120.0, 90.0],
            "reemployed_no_ai": [0.0, 30.0, 20.0],
        }
    )
    tightness, finding = model_series(economy)
    np.testing.assert_allclose(tightness, [0.5, 1.5])
    np.testing.assert_allclose(finding, [0.3, 0.25])


def test_us_matching_elasticity_from_the_committed_series():
    """CPS gross flows and JOLTS, 2001-2019: ln(U->E rate) on ln(V/U), slope 0.30."""
    occupations = Path(__file__).resolve().parents[2] / "occupations"
    tightness, finding = us_series(occupations)
    assert len(finding) == 19 * 12  # 2001-01 to 2019-12 (JOLTS from 2000-12)
    slope, correlation = log_slope(tightness, finding)
    assert slope == pytest.approx(MATCHING_ELASTICITY.value, abs=0.005)
    assert correlation > 0.8


@pytest.mark.parametrize("cycle", [BEVERIDGE_CYCLE, SINE_CYCLE], ids=["pluck", "sine"])
def test_the_check_path_slopes_down_and_loops_counter_clockwise_in_a_toy_economy(cycle):
    """The Beveridge check's path on three toy occupations (a cheap run of the same code)."""
    tables = make_tables([{"occupation_code": f"43-900{i}"} for i in range(1, 4)])
    scenario = derive(
        Scenario(),
        {
            "run.base_year": 2025,
            "run.horizon_year": 2030,
            "demand.elasticity_source": "major_group",
        },
    )
    path = cycle_path(ValidationInputs(scenario, scenario, tables), cycle)
    assert len(path) == round((CYCLES - 1) * cycle.period_years * 12)  # first cycle left out
    assert np.corrcoef(path[:, 0], path[:, 1])[0, 1] < BEVERIDGE.max_correlation
    assert loop_area(path) > BEVERIDGE.min_loop_area
    assert np.all(path > 0.0)


def test_us_entry_elasticity_from_the_committed_series():
    """CPS N->E flow on JOLTS openings, 2001-2019: slope 0.31, the parameter's default;
    the sub-periods and the per-employed variant lie in its plausible range."""
    occupations = Path(__file__).resolve().parents[2] / "occupations"
    field = LaborParams.model_fields["entry_vacancy_elasticity"]
    default, plausible = field.default, field_plausible(field)
    assert us_entry_elasticity(occupations) == pytest.approx(default, abs=0.005)
    assert us_entry_elasticity(occupations, per_employed=True) == pytest.approx(0.18, abs=0.005)
    variants = [
        us_entry_elasticity(occupations, years, per_employed)
        for years in ((2001, 2007), (2008, 2019), (2010, 2019))
        for per_employed in (False, True)
    ]
    assert min(variants) == pytest.approx(plausible.low, abs=0.005)
    assert max(variants) == pytest.approx(plausible.high, abs=0.005)
