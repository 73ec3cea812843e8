"""Base elasticity lookup: estimated data set at a quantile, or the major-group table."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from sim.data import OccupationTables, validate_elasticities
from sim.errors import DataValidationError, ScenarioError
from sim.mechanisms.demand import elasticity_at_quantile
from sim.model.inputs import base_elasticity
from sim.params import Scenario, derive

CODES = np.array(["43-9001", "43-9002", "43-9003"])
LOW = np.array([0.1, 0.5, 1.2])
CENTRAL = np.array([0.2, 1.0, 2.0])
HIGH = np.array([0.4, 1.5, 5.0])


def _with_elasticities(tables: OccupationTables) -> OccupationTables:
    frame = pd.DataFrame(
        {
            "occupation_code": CODES,
            "elasticity_central": CENTRAL,
            "elasticity_low": LOW,
            "elasticity_high": HIGH,
            "elasticity_source": ["literature", "estimated", "pooled"],
        }
    )
    return dataclasses.replace(tables, elasticities=validate_elasticities(frame, "toy"))


def _estimated(quantile: float) -> Scenario:
    return derive(
        Scenario(),
        {"demand.elasticity_source": "estimated", "demand.elasticity_quantile": quantile},
    )


# --- interpolation -------------------------------------------------------------------------


@pytest.mark.parametrize(("quantile", "expected"), [(0.0, LOW), (0.5, CENTRAL), (1.0, HIGH)])
def test_quantile_hits_low_central_high(quantile: float, expected: np.ndarray) -> None:
    np.testing.assert_allclose(elasticity_at_quantile(LOW, CENTRAL, HIGH, quantile), expected)


def test_quantile_is_linear_in_log_elasticity() -> None:
    np.testing.assert_allclose(
        elasticity_at_quantile(LOW, CENTRAL, HIGH, 0.25), np.sqrt(LOW * CENTRAL)
    )
    np.testing.assert_allclose(
        elasticity_at_quantile(LOW, CENTRAL, HIGH, 0.75), np.sqrt(CENTRAL * HIGH)
    )


def test_quantile_is_monotone() -> None:
    values = [elasticity_at_quantile(LOW, CENTRAL, HIGH, q) for q in np.linspace(0, 1, 21)]
    assert (np.diff(np.array(values), axis=0) >= 0).all()


# --- lookup ---------------------------------------------------------------------------------


@pytest.mark.parametrize("quantile", [0.0, 0.3, 0.5, 0.8, 1.0])
def test_estimated_source_reads_the_data_set(toy_tables: OccupationTables, quantile: float) -> None:
    got = base_elasticity(_with_elasticities(toy_tables), _estimated(quantile))
    np.testing.assert_allclose(got, elasticity_at_quantile(LOW, CENTRAL, HIGH, quantile))


def test_major_group_source_keeps_the_group_table(toy_tables: OccupationTables) -> None:
    scenario = derive(
        Scenario(),
        {
            "demand.elasticity_source": "major_group",
            "demand.elasticity_by_major_group": {"43": 0.7},
            "demand.elasticity_by_occupation": {"43-9003": 3.0},
        },
    )
    got = base_elasticity(_with_elasticities(toy_tables), scenario)
    np.testing.assert_allclose(got, [0.7, 0.7, 3.0])


def test_estimated_without_table_names_the_file(toy_tables: OccupationTables) -> None:
    with pytest.raises(DataValidationError, match=r"elasticities\.csv.*major_group"):
        base_elasticity(toy_tables, _estimated(0.5))


# --- parameter rules ------------------------------------------------------------------------


def test_quantile_without_estimated_source_is_rejected() -> None:
    with pytest.raises(ScenarioError, match=r"elasticity_quantile = 0\.9 moves only estimated"):
        derive(
            Scenario(),
            {"demand.elasticity_source": "major_group", "demand.elasticity_quantile": 0.9},
        )


def test_group_table_with_estimated_source_is_rejected() -> None:
    with pytest.raises(ScenarioError, match=r"apply only with elasticity_source = 'major_group'"):
        derive(
            Scenario(),
            {
                "demand.elasticity_source": "estimated",
                "demand.elasticity_by_major_group": {"43": 2},
            },
        )


def test_quantile_out_of_range_is_rejected() -> None:
    with pytest.raises(ScenarioError, match=r"elasticity_quantile.*allowed: \[0, 1\]"):
        _estimated(1.5)


# --- table checks ---------------------------------------------------------------------------


def test_elasticity_table_rejects_unordered_range() -> None:
    frame = pd.DataFrame(
        {
            "occupation_code": ["43-9001"],
            "elasticity_central": [0.5],
            "elasticity_low": [0.6],
            "elasticity_high": [0.9],
            "elasticity_source": ["estimated"],
        }
    )
    with pytest.raises(DataValidationError, match=r"broken\.csv.*out of order: 43-9001"):
        validate_elasticities(frame, "broken.csv")


def test_elasticity_table_rejects_non_positive_value() -> None:
    frame = pd.DataFrame(
        {
            "occupation_code": ["43-9001"],
            "elasticity_central": [0.0],
            "elasticity_low": [0.0],
            "elasticity_high": [0.9],
            "elasticity_source": ["estimated"],
        }
    )
    with pytest.raises(DataValidationError, match=r"broken\.csv: column 'elasticity_central'"):
        validate_elasticities(frame, "broken.csv")
