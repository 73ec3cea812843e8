"""Aging and settling the pool bin by bin: the same numbers as occupation by occupation.

:func:`~sim.mechanisms.unemployment_pool.age_pool` and
:func:`~sim.mechanisms.unemployment_pool.settle_pool` walk the duration bins
as contiguous rows; the references below are the earlier formulation (each
occupation's bins in turn, an empty pool skipped), written in Python.  Both
must agree exactly, on a hand-made pool (an empty occupation, one with
joiners only, a negligible pool) and on a real state of the baseline run.
The earlier rule filled a fixed share ``eta`` of the open vacancies from
outside the labour force: it is entry at elasticity 1.  Entry at the default
elasticity is checked against its equation below.
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
        # the old rule, a fixed share eta of the open vacancies, is elasticity 1
        settle_pool(
            c.rates._replace(entry_elasticity=1.0),
            c.matching,
            ours.labour,
            ours.search,
            ours.flows,
            ours.scratch,
            model.kernel_paths.entry_reference[61],
            w,
        )
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


def entry_after(model, open_share, elasticity=None):
    """Entrants and open vacancies (worlds, occupations) after settling a real state whose
    vacancies open after matching total ``open_share`` times the step's reference (spread
    over occupations as at the steady state)."""
    state = copied(model.state)
    c, t = model.kernel_constants, 61
    rates = c.rates if elasticity is None else c.rates._replace(entry_elasticity=elasticity)
    reference = model.kernel_paths.entry_reference[t]
    spread = model.steady_state.open_after_matching / model.steady_state.open_after_matching.sum()
    open_after = np.empty_like(state.labour.vacancies)
    for w in range(state.labour.employment.shape[0]):
        state.scratch.reemployed_from[w] = 0.3 * state.scratch.effective[w]
        state.labour.vacancies[w] = open_share * reference * spread + state.flows[REEMPLOYED, w]
        open_after[w] = np.maximum(state.labour.vacancies[w] - state.flows[REEMPLOYED, w], 0.0)
        settle_pool(
            rates, c.matching, state.labour, state.search, state.flows, state.scratch, reference, w
        )
    return state.flows[ENTRANTS], open_after, rates, reference


def test_entrants_fill_the_share_eta_at_the_reference(model):
    entrants, open_after, rates, reference = entry_after(model, 1.0)
    assert rates.entry_elasticity == pytest.approx(0.31)
    assert (open_after > 0.0).sum() > 1400  # occupations with vacancies on the trend path
    np.testing.assert_allclose(open_after.sum(axis=1), reference, rtol=1e-12)
    np.testing.assert_allclose(entrants, rates.entrant_fill * open_after, rtol=1e-10)


@pytest.mark.parametrize("open_share", [1e-6, 1e-3, 0.02, 0.3, 0.7, 1.5, 4.0, 100.0])
def test_entrants_follow_the_cobb_douglas_meeting_and_never_exceed_the_open_vacancies(
    model, open_share
):
    entrants, open_after, rates, reference = entry_after(model, open_share)
    eta, epsilon = rates.entrant_fill, rates.entry_elasticity
    total = open_after.sum(axis=1, keepdims=True)  # every occupation's share is the same
    expected = np.minimum(eta * total**epsilon * reference ** (1.0 - epsilon), total)
    np.testing.assert_allclose(entrants.sum(axis=1, keepdims=True), expected, rtol=1e-12)
    np.testing.assert_allclose(entrants, open_after * (expected / total), rtol=1e-12)
    assert (entrants <= open_after * (1.0 + 1e-15)).all()
    assert (entrants >= 0.0).all()
    if open_share < 1.0:  # scarcer vacancies than on the trend: outsiders fill a larger share
        filled = open_after > 0.0
        assert (entrants[filled] > eta * open_after[filled]).all()


def test_entry_moves_with_open_vacancies_at_the_elasticity(model):
    low, low_open, rates, _ = entry_after(model, 0.5)
    high, high_open, _, _ = entry_after(model, 0.8)
    slope = np.log(high.sum(axis=1) / low.sum(axis=1)) / np.log(
        high_open.sum(axis=1) / low_open.sum(axis=1)
    )
    np.testing.assert_allclose(slope, rates.entry_elasticity, rtol=1e-9)
    unit, _, _, _ = entry_after(model, 0.5, elasticity=1.0)  # the old rule: a fixed share
    np.testing.assert_array_equal(unit, rates.entrant_fill * low_open)
