"""Per-task readiness: the criteria blend occupation scores with each task's own scores."""

import dataclasses

import numpy as np
import pytest
from numpy.testing import assert_allclose

from sim.model.inputs import task_readiness_and_barrier
from sim.params.scenario import Scenario, derive
from tests.conftest import make_tables


def readiness_for(share: float) -> np.ndarray:
    tables = make_tables([{"task_definedness": 0.6, "data_availability": 0.3}])
    tasks = tables.tasks.copy()
    tasks["own_definedness"] = [0.0, 0.2, 0.8, 1.0]
    scenario = derive(Scenario(), {"exposure.task_evidence_share": share})
    ready, _ = task_readiness_and_barrier(dataclasses.replace(tables, tasks=tasks), scenario)
    return ready


def test_without_task_evidence_every_task_has_the_occupation_readiness():
    assert_allclose(readiness_for(0.0), (0.6 + 0.3 + 0.5) / 3)


def test_task_evidence_spreads_readiness_within_the_occupation():
    ready = readiness_for(1.0)
    assert_allclose(ready, (np.array([0.0, 0.2, 0.8, 1.0]) + 0.3 + 0.5) / 3)
    assert np.all(np.diff(ready) > 0)


@pytest.mark.parametrize("share", [0.25, 0.5, 0.75])
def test_readiness_is_linear_in_the_evidence_share(share):
    expected = (1 - share) * readiness_for(0.0) + share * readiness_for(1.0)
    assert_allclose(readiness_for(share), expected)
