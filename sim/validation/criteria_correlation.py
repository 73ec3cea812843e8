"""Check 3: does the criteria-based exposure rank occupations like the published indices?

The model's (assisted) exposure of occupation i at log10 effective compute c
is the time-weighted mean success probability of its tasks (difficulties from
the data set's criteria, the baseline scenario and its seed stream, as in
:mod:`sim.model.calibration`).  Its *level* at GPT-4's horizon is calibrated
to Eloundou et al.'s unweighted beta; its *ranking* is not fitted to anything.
This check reports the Spearman rank correlation of that ranking with
Eloundou et al.'s beta and with Frey & Osborne's probability over
occupations whose criteria come from their own O*NET data.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.data import FREY_OSBORNE_MATCHED_SOURCES, ONET_CRITERIA_SOURCES
from sim.mechanisms.capability import capability_path
from sim.mechanisms.exposure import TaskSet, exposure_at
from sim.model.calibration import calibrate_difficulty_ready, gpt4_assisted_share, run_task_set
from sim.validation.inputs import ValidationInputs
from sim.validation.result import CheckResult

#: Compute level of the comparison: the 2025 frontier (log10 effective compute 0).
REFERENCE_LOG10_COMPUTE = 0.0
#: Later years of the baseline capability path also reported.
LATER_YEARS = (2030.0, 2035.0)
#: Pass if Spearman's rho is at least 0.70 with the GPT-4 beta and at least 0.65 with
#: the human beta: the bands issue 8 states for task-level readiness (before its
#: result was known).  They replace issue 4's weaker band (rho > 0.3 with both, Cohen
#: 1988's "medium" correlation), which the occupation-level readiness met at 0.50 /
#: 0.45; the criteria aim at the same language/data intensity as the Eloundou rubric,
#: so a strong association is asked for once each task is scored on its own activities.
MIN_RHO_ELOUNDOU = {"GPT-4": 0.70, "human": 0.65}
BETA_COLUMNS = {"GPT-4": "eloundou_beta_gpt4", "human": "eloundou_beta_human"}
FREY_OSBORNE_COLUMN = "frey_osborne_probability"


def criteria_tasks(inputs: ValidationInputs) -> TaskSet:
    """The baseline's task thresholds, exactly as its run draws them."""
    return run_task_set(inputs.baseline, inputs.tables)


def rank_correlations(exposure: np.ndarray, occupations: pd.DataFrame) -> dict[str, float]:
    """Spearman rho of ``exposure`` with each Eloundou beta and with Frey-Osborne p."""
    own = occupations["criteria_source"].isin(ONET_CRITERIA_SOURCES).to_numpy()
    matched = occupations["frey_osborne_source"].isin(FREY_OSBORNE_MATCHED_SOURCES).to_numpy()
    ours = pd.Series(exposure)
    rho = {
        rater: _spearman(ours[own], occupations[column][own])
        for rater, column in BETA_COLUMNS.items()
    }
    both = own & matched
    rho["Frey-Osborne"] = _spearman(ours[both], occupations[FREY_OSBORNE_COLUMN][both])
    return rho


def _spearman(left: pd.Series, right: pd.Series) -> float:
    return float(left.reset_index(drop=True).corr(right.reset_index(drop=True), method="spearman"))


def criteria_correlation_check(inputs: ValidationInputs) -> CheckResult:
    """Spearman rho of criteria exposure (2025 frontier) with Eloundou beta and Frey-Osborne p."""
    occupations = inputs.tables.occupations
    tasks = criteria_tasks(inputs)
    rho = rank_correlations(exposure_at(REFERENCE_LOG10_COMPUTE, tasks), occupations)
    later = capability_path(np.array(LATER_YEARS), inputs.baseline.capability)
    rho_later = {
        year: rank_correlations(exposure_at(float(level), tasks), occupations)
        for year, level in zip(LATER_YEARS, later.log10_effective_compute, strict=True)
    }
    passed = all(rho[rater] >= band for rater, band in MIN_RHO_ELOUNDOU.items())
    return CheckResult(
        name="criteria_vs_published_exposure",
        description=(
            "Spearman rank correlation of the model's criteria-based exposure at the "
            "2025 frontier (log10 effective compute 0) with Eloundou beta and "
            "Frey-Osborne probability; reported, not tuned."
        ),
        published="no published value: a positive association with Eloundou beta expected",
        source=(
            "Eloundou et al. (2024) occupation beta; Frey & Osborne (2017) probabilities; "
            "band: issue 8"
        ),
        ours=(
            f"rho = {rho['GPT-4']:.2f} (GPT-4 beta), {rho['human']:.2f} (human beta), "
            f"{rho['Frey-Osborne']:.2f} (Frey-Osborne)"
        ),
        band=(
            f"rho >= {MIN_RHO_ELOUNDOU['GPT-4']:.2f} (GPT-4 beta) and "
            f">= {MIN_RHO_ELOUNDOU['human']:.2f} (human beta); Frey-Osborne reported only"
        ),
        passed=bool(passed),
        notes=_notes(inputs, rho_later, later.log10_effective_compute),
        metrics={
            "rho_gpt4": rho["GPT-4"],
            "rho_human": rho["human"],
            "rho_frey_osborne": rho["Frey-Osborne"],
        },
    )


def _notes(
    inputs: ValidationInputs, rho_later: dict[float, dict[str, float]], levels: np.ndarray
) -> str:
    occupations = inputs.tables.occupations
    own = occupations["criteria_source"].isin(ONET_CRITERIA_SOURCES)
    both = own & occupations["frey_osborne_source"].isin(FREY_OSBORNE_MATCHED_SOURCES)
    probability = occupations[FREY_OSBORNE_COLUMN][both]
    reference = {
        rater: _spearman(occupations[column][both], probability)
        for rater, column in BETA_COLUMNS.items()
    }
    calibration = calibrate_difficulty_ready(inputs.baseline, inputs.tables)
    achieved = gpt4_assisted_share(inputs.baseline, inputs.tables)
    later_text = "; ".join(
        f"{year:.0f} ({level:.1f} OOM): {r['GPT-4']:.2f} / {r['human']:.2f} / "
        f"{r['Frey-Osborne']:.2f}"
        for (year, r), level in zip(rho_later.items(), levels, strict=True)
    )
    return (
        f"Over the {int(own.sum())} occupations with their own O*NET criteria "
        f"({int(both.sum())} with a matched Frey-Osborne probability for that "
        f"column). Baseline capability path, rho GPT-4 / human / Frey-Osborne: {later_text}. "
        "For scale, Eloundou beta itself correlates with Frey-Osborne at "
        f"{reference['GPT-4']:.2f} (GPT-4) / {reference['human']:.2f} (human): the "
        "LLM-era and 2013 indices rank occupations differently. Level calibration "
        "(sim/model/calibration.py): target Eloundou beta at GPT-4's horizon "
        f"{calibration.target_share:.3f} (unweighted share of tasks assisted); baseline "
        "difficulty_ready_log2_minutes = "
        f"{inputs.baseline.exposure.difficulty_ready_log2_minutes:g} gives {achieved:.3f}; "
        f"bisection gives {calibration.difficulty_ready_log2_minutes:.2f} -> "
        f"{calibration.achieved_share:.3f}. The ranking is not fitted; "
        "exposure.task_evidence_share = "
        f"{inputs.baseline.exposure.task_evidence_share:g} was chosen among 0, 0.5 and 1 "
        "by a rule stated before the results (docs/model.md, task-level readiness)."
    )
