"""The compiled step loop: the stages of :mod:`sim.mechanisms` in order, and recording.

A step of the model is about a hundred operations on arrays of 831
occupations per world; as numpy calls, the per-call overhead (~1-5 us each)
would be most of a run.  Each stage with feedback is therefore written once,
as a compiled function over one world's arrays, in the mechanism module that
documents its equations; :func:`advance` calls them, in this order, for any
number of steps per call:

1. demand: :func:`sim.mechanisms.demand.demand_step` (saturated elasticity,
   own output at this step's price change, recycled income, required labour);
2. openings: :func:`sim.mechanisms.labor.openings_step` (the target rationed
   to the labour-force ceiling, attrition, the bounded change, the growth
   limit, hires and layoffs);
3. search and matching on the mobility network, :mod:`sim.mechanisms.reallocation`:
   :func:`~sim.mechanisms.unemployment_pool.age_pool`, then
   :func:`~sim.mechanisms.reallocation.match_worlds` (or
   :func:`~sim.mechanisms.reallocation.no_searchers`) and
   :func:`~sim.mechanisms.unemployment_pool.settle_pool`;
4. wages and output value: :func:`sim.mechanisms.wages.wages_step`;
5. recording into the run's :class:`~sim.model.run_arrays.History`
   (:func:`record_step`, also used for the base year).

The loop's constants and state are the mechanism modules' own types, grouped
(:class:`KernelConstants`, :class:`KernelState`); the state is advanced in
place and is the model's live state (``LaborMarketModel.labor`` etc. are its
parts).  Arrays are (worlds, occupations) as everywhere in the model.
Compiled code is cached on disk under a digest of every stage module
(:mod:`sim.mechanisms.compiled`), so an edited stage always recompiles.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from sim.conventions import AI_WORLD, N_WORLDS
from sim.mechanisms.compiled import compiled, total
from sim.mechanisms.demand import DemandCurves, DemandState, demand_step
from sim.mechanisms.labor import LaborFlows, LaborState, StepRates, openings_step
from sim.mechanisms.reallocation import Matching, Moves, SearchScratch, match_worlds, no_searchers
from sim.mechanisms.unemployment_pool import SearchState, age_pool, settle_pool
from sim.mechanisms.wages import WageRule, WageState, viable_employment, wages_step
from sim.model.run_arrays import History

FloatArray = NDArray[np.float64]


class KernelConstants(NamedTuple):
    """Every stage's resolved constants: what the loop reads and never changes."""

    demand: DemandCurves
    rates: StepRates
    matching: Matching
    wages: WageRule


class KernelPaths(NamedTuple):
    """The exogenous inputs of every step."""

    log_productivity: FloatArray
    """(steps + 1, worlds, occupations): ln A."""
    labour_trend: FloatArray
    """(steps + 1, occupations): non-AI labour requirement, persons."""
    trend_growth: FloatArray
    """(steps + 1, occupations): growth of the non-AI trend into each step, without the
    demand cycle (share a step; row 0 repeats row 1): the growth of positions at which
    separations are at their base rate (:func:`~sim.mechanisms.labor.openings_step`)."""
    entry_reference: FloatArray
    """(steps + 1,): ``V_ref``, the vacancies open after matching on the non-AI trend
    path without the demand cycle, all occupations, persons, the same for both worlds:
    those at which entrants from outside the labour force fill the share ``eta``
    (:func:`~sim.mechanisms.unemployment_pool.settle_pool`)."""


class KernelState(NamedTuple):
    """Every stage's state, advanced in place by :func:`advance`."""

    demand: DemandState
    labour: LaborState
    search: SearchState
    flows: FloatArray
    """(flows, worlds, occupations): this step's :class:`~sim.mechanisms.labor.LaborFlows`."""
    wages: WageState
    moves: Moves
    scratch: SearchScratch
    """Working rows of matching (no meaning between steps)."""
    change: FloatArray
    """Scratch, (worlds, occupations): this step's employment change."""
    relative_spending: FloatArray
    """Scratch, (worlds, occupations): ``q P / P(base)``."""
    viable: FloatArray
    """Scratch, (worlds, occupations): employment at the largest labour share carried, persons."""

    @classmethod
    def start(
        cls,
        demand: DemandState,
        labour: LaborState,
        search: SearchState,
        wages: WageState,
    ) -> KernelState:
        """The base-year state around the stages' starting states (no flows, no moves)."""
        shape = labour.employment.shape
        return cls(
            demand,
            labour,
            search,
            LaborFlows.none(shape),
            wages,
            Moves.none(shape),
            SearchScratch.empty(shape),
            np.zeros(shape),
            np.zeros(shape),
            np.zeros(shape),
        )

    def first_worlds(self, count: int) -> KernelState:
        """The state of worlds ``0 .. count - 1`` alone: views of the same arrays.

        :func:`advance` given this state advances only those worlds (every
        stage takes its world count from the state's rows), writing into the
        full state; ``flows`` is kept whole (its worlds are its second axis,
        and each stage indexes it by world).
        """
        parts = [
            part if name == "flows" else _first_rows(part, count)
            for name, part in zip(self._fields, self, strict=True)
        ]
        return KernelState(*parts)  # type: ignore[arg-type]

    def world_arrays(self, world: int) -> list[FloatArray]:
        """Views of world ``world`` of every array of the state but the scratch.

        The arrays that carry the world from one step to the next (to key,
        keep or restore a world); :data:`SCRATCH_FIELDS` are left out: they
        are written before they are read in every step.
        """
        one = slice(world, world + 1)
        views = [self.flows[:, one]]
        for name, part in zip(self._fields, self, strict=True):
            if name not in ("flows", *SCRATCH_FIELDS):
                views += [array[one] for array in _rows_of(part)]
        return views


#: Fields of :class:`KernelState` that hold no state between steps.
SCRATCH_FIELDS = ("scratch", "change", "relative_spending", "viable")


def _rows_of(part: object) -> list[FloatArray]:
    """The arrays of a state part (an array, or a named tuple of arrays, each (worlds, ...))."""
    arrays = [part] if isinstance(part, np.ndarray) else list(part)  # type: ignore[call-overload]
    for array in arrays:
        if not isinstance(array, np.ndarray) or array.shape[0] != N_WORLDS:
            raise TypeError(f"a kernel state part must hold (worlds, ...) arrays, got {array!r}")
    return arrays


def _first_rows(part: object, count: int) -> object:
    """``part`` with each array cut to its first ``count`` worlds (views, same layout)."""
    if isinstance(part, np.ndarray):
        return _rows_of(part)[0][:count]
    return type(part)(*(array[:count] for array in _rows_of(part)))


@compiled
def advance(  # pragma: no cover - compiled; covered through the model and its tests
    constants: KernelConstants,
    paths: KernelPaths,
    state: KernelState,
    history: History,
    edge_flows: FloatArray,
    first: int,
    last: int,
    steps_per_year: int,
) -> None:
    """Advance ``state`` through steps ``first .. last - 1`` (1-based step indices).

    Step ``t`` reads row ``t`` of ``paths`` and records into the run's
    :class:`~sim.model.run_arrays.History`.  ``edge_flows`` is re-employment
    by edge summed per year, (years, worlds, edges), persons/year: year ``y``
    (row ``y - 1``) holds steps ``(y - 1) * steps_per_year + 1 .. y *
    steps_per_year``; edges are ``W``'s non-zeros in CSR order, then ``R``'s
    with retraining.  Shape (1, worlds, 0) when transitions are not kept.
    """
    c, s = constants, state
    worlds = s.labour.employment.shape[0]
    pooled = np.zeros(worlds, dtype=np.bool_)
    for t in range(first, last):
        for w in range(worlds):
            log_a, base = paths.log_productivity[t, w], paths.log_productivity[0, w]
            demand_step(
                c.demand, s.demand, s.relative_spending[w], log_a, base, paths.labour_trend[t], w
            )
            required = s.demand.required_labour[w]
            viable_employment(c.wages, required, s.demand.unpassed_gain[w], s.viable[w])
            openings_step(
                c.rates,
                required,
                paths.trend_growth[t],
                s.viable[w],
                s.labour,
                s.change[w],
                s.flows,
                w,
            )
            pooled[w] = age_pool(
                s.search.by_duration[w],
                s.labour.unemployed[w],
                s.flows,
                c.matching.effectiveness,
                s.scratch.pool[w],
                s.scratch.effective[w],
                w,
            )
        if pooled.any():
            edges = _year_edges(edge_flows, t, steps_per_year)
            vacancies = s.labour.vacancies
            match_worlds(c.rates, c.matching, s.moves, s.flows, s.scratch, vacancies, edges)
        else:
            for w in range(worlds):
                no_searchers(s.moves, s.flows, s.scratch, s.labour.vacancies[w], w, False)
        for w in range(worlds):
            settle_pool(
                c.rates,
                c.matching,
                s.labour,
                s.search,
                s.flows,
                s.scratch,
                paths.entry_reference[t],
                w,
            )
            wages_step(
                c.wages,
                s.labour.employment[w],
                s.demand.required_labour[w],
                s.demand.unpassed_gain[w],
                s.wages,
                w,
            )
        record_step(s, history, t, steps_per_year)


@compiled
def _year_edges(edge_flows, t, steps_per_year):  # pragma: no cover - compiled
    """The flows by edge of the year of step ``t``, (worlds, edges) (no columns if not kept)."""
    row = min((t - 1) // steps_per_year, edge_flows.shape[0] - 1)
    return edge_flows[row]


@compiled
def record_step(s, r, t, steps_per_year):  # pragma: no cover - compiled
    """Keep what the :class:`~sim.model.run_arrays.History` keeps of the state after step ``t``.

    Head counts and totals every step; elasticity, required labour, long-term
    unemployment, wages and open vacancies at each year's end; the AI world's flows summed
    over the year that ends at the row (step 0: no flows).
    """
    worlds, n = s.labour.employment.shape
    last_bin = s.search.by_duration.shape[1] - 1
    r.employment[t, :worlds] = s.labour.employment
    r.unemployed[t, :worlds] = s.labour.unemployed
    for w in range(worlds):
        for f in range(s.flows.shape[0]):
            r.flow_totals[f, t, w] = total(s.flows[f, w], None)
        r.search_totals[0, t, w] = total(s.search.by_duration[w, last_bin], None)
        r.search_totals[1, t, w] = s.moves.same_occupation[w]
        r.search_totals[2, t, w] = total(s.moves.participants[w], None)
        r.search_totals[3, t, w] = total(s.wages.wage[w], s.labour.employment[w])
        r.search_totals[4, t, w] = total(s.wages.output_value[w], None)
        r.search_totals[5, t, w] = total(s.labour.vacancies[w], None)
    year, into_year = t // steps_per_year, t % steps_per_year
    if into_year == 0:
        r.elasticity[year, :worlds] = s.demand.elasticity
        r.required_labour[year, :worlds] = s.demand.required_labour
        r.long_term_unemployed[year, :worlds] = s.search.by_duration[:, last_bin]
        r.wage[year, :worlds] = s.wages.wage
        r.vacancies[year, :worlds] = s.labour.vacancies
    if t > 0:
        row = year + (1 if into_year > 0 else 0)
        for f in range(s.flows.shape[0]):
            for i in range(n):
                r.year_flows[row, f, i] += s.flows[f, AI_WORLD, i]
