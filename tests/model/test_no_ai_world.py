"""The no-AI world from a cache (sim.model.no_ai_world): identical results, a complete key."""

from __future__ import annotations

import math

import numpy as np
import pytest

from sim.conventions import AI_WORLD, NO_AI_WORLD
from sim.errors import LaborsimError
from sim.model import LaborMarketModel
from sim.model.no_ai_world import NoAiCache, compute_with_cache, no_ai_key
from sim.model.run_arrays import HISTORY_WORLD_AXIS, History
from sim.params._field import Role
from sim.params.scenario import derive
from sim.params.sweepable import Sweepable, declared

#: An AI parameter: capability growth after the base year never reaches the no-AI world.
AI_ONLY = {"capability.hardware_doubling_years": 1.5}
#: Inputs of the no-AI world from several blocks (each must change its key and its results).
NO_AI_INPUTS = {
    "labor.reemployment_rate_per_year": 3.0,
    "closure.policy_offset_share": 0.3,
    "wages.bargaining_share": 0.3,
    "demand.cycle_amplitude": 0.05,
    "adoption.bass_imitation_per_year": 0.9,
    "exposure.readiness_span_doublings": 10.0,
}


def _computed(scenario, tables, cache=None):
    model = LaborMarketModel(scenario, tables)
    if cache is None:
        model.compute_to_horizon()
    else:
        compute_with_cache(model, cache)
    return model


def _frames(model, base_year):
    return (
        model.recorder.occupation_frame(base_year),
        model.recorder.economy_frame(model.capability),
        model.recorder.transitions_frame(base_year),
    )


def _world(model, world):
    """Every recorded array of one world, and its final state (scratch aside)."""
    arrays = []
    for name, array in zip(History._fields, model.recorder.history, strict=True):
        axis = HISTORY_WORLD_AXIS[name]
        if axis is not None:
            arrays.append(np.take(array, world, axis=axis))
    arrays.append(model.recorder.edge_flows[:, world])
    return arrays + [a.copy() for a in model.state.world_arrays(world)]


def _assert_same(left, right):
    assert len(left) == len(right)
    for a, b in zip(left, right, strict=True):
        np.testing.assert_array_equal(a, b)


def test_a_cache_hit_gives_bit_identical_frames_and_state(toy_scenario, toy_tables):
    cache = NoAiCache()
    plain = _computed(toy_scenario, toy_tables)
    first = _computed(toy_scenario, toy_tables, cache)
    second = _computed(toy_scenario, toy_tables, cache)
    assert (cache.hits, cache.misses) == (1, 1)
    for model in (first, second):
        for ours, expected in zip(_frames(model, 2025), _frames(plain, 2025), strict=True):
            assert ours.equals(expected)
        for world in (AI_WORLD, NO_AI_WORLD):
            _assert_same(_world(model, world), _world(plain, world))
    assert plain.recorder.transitions_frame(2025) is not None  # the edge flows were compared


def test_an_ai_parameter_keeps_the_no_ai_world_and_hits_the_cache(toy_scenario, toy_tables):
    cache = NoAiCache()
    base = _computed(toy_scenario, toy_tables, cache)
    varied_scenario = derive(toy_scenario, AI_ONLY)
    varied = _computed(varied_scenario, toy_tables, cache)
    assert cache.hits == 1
    expected = _computed(varied_scenario, toy_tables)  # without the cache
    _assert_same(_world(varied, NO_AI_WORLD), _world(expected, NO_AI_WORLD))
    _assert_same(_world(varied, AI_WORLD), _world(expected, AI_WORLD))
    _assert_same(_world(varied, NO_AI_WORLD), _world(base, NO_AI_WORLD))
    # not vacuous: the AI world moved
    employment = varied.recorder.history.employment, base.recorder.history.employment
    assert not np.array_equal(employment[0][:, AI_WORLD], employment[1][:, AI_WORLD])


@pytest.mark.parametrize("name", sorted(NO_AI_INPUTS))
def test_an_input_of_the_no_ai_world_changes_its_key_and_misses(name, toy_scenario, toy_tables):
    varied_scenario = derive(toy_scenario, {name: NO_AI_INPUTS[name]})
    base = LaborMarketModel(toy_scenario, toy_tables)
    varied = LaborMarketModel(varied_scenario, toy_tables)
    assert no_ai_key(varied) != no_ai_key(base)
    cache = NoAiCache()
    compute_with_cache(base, cache)
    compute_with_cache(varied, cache)
    assert (cache.hits, cache.misses) == (0, 2)
    pairs = zip(_world(varied, NO_AI_WORLD), _world(base, NO_AI_WORLD), strict=True)
    assert not all(np.array_equal(a, b) for a, b in pairs)  # the no-AI world did change


def _changed_value(item: Sweepable) -> float:
    """A valid value other than the default (the far end of the plausible range if any)."""
    if item.plausible is not None:
        low, high = item.plausible.low, item.plausible.high
        value = high if abs(high - item.default) >= abs(low - item.default) else low
    else:
        value = item.default + 1.0 if item.default == 0 else item.default * 1.5
    if not item.admits(value):
        value = (item.default + (item.upper if math.isfinite(item.upper) else item.default + 2)) / 2
    return round(value) if item.integer else value


EVERY_PARAMETER = [item for role in Role for item in declared(role)]


@pytest.mark.parametrize("item", EVERY_PARAMETER, ids=lambda item: item.name)
def test_no_parameter_changes_the_no_ai_world_without_changing_its_key(
    item, toy_scenario, toy_tables
):
    """The key is derived, not listed: for every declared parameter, same key => same world."""
    try:
        varied_scenario = derive(toy_scenario, {item.name: _changed_value(item)})
        varied = LaborMarketModel(varied_scenario, toy_tables)
    except LaborsimError:
        pytest.skip(f"{item.name}: the changed value is refused with the toy economy")
    base = LaborMarketModel(toy_scenario, toy_tables)
    if no_ai_key(varied) != no_ai_key(base):
        return
    base.compute_to_horizon()
    varied.compute_to_horizon()
    _assert_same(_world(varied, NO_AI_WORLD), _world(base, NO_AI_WORLD))


def test_the_key_needs_a_model_at_its_base_year(toy_scenario, toy_tables):
    model = _computed(toy_scenario, toy_tables)
    with pytest.raises(RuntimeError, match="base year"):
        no_ai_key(model)
    cache = NoAiCache()
    compute_with_cache(model, cache)  # already computed: left as it is, cache untouched
    assert (cache.hits, cache.misses) == (0, 0)


def test_the_cache_keeps_the_most_recently_used_worlds():
    cache = NoAiCache(entries=2)
    for key in ("a", "b"):
        cache.put(key, key)  # type: ignore[arg-type]
    assert cache.get("a") == "a"  # "b" is now the least recently used
    cache.put("c", "c")  # type: ignore[arg-type]
    assert cache.get("b") is None
    assert cache.get("a") == "a"
    assert cache.get("c") == "c"
    assert (cache.hits, cache.misses) == (3, 1)
