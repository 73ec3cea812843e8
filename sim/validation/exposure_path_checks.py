"""Checks on the baseline's exposure path: smooth growth and the seed's ordering.

The baseline's exposure path is computed exactly as the model computes it at
set-up (:func:`sim.mechanisms.exposure.exposure_path` on the run's task thresholds and
the baseline capability path at every step), without running the rest of the
model.  Two properties are checked (issue 8):

* smooth exposure: the largest gain of an occupation's exposure within any
  window of one simulated year (``steps_per_year`` consecutive steps),
  ``max_t [e_i(t + 1 year) - e_i(t)]``, stays at or below 0.15 for every
  occupation with at least 10,000 workers in the base year;
* the seed's ordering: radiologists' (29-1224) exposure is above registered
  nurses' (29-1141) at every step; nurses' exposure in the horizon year is
  reported (above 0 is allowed: their documentation tasks may become feasible).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from sim.mechanisms.capability import capability_path, reached_compute
from sim.mechanisms.exposure import exposure_path
from sim.model.calibration import run_task_set
from sim.validation.inputs import ValidationInputs
from sim.validation.result import CheckResult

FloatArray = NDArray[np.float64]

#: Band of the smoothness check (issue 8, stated before any result): no occupation
#: with at least ``MIN_WORKERS`` workers gains more than 0.15 exposure (share of
#: task time) within one simulated year.
MAX_ANNUAL_GAIN = 0.15
#: Size floor (persons, base-year employment) of the occupations the band applies to.
MIN_WORKERS = 10_000
#: A second, looser gain level reported for comparison with issue 8's figure (0.2).
REPORTED_GAIN = 0.2
#: Occupations shown by name in the notes.
WORST_SHOWN = 5
#: Radiologists and registered nurses, the seed's near and far examples.
RADIOLOGISTS, NURSES = "29-1224", "29-1141"
#: Elementary school teachers, issue 8's example of a cliff; its path is reported.
TEACHERS = "25-2021"
#: Years whose exposure is shown for the named occupations.
SHOWN_EVERY_YEARS = 5


def baseline_compute(inputs: ValidationInputs) -> tuple[FloatArray, FloatArray]:
    """Years (one per step) and log10 effective compute (OOM vs reference) of the baseline."""
    scenario = inputs.baseline
    steps = np.arange(scenario.n_steps + 1, dtype=np.float64)
    years: FloatArray = scenario.run.base_year + steps * scenario.step_years
    return years, capability_path(years, scenario.capability).log10_effective_compute


def baseline_exposure_path(inputs: ValidationInputs) -> tuple[FloatArray, FloatArray]:
    """Years (one per step) and exposure, shape (n_steps + 1, n_occupations), of the baseline."""
    years, compute = baseline_compute(inputs)
    return years, exposure_path(compute, run_task_set(inputs.baseline, inputs.tables)).assisted


def single_task_annual_gain(inputs: ValidationInputs) -> float:
    """Most one task's assisted success can gain within a year of the baseline path.

    A task's success is ``s(beta' (h - d_j))`` (its physical share rides ``h_P``,
    which never grows faster than ``h``), so over a window in which the horizon
    rises by ``dh`` it gains at most ``2 s(beta' dh / 2) - 1`` (the window centred
    on ``d_j``).  An occupation's exposure is a time-weighted mean of its tasks,
    so no occupation gains more: the band can only be broken by occupations whose
    task time lies within a few doublings of the frontier at once.
    """
    scenario = inputs.baseline
    _, compute = baseline_compute(inputs)
    curve = run_task_set(scenario, inputs.tables).curve
    horizon = curve.horizon(reached_compute(compute))
    window = scenario.run.steps_per_year
    rise = float(np.max(horizon[window:] - horizon[:-window])) if horizon.size > window else 0.0
    return float(2.0 / (1.0 + np.exp(-curve.slope * rise / 2.0)) - 1.0)


def largest_annual_gain(path: FloatArray, steps_per_year: int) -> FloatArray:
    """Largest exposure gain within any window of ``steps_per_year`` steps, per occupation."""
    if path.shape[0] <= steps_per_year:
        return np.zeros(path.shape[1])
    return np.max(path[steps_per_year:] - path[:-steps_per_year], axis=0)


def smoothness_check(inputs: ValidationInputs) -> CheckResult:
    """No occupation with >= 10,000 workers gains more than 0.15 exposure within a year."""
    occupations = inputs.tables.occupations
    years, path = baseline_exposure_path(inputs)
    steps_per_year = inputs.baseline.run.steps_per_year
    gain = largest_annual_gain(path, steps_per_year)
    large = occupations["employment"].to_numpy(dtype=float) >= MIN_WORKERS
    counts = {
        (level, scope): int(np.sum((gain > level) & mask))
        for level in (MAX_ANNUAL_GAIN, REPORTED_GAIN)
        for scope, mask in (("large", large), ("all", np.ones_like(large)))
    }
    later_gain = largest_annual_gain(path[steps_per_year:], steps_per_year)
    counts[(MAX_ANNUAL_GAIN, "later")] = int(np.sum((later_gain > MAX_ANNUAL_GAIN) & large))
    worst = float(gain[large].max()) if large.any() else 0.0
    bound = single_task_annual_gain(inputs)
    return CheckResult(
        name="smooth_exposure",
        description=(
            "Largest gain of an occupation's baseline exposure within one simulated year "
            f"(any {inputs.baseline.run.steps_per_year} consecutive steps), occupations with "
            f">= {MIN_WORKERS:,} workers."
        ),
        published="no published value: exposure should move along a slope, not in cliffs",
        source="Issue 8 (band stated in the issue)",
        ours=(
            f"{counts[(MAX_ANNUAL_GAIN, 'large')]} of {int(large.sum())} occupations gain "
            f"> {MAX_ANNUAL_GAIN} within a year (largest {worst:.2f})"
        ),
        band=f"no occupation with >= {MIN_WORKERS:,} workers gains > {MAX_ANNUAL_GAIN}",
        passed=counts[(MAX_ANNUAL_GAIN, "large")] == 0,
        notes=_smoothness_notes(occupations, gain, large, counts, (years, path))
        + f" One task gains at most {bound:.3f} within a year (the largest yearly horizon rise "
        "on the task-level slope), so only occupations with most of their task time near "
        "the frontier at once can exceed the band.",
        metrics={
            "largest_gain_large": worst,
            "n_gain_above_band_large": counts[(MAX_ANNUAL_GAIN, "large")],
            "n_gain_above_band_all": counts[(MAX_ANNUAL_GAIN, "all")],
            "n_gain_above_reported_large": counts[(REPORTED_GAIN, "large")],
            "n_gain_above_reported_all": counts[(REPORTED_GAIN, "all")],
            "n_gain_above_band_large_after_first_year": counts[(MAX_ANNUAL_GAIN, "later")],
            "single_task_annual_gain_bound": bound,
        },
    )


def _smoothness_notes(
    occupations: pd.DataFrame,
    gain: FloatArray,
    large: NDArray[np.bool_],
    counts: dict[tuple[float, str], int],
    years_path: tuple[FloatArray, FloatArray],
) -> str:
    order = np.argsort(-np.where(large, gain, -np.inf), kind="stable")[:WORST_SHOWN]
    worst = "; ".join(f"{occupations['title'].iloc[i]} {gain[i]:.2f}" for i in order)
    return (
        f"All {len(occupations)} occupations: {counts[(MAX_ANNUAL_GAIN, 'all')]} gain > "
        f"{MAX_ANNUAL_GAIN} and {counts[(REPORTED_GAIN, 'all')]} gain > {REPORTED_GAIN} "
        f"within a year ({counts[(REPORTED_GAIN, 'large')]} of the large ones > "
        f"{REPORTED_GAIN}). Of the large ones, {counts[(MAX_ANNUAL_GAIN, 'later')]} gain > "
        f"{MAX_ANNUAL_GAIN} in a window that starts a year or more after the base year "
        "(the rest only in the first year, where compute grows fastest and the calibrated "
        f"frontier sits among many thresholds). Largest gains: {worst}. Elementary school "
        f"teachers ({TEACHERS}): {_path_text(occupations, TEACHERS, years_path)}."
    )


def _path_text(
    occupations: pd.DataFrame, code: str, years_path: tuple[FloatArray, FloatArray]
) -> str:
    years, path = years_path
    row = _row(occupations, code)
    shown = np.isclose(np.mod(years - years[0], SHOWN_EVERY_YEARS), 0.0)
    return ", ".join(f"{year:.0f} {path[k, row]:.2f}" for k, year in enumerate(years) if shown[k])


def _row(occupations: pd.DataFrame, code: str) -> int:
    return int(np.flatnonzero(occupations["occupation_code"].to_numpy() == code)[0])


def ordering_check(inputs: ValidationInputs) -> CheckResult:
    """Radiologists' baseline exposure is above registered nurses' at every step."""
    occupations = inputs.tables.occupations
    years, path = baseline_exposure_path(inputs)
    gap = path[:, _row(occupations, RADIOLOGISTS)] - path[:, _row(occupations, NURSES)]
    nurses_end = float(path[-1, _row(occupations, NURSES)])
    return CheckResult(
        name="seed_exposure_ordering",
        description=(
            "Baseline exposure of radiologists (29-1224) minus registered nurses (29-1141) "
            "at every step."
        ),
        published="seed: radiologists near the frontier, nurses far from it",
        source="Seed podcast (scenarios/seed-podcast.toml); issue 8",
        ours=f"smallest gap {gap.min():.2f} (year {years[int(np.argmin(gap))]:.2f})",
        band="gap > 0 at every step; nurses' exposure may exceed 0 by the horizon",
        passed=bool(np.all(gap > 0.0)),
        notes=(
            f"Radiologists: {_path_text(occupations, RADIOLOGISTS, (years, path))}. "
            f"Registered nurses: {_path_text(occupations, NURSES, (years, path))} "
            f"({nurses_end:.2f} in {years[-1]:.0f})."
        ),
        metrics={"smallest_gap": float(gap.min()), "nurses_exposure_horizon": nurses_end},
    )
