"""Shared fixtures: a tiny hand-made economy, default scenario, seeded generator."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import pytest

from sim.data import (
    OccupationTables,
    validate_occupations,
    validate_tasks,
    validate_transitions,
)
from sim.model.inputs import OWN_SCORE_COLUMNS
from sim.params.scenario import Scenario, derive

OCCUPATION_DEFAULTS: dict[str, Any] = {
    "major_group_code": "43-0000",
    "major_group_title": "Office and Administrative Support Occupations",
    "employment": 100_000.0,
    "mean_wage": 50_000.0,
    "median_wage": 45_000.0,
    "wage_source": "annual",
    "job_zone": 2.0,
    "task_definedness": 0.5,
    "data_availability": 0.5,
    "economic_value": 0.5,
    "physical_barrier": 0.0,
    "interpersonal_barrier": 0.0,
    "criteria_source": "onet",
    "eloundou_beta_gpt4": 0.5,
    "eloundou_beta_human": 0.5,
    "frey_osborne_probability": 0.5,
    "frey_osborne_source": "crosswalk",
    "bls_projected_change_pct": 0.0,
    "labor_force_exit_rate_pct": 3.0,
    "occupational_transfer_rate_pct": 5.0,
    "source": "oews_may2025",
}
TASK_DEFAULTS: dict[str, Any] = {
    "task_type": "core",
    "routine_info_share": 1.0,
    "data_share": 1.0,
    "physical_share": 0.0,
    "interpersonal_share": 0.0,
    "eloundou_human": "E1",
    "eloundou_gpt4": "E1",
    "eloundou_imputed": False,
    "borrowed": False,
}


def make_tables(
    occupations: Sequence[dict[str, Any]], tasks_per_occupation: int = 4
) -> OccupationTables:
    """Validated tables for a toy economy; each occupation gets identical tasks.

    A task's own criteria scores default to its occupation's scores, so toy
    readiness does not depend on ``exposure.task_evidence_share``.
    """
    rows = []
    task_rows = []
    for number, overrides in enumerate(occupations):
        code = overrides.get("occupation_code", f"43-{9000 + number:04d}")
        rows.append(
            {
                **OCCUPATION_DEFAULTS,
                "occupation_code": code,
                "title": f"Toy occupation {number}",
                "n_tasks": tasks_per_occupation,
                **overrides,
            }
        )
        task_overrides = overrides.get("_task", {})
        own_scores = {own: rows[-1][name] for name, own in OWN_SCORE_COLUMNS.items()}
        for task in range(tasks_per_occupation):
            task_rows.append(
                {
                    "occupation_code": code,
                    "onet_code": f"{code}.00",
                    "task_id": 1000 * number + task + 1,
                    "task": f"toy task {task}",
                    **TASK_DEFAULTS,
                    **own_scores,
                    **task_overrides,
                }
            )
    frame = pd.DataFrame(rows).drop(columns=["_task"], errors="ignore")
    return OccupationTables(
        occupations=validate_occupations(frame, "toy occupations"),
        tasks=validate_tasks(pd.DataFrame(task_rows), "toy tasks"),
        transitions=validate_transitions(
            pd.DataFrame(columns=["source_code", "target_code", "relatedness", "origin"]),
            "toy transitions",
        ),
    )


@pytest.fixture
def toy_tables() -> OccupationTables:
    """Three occupations with inelastic, unit and elastic demand (set in toy_scenario)."""
    return make_tables(
        [
            {"occupation_code": "43-9001", "task_definedness": 0.9, "data_availability": 0.9},
            {"occupation_code": "43-9002", "task_definedness": 0.6},
            {"occupation_code": "43-9003", "economic_value": 0.8, "physical_barrier": 0.2},
        ]
    )


@pytest.fixture
def toy_scenario() -> Scenario:
    """Ten yearly-stepped years, noiseless thresholds, no trend, elasticities 0.2/1/2, no
    binding labour-force ceiling."""
    return derive(
        Scenario(),
        {
            "run.base_year": 2025,
            "run.horizon_year": 2035,
            "run.steps_per_year": 12,
            "exposure.difficulty_noise_sd_doublings": 0.0,
            "exposure.difficulty_ready_log2_minutes": 0.0,
            "exposure.readiness_span_doublings": 16.0,
            # No income effect: full pass-through, nothing re-spent (partial equilibrium).
            "demand.price_pass_through": 1.0,
            "closure.consumer_mpc": 0.0,
            "closure.profit_respending_rate": 0.0,
            "closure.policy_offset_share": 0.0,
            "closure.consumer_spending_cap": float("inf"),  # partial equilibrium
            "demand.saturation_output_multiple": float("inf"),
            "demand.elasticity_source": "major_group",
            "demand.elasticity_by_occupation": {"43-9001": 0.2, "43-9002": 1.0, "43-9003": 2.0},
            # The elastic toy occupation may grow far beyond 1.66x the toy economy; the
            # analytic tests check demand and labour without rationing.
            "labor.labour_force_ceiling_multiple": 10.0,
        },
    )


@pytest.fixture
def rng() -> np.random.Generator:
    """A seeded generator for tests that draw."""
    return np.random.default_rng(12345)
