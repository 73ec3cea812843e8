"""The compiled step loop: demand, labour, matching on the network, wages and recording.

A step of the model is about a hundred operations on arrays of 831
occupations per world; as numpy calls, the per-call overhead (~1-5 us each)
is most of a run.  This module runs the same stages, in the same order, as
one Numba-compiled loop over occupations, for any number of steps per call:

1. demand (:func:`sim.mechanisms.demand.advance`): saturated elasticity, own
   output, recycled income, required labour;
2. the target rationed to the labour-force ceiling
   (:func:`sim.mechanisms.labor.ration_to_ceiling`);
3. openings (:func:`sim.mechanisms.labor.openings`): attrition, the bounded
   change, the growth limit, hires and layoffs;
4. search and matching on the mobility network
   (:func:`sim.mechanisms.reallocation.advance`): layoffs join the pool by
   duration, searchers apply along ``W`` (and ``R``), urn-ball matching,
   survivors age; only origins with searchers are visited, so a step costs
   in proportion to the edges leaving occupations that have unemployed workers;
5. wages and output value (:func:`sim.mechanisms.wages.advance`);
6. recording into the run's :class:`~sim.model.outputs.History`, with the
   same rules as :meth:`sim.model.recorder.Recorder.record`.

The equations, their units and their sources are documented once, in those
mechanism modules; their numpy functions are the reference this loop is
tested against (``tests/model/test_kernel.py``: every recorded array within
1e-12 relative over whole runs, for the baseline and for scenarios that switch
on each branch: ceiling, retraining, recycling off, saturation, regulation).
Results differ from the numpy reference only by the order of floating-point
sums (numpy sums pairwise; this loop in occupation order).

The loop mutates :class:`KernelState` in place.  Arrays are (worlds,
occupations) as everywhere in the model.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from sim.model.kernel_matching import (
    age_pool,
    match_world,
    no_searchers,
    settle_pool,
)
from sim.model.kernel_stages import compiled, demand_step, openings_step, record_step, wages_step
from sim.model.outputs import History

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int32]


#: SHA-256 (first 16 hex digits) of ``kernel_stages.py`` + ``kernel_matching.py``.
#: Numba's on-disk cache of :func:`advance` is invalidated only when *this* file
#: changes, not when a function it calls in another file does; a test fails
#: until this digest is updated after editing either file, which changes this
#: file and so recompiles the loop (``tests/model/test_kernel.py``).
STAGES_DIGEST = "e190eeccd2b01ddd"


class KernelConstants(NamedTuple):
    """Everything the loop reads and never changes, resolved once per run."""

    base_elasticity: FloatArray
    elasticity_fall: FloatArray
    inverse_log_saturation: float
    steepness: float
    steepness_multiplied: int
    """Steepness as a whole number of multiplications (0: use ``x ** steepness``)."""
    pass_through: float
    spending_weight: FloatArray
    recycling: float
    attrition: FloatArray
    adjustment: float
    min_change: FloatArray
    max_hires: float
    reemployment: float
    unemployed_exit: float
    ceiling: float
    search_indptr: IntArray
    search_indices: IntArray
    search_data: FloatArray
    retraining_indptr: IntArray
    retraining_indices: IntArray
    retraining_data: FloatArray
    participation: float
    negligible_pool: float
    self_loop: FloatArray
    base_wage: FloatArray
    bargaining_share: float
    base_labour_share: float
    unpassed_share: float
    no_reach: float
    tiny: float


class KernelPaths(NamedTuple):
    """The exogenous inputs of every step, (steps + 1, worlds, occupations)."""

    log_productivity: FloatArray
    labour_trend: FloatArray
    """(steps + 1, occupations): non-AI labour requirement, persons."""


class KernelState(NamedTuple):
    """The state carried from step to step (mutated in place by :func:`advance`)."""

    log_own_output: FloatArray
    log_income: FloatArray
    """(worlds,): ln Y."""
    log_productivity: FloatArray
    elasticity: FloatArray
    required_labour: FloatArray
    employment: FloatArray
    unemployed: FloatArray
    exits: FloatArray
    entrants: FloatArray
    by_duration: FloatArray
    """(worlds, long_term_steps + 1, occupations)."""
    flows: FloatArray
    """(6, worlds, occupations): this step's :class:`~sim.mechanisms.labor.LaborFlows`."""
    wage: FloatArray
    output_value: FloatArray
    regular: FloatArray
    retrained: FloatArray
    value: FloatArray
    participants: FloatArray
    same_occupation: FloatArray
    """(worlds,)."""
    change: FloatArray
    """Scratch, (worlds, occupations): this step's employment change."""
    relative_spending: FloatArray
    """Scratch: ``exp(ln q - phi ln(A / A(base)))``, spending relative to the base year."""
    pool: FloatArray
    """Scratch: this step's unemployed pool by last occupation after layoffs."""
    searchers: FloatArray
    """Scratch: regular searchers (not in retraining)."""
    in_training: FloatArray
    """Scratch: searchers in retraining."""
    reemployed_from: FloatArray
    """Scratch: re-employed by origin."""
    pressure: FloatArray
    """Scratch: applicants per vacancy."""
    pressure_retrained: FloatArray
    """Scratch: applicants per vacancy from retraining."""


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
    :class:`~sim.model.outputs.History` as ``Recorder.record`` would.
    ``edge_flows`` is re-employment by edge summed per year, (years, worlds,
    edges), persons/year: year ``y`` (row ``y - 1``) holds steps
    ``(y - 1) * steps_per_year + 1 .. y * steps_per_year``; edges are ``W``'s
    non-zeros in CSR order, then ``R``'s with retraining.  Shape (1, worlds, 0)
    when transitions are not kept.
    """
    worlds = state.employment.shape[0]
    pooled = np.zeros(worlds, dtype=np.bool_)
    for t in range(first, last):
        for w in range(worlds):
            demand_step(constants, paths, state, t, w)
            openings_step(constants, state, w)
            pooled[w] = age_pool(state, w)
        for w in range(worlds):
            if pooled[w]:
                match_world(constants, state, w, _year_edges(edge_flows, t, steps_per_year, w))
            else:
                no_searchers(state, w, pooled.any())
            settle_pool(constants, state, w)
            wages_step(constants, paths, state, t, w)
        record_step(state, history, t, steps_per_year)


@compiled
def _year_edges(edge_flows, t, steps_per_year, w):  # pragma: no cover
    """World ``w``'s flows by edge for the year of step ``t`` (empty if not kept)."""
    row = min((t - 1) // steps_per_year, edge_flows.shape[0] - 1)
    return edge_flows[row, w]
