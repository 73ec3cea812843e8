"""Issue 8's exposure-path checks: annual gain, smoothness counts and the seed ordering."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from sim.mechanisms import exposure
from sim.params import CapabilityParams, ExposureParams
from sim.validation import CheckResult, ValidationInputs, load_validation_inputs, run_checks
from sim.validation.exposure_path_checks import baseline_exposure_path, largest_annual_gain


@pytest.fixture(scope="module")
def inputs() -> ValidationInputs:
    return load_validation_inputs()


@pytest.fixture(scope="module")
def results(inputs) -> dict[str, CheckResult]:
    return {result.name: result for result in run_checks(inputs=inputs, fast_only=True)}


def test_largest_annual_gain_on_a_known_path():
    path = np.array([[0.0, 0.0], [0.1, 0.0], [0.5, 0.2], [0.6, 0.2], [0.6, 0.9]])
    assert_allclose(largest_annual_gain(path, 2), [0.5, 0.7])
    assert_allclose(largest_annual_gain(path, 10), [0.0, 0.0])  # shorter than a year


def test_smoothness_counts_match_an_independent_computation(inputs, results):
    years, path = baseline_exposure_path(inputs)
    assert years[0] == 2025
    assert years[-1] == pytest.approx(2055)
    large = inputs.tables.occupations["employment"].to_numpy() >= 10_000
    gains = np.array(
        [
            max(path[t + 12, i] - path[t, i] for t in range(len(years) - 12))
            for i in np.flatnonzero(large)
        ]
    )
    later = np.array(
        [
            max(path[t + 12, i] - path[t, i] for t in range(12, len(years) - 12))
            for i in np.flatnonzero(large)
        ]
    )
    metrics = results["smooth_exposure"].metrics
    assert metrics["n_gain_above_band_large_after_first_year"] == int(np.sum(later > 0.15))
    assert metrics["n_gain_above_band_large"] == int(np.sum(gains > 0.15))
    assert metrics["largest_gain_large"] == pytest.approx(gains.max())
    assert results["smooth_exposure"].passed == (gains.max() <= 0.15)


def test_no_occupation_gains_more_in_a_year_than_one_task_can(inputs, results):
    """Exposure is a time-weighted mean of task successes: no occupation (any size) gains
    more within a year than the single-task bound ``2 s(beta' dh / 2) - 1``."""
    _, path = baseline_exposure_path(inputs)
    gains = largest_annual_gain(path, inputs.baseline.run.steps_per_year)
    bound = results["smooth_exposure"].metrics["single_task_annual_gain_bound"]
    # The first year's 1.9 doublings on the slope 0.53: 0.246 (known value).
    assert bound == pytest.approx(0.246, abs=0.002)
    assert gains.max() <= bound + 1e-9
    assert gains.max() > 0.5 * bound  # the bound is the binding scale, not a loose cap


def test_radiologists_above_nurses_at_every_step(inputs, results):
    _, path = baseline_exposure_path(inputs)
    codes = inputs.tables.occupations["occupation_code"].to_numpy()
    radiologists, nurses = (int(np.flatnonzero(codes == c)[0]) for c in ("29-1224", "29-1141"))
    assert np.all(path[:, radiologists] > path[:, nurses])
    assert results["seed_exposure_ordering"].passed
    gap = results["seed_exposure_ordering"].metrics["smallest_gap"]
    assert gap == pytest.approx((path[:, radiologists] - path[:, nurses]).min())


@settings(max_examples=50, deadline=None)
@given(
    n_tasks=st.integers(1, 40),
    spread=st.floats(0.0, 10.0),
    growth=st.floats(0.1, 2.0),
)
def test_the_success_slope_bounds_the_annual_gain(n_tasks, spread, growth):
    """Capability rising g OOM a year: no task, so no occupation, gains more than the
    logistic's largest rise over b*g doublings, 2 sigma(beta b g / 2) - 1."""
    steps_per_year = 12
    curve = exposure.SuccessCurve.from_params(CapabilityParams(), ExposureParams())
    tasks = exposure.TaskSet(
        occupation_index=np.zeros(n_tasks, dtype=np.intp),
        weight=np.full(n_tasks, 1.0 / n_tasks),
        difficulty=8.0 + spread * np.linspace(-1.0, 1.0, n_tasks),
        barrier=np.zeros(n_tasks),
        n_occupations=1,
        curve=curve,
    )
    years = np.arange(0, 30 * steps_per_year + 1) / steps_per_year
    path = exposure.exposure_path(growth * years, tasks).assisted
    gain = largest_annual_gain(path, steps_per_year)[0]
    half_rise = curve.slope * curve.doublings_per_oom * growth / 2.0
    bound = 2.0 / (1.0 + np.exp(-half_rise)) - 1.0
    assert gain <= bound + 2 * exposure.INTERPOLATION_ERROR_BOUND
    if spread == 0.0:  # one difficulty: the window straddling it reaches the bound
        assert gain >= bound - 0.02
