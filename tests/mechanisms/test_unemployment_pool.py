"""Aging and settling the pool bin by bin: the same numbers as occupation by occupation.

:func:`~sim.mechanisms.unemployment_pool.age_pool` and
:func:`~sim.mechanisms.unemployment_pool.settle_pool` walk the duration bins
as contiguous rows; the references below are the earlier formulation (each
occupation's bins in turn, an empty pool skipped), written in Python.  Both
must agree exactly, on a hand-made pool (an empty occupation, one with
joiners only, a negligible pool) and on a real state of the baseline run.
"""

from __future__ import annotations

import numpy as np
import pytest

from sim.experiments.runner import load_tables
from sim.io.scenario_files import load_scenario
from sim.mechanisms.labor import (
    ATTRITION,
    ENTRANTS,
    HIRES,
    LAYOFFS,
    REEMPLOYED,
    UNEMPLOYED_EXITS,
    UNEMPLOYMENT_ENTRANTS,
)
from sim.mechanisms.unemployment_pool import age_pool, settle_pool
from sim.model import LaborMarketModel
from tests.model.test_kernel import BASELINE


def reference_age(by_duration, unemployed, flows, effectiveness, pool, effective, w):
    """The earlier age_pool: one occupation at a time, nobody there and nobody joining skipped."""
    last = by_duration.shape[0] - 1
    anybody = False
    for i in range(by_duration.shape[1]):
        joining = flows[LAYOFFS, w, i] + flows[UNEMPLOYMENT_ENTRANTS, w, i]
        if unemployed[i] == 0.0 and joining == 0.0:
            pool[i] = effective[i] = 0.0
            continue
        by_duration[last, i] = by_duration[last - 1, i] + by_duration[last, i]
        for d in range(last - 1, 0, -1):
            by_duration[d, i] = by_duration[d - 1, i]
        by_duration[0, i] = joining
        pooled = weighted = 0.0
        for d in range(last + 1):
            pooled += by_duration[d, i]
            weighted += effectiveness[d] * by_duration[d, i]
        pool[i], effective[i] = pooled, weighted
        anybody = anybody or pooled != 0.0
    return anybody


def reference_settle(rates, matching, labour, search, flows, scratch, w):
    """The earlier settle_pool: one occupation at a time, an empty pool skipped."""
    by_duration = search.by_duration[w]
    for i in range(by_duration.shape[1]):
        pool, found = scratch.pool[w, i], scratch.reemployed_from[w, i]
        effective = scratch.effective[w, i]
        success = found / effective if effective > 0.0 else 0.0
        unemployed = 0.0
        if pool != 0.0:
            for d in range(by_duration.shape[0]):
                stay = (1.0 - matching.effectiveness[d] * success) * (1.0 - rates.unemployed_exit)
                by_duration[d, i] = by_duration[d, i] * stay
                unemployed += by_duration[d, i]
        exits = (pool - found) * rates.unemployed_exit
        if 0.0 < unemployed < matching.negligible_pool:
            exits = exits + unemployed
            unemployed = 0.0
            by_duration[:, i] = 0.0
        labour.unemployed[w, i] = unemployed
        reemployed = flows[REEMPLOYED, w, i]
        open_after = max(labour.vacancies[w, i] - reemployed, 0.0)
        entrants = rates.entrant_fill * open_after
        flows[ENTRANTS, w, i] = entrants
        flows[HIRES, w, i] = reemployed + entrants
        flows[UNEMPLOYED_EXITS, w, i] = exits
        labour.employment[w, i] = labour.employment[w, i] + reemployed + entrants
        labour.vacancies[w, i] = open_after - entrants
        labour.exits[w, i] = labour.exits[w, i] + flows[ATTRITION, w, i] + exits
        with_entrants = labour.entrants[w, i] + entrants
        labour.entrants[w, i] = with_entrants + flows[UNEMPLOYMENT_ENTRANTS, w, i]


def copied(state):
    """A deep copy of a kernel state (named tuples of arrays)."""
    return type(state)(
        *(part.copy() if isinstance(part, np.ndarray) else copied(part) for part in state)
    )


def same(a, b) -> bool:
    """Equal arrays everywhere (named tuples of arrays compared part by part)."""
    if isinstance(a, np.ndarray):
        return np.array_equal(a, b)
    return all(same(x, y) for x, y in zip(a, b, strict=True))


@pytest.fixture(scope="module")
def model():
    scenario = load_scenario(BASELINE)
    model = LaborMarketModel(scenario, load_tables(scenario))
    model._advance(1, 61)  # five years in: pools, flows and vacancies of a real run
    return model


def hand_made(model):
    """The real state with occupation 0 empty, 1 holding joiners only, 2 a negligible pool."""
    state = copied(model.state)
    state.search.by_duration[:, :, 0] = 0.0
    state.labour.unemployed[:, 0] = 0.0
    state.flows[LAYOFFS, :, 0] = state.flows[UNEMPLOYMENT_ENTRANTS, :, 0] = 0.0
    state.search.by_duration[:, :, 1] = 0.0
    state.labour.unemployed[:, 1] = 0.0
    state.search.by_duration[:, :, 2] = 1e-3 * model.matching.negligible_pool
    state.flows[LAYOFFS, :, 2] = state.flows[UNEMPLOYMENT_ENTRANTS, :, 2] = 0.0
    return state


@pytest.mark.parametrize("case", ["real", "hand-made"])
def test_pool_stages_give_the_numbers_of_the_occupation_by_occupation_form(model, case):
    state = copied(model.state) if case == "real" else hand_made(model)
    ours, theirs = copied(state), copied(state)
    c = model.kernel_constants
    for w in range(state.labour.employment.shape[0]):
        for s, age in ((ours, age_pool), (theirs, reference_age)):
            anybody = age(
                s.search.by_duration[w],
                s.labour.unemployed[w],
                s.flows,
                c.matching.effectiveness,
                s.scratch.pool[w],
                s.scratch.effective[w],
                w,
            )
            assert anybody
        theirs.scratch.reemployed_from[w] = ours.scratch.reemployed_from[w] = (
            0.3 * ours.scratch.effective[w]  # as matching would: at most the effective pool
        )
        settle_pool(c.rates, c.matching, ours.labour, ours.search, ours.flows, ours.scratch, w)
        reference_settle(
            c.rates, c.matching, theirs.labour, theirs.search, theirs.flows, theirs.scratch, w
        )
    for name in ("search", "labour", "flows"):
        assert same(getattr(ours, name), getattr(theirs, name)), name
    assert same(ours.scratch.pool, theirs.scratch.pool)
    assert same(ours.scratch.effective, theirs.scratch.effective)
    if case == "hand-made":
        assert (ours.scratch.pool[:, 0] == 0.0).all()
        assert (ours.search.by_duration[:, :, 2] == 0.0).all()  # the negligible pool left
