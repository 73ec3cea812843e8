"""The no-AI world computed once per distinct set of its inputs (sweeps that vary AI parameters).

World 1 (no AI progress: effective compute frozen at the base year) is
advanced by the compiled loop (:func:`sim.model.kernel.advance`) from these
inputs and nothing else:

- the loop's constants (:class:`~sim.model.kernel.KernelConstants`: demand
  curves and closure, step rates, the mobility network's CSR arrays, the wage
  rule), shared by both worlds;
- world 1's row of the paths: ``ln A`` of every step (the base year's exposure
  with its adoption carried on), the non-AI labour trend, its growth without the demand
  cycle and the reference vacancies of entry from outside the labour force;
- world 1's base-year state (every array of :class:`~sim.model.kernel.KernelState`);
- the run's shape: steps, steps per year, the edge-flow columns.

No stage reads one world's values while advancing another (each takes a world
index; the paired passes over the network keep one sum per world, the same sum
whichever world it is paired with), so world 1's history, edge flows and final
state are a function of these inputs.  :func:`no_ai_key` digests exactly them
(SHA-1 of their bytes, field by field): the key is derived from the arrays the
loop reads, not from a list of parameters, so any parameter that reaches the
no-AI world, by any path and including ones added later, changes the key, and
one that does not (capability growth after the base year) leaves it alone.
The seed reaches it only through those arrays (task difficulty draws set the
base year's exposure).

:func:`compute_with_cache` runs a fresh model to its horizon: on a cache hit
the loop advances the AI world alone and world 1's results are copied in from
the cache (bit-identical: the same compiled code on the same inputs).  The
cache (:class:`NoAiCache`) is an object its owner keeps, one per process (a
sweep's evaluator in each worker): runs on different workers do not share it.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
from numpy.typing import NDArray

from sim.conventions import AI_WORLD, NO_AI_WORLD
from sim.model.run_arrays import HISTORY_WORLD_AXIS, History

if TYPE_CHECKING:
    from sim.model.model import LaborMarketModel

FloatArray = NDArray[np.float64]
#: No-AI worlds a cache keeps (least recently used first out), each a few MB (the
#: world's history every step); a Sobol design's runs that share one come together.
CACHE_ENTRIES = 4


def no_ai_key(model: LaborMarketModel) -> str:
    """Digest of every input of the no-AI world of a model not yet advanced (module docstring).

    Raises
    ------
    RuntimeError
        If the model has already been advanced (its inputs are its base-year state).
    """
    if model.computed_steps != 0:
        raise RuntimeError("the no-AI world's key needs a model at its base year")
    digest = hashlib.sha1(usedforsecurity=False)
    _digest(digest, model.kernel_constants)
    _digest(digest, model.kernel_paths.log_productivity[:, NO_AI_WORLD])
    _digest(digest, model.kernel_paths.labour_trend)
    _digest(digest, model.kernel_paths.trend_growth)
    _digest(digest, model.kernel_paths.entry_reference)
    for array in model.state.world_arrays(NO_AI_WORLD):
        _digest(digest, array)
    run = model.config.run
    _digest(digest, (model.config.n_steps, run.steps_per_year, model.recorder.edge_flows.shape))
    return digest.hexdigest()


def _digest(digest: hashlib._Hash, value: object) -> None:
    """Add ``value`` (an array, a number, None, or a tuple of them, nested) to ``digest``."""
    if isinstance(value, np.ndarray):
        digest.update(f"{value.dtype.str}{value.shape}".encode())
        digest.update(np.ascontiguousarray(value).data)
    elif isinstance(value, tuple):
        digest.update(f"({len(value)}".encode())
        for item in value:
            _digest(digest, item)
    elif value is None or isinstance(value, bool | int | float | np.number):
        digest.update(f"{type(value).__name__}:{value!r};".encode())
    else:
        raise TypeError(f"no-AI key: cannot digest a {type(value).__name__}")


class NoAiWorld(NamedTuple):
    """Copies of what a computed run holds of its no-AI world."""

    history: dict[str, FloatArray]
    """World 1 of each :class:`~sim.model.run_arrays.History` array that has worlds."""
    edge_flows: FloatArray
    """World 1's re-employment by edge and year, (years, edges)."""
    state: list[FloatArray]
    """World 1 of every array of the final :class:`~sim.model.kernel.KernelState`."""

    @classmethod
    def of(cls, model: LaborMarketModel) -> NoAiWorld:
        """Copies of ``model``'s no-AI world (a model computed to its horizon)."""
        return cls(
            {name: view.copy() for name, view in _history_views(model.recorder.history).items()},
            model.recorder.edge_flows[:, NO_AI_WORLD].copy(),
            [view.copy() for view in model.state.world_arrays(NO_AI_WORLD)],
        )

    def restore(self, model: LaborMarketModel) -> None:
        """Write this no-AI world into ``model`` (whose AI world alone was computed)."""
        for name, view in _history_views(model.recorder.history).items():
            view[...] = self.history[name]
        model.recorder.edge_flows[:, NO_AI_WORLD] = self.edge_flows
        for view, kept in zip(model.state.world_arrays(NO_AI_WORLD), self.state, strict=True):
            view[...] = kept


def _history_views(history: History) -> dict[str, FloatArray]:
    """World 1's view of each history array with worlds (every field must be declared)."""
    views = {}
    for name, array in zip(History._fields, history, strict=True):
        axis = HISTORY_WORLD_AXIS[name]  # a new field without a declared axis fails here
        if axis is not None:
            views[name] = _world_view(array, axis)
    return views


def _world_view(array: FloatArray, axis: int) -> FloatArray:
    """World 1 of ``array`` along ``axis`` (a view, writable)."""
    index: list[slice | int] = [slice(None)] * array.ndim
    index[axis] = NO_AI_WORLD
    return array[tuple(index)]


class NoAiCache:
    """No-AI worlds by key (:func:`no_ai_key`), the :data:`CACHE_ENTRIES` last used.

    ``hits`` and ``misses`` count the runs that found and did not find theirs.
    """

    def __init__(self, entries: int = CACHE_ENTRIES) -> None:
        self.entries = entries
        self.hits = 0
        self.misses = 0
        self._worlds: OrderedDict[str, NoAiWorld] = OrderedDict()

    def get(self, key: str) -> NoAiWorld | None:
        """The no-AI world of ``key`` (now the most recently used), or None; counted."""
        world = self._worlds.get(key)
        if world is None:
            self.misses += 1
            return None
        self.hits += 1
        self._worlds.move_to_end(key)
        return world

    def put(self, key: str, world: NoAiWorld) -> None:
        """Keep ``world`` under ``key``, dropping the least recently used beyond the limit."""
        self._worlds[key] = world
        self._worlds.move_to_end(key)
        while len(self._worlds) > self.entries:
            self._worlds.popitem(last=False)


def compute_with_cache(model: LaborMarketModel, cache: NoAiCache) -> LaborMarketModel:
    """Compute a fresh ``model`` to its horizon, its no-AI world from ``cache`` when there.

    Results are identical to :meth:`LaborMarketModel.compute_to_horizon`'s
    (tested bit for bit); a model already advanced is computed without the cache.
    """
    if model.computed_steps != 0:
        model.compute_to_horizon()
        return model
    key = no_ai_key(model)
    world = cache.get(key)
    if world is None:
        model.compute_to_horizon()
        cache.put(key, NoAiWorld.of(model))
    else:
        model.compute_to_horizon(worlds=AI_WORLD + 1)
        world.restore(model)
    return model
