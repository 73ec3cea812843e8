"""The unemployed by duration: who joins, who ages, who leaves (issue 20).

Each occupation's unemployed pool ``U_id`` is kept by whole steps ``d``
since its members became unemployed, tagged with their last (or intended)
occupation ``i``; the last bin is absorbing and holds everybody unemployed
for ``D = ceil(long_term_weeks / dt)`` steps or more (the long-term
unemployed, ``reallocation.long_term_unemployment_weeks``).  Per step:

1. :func:`age_pool`: everybody moves one bin on; separations into
   unemployment and entrants from outside the labour force join bin 0;
2. matching on the mobility network (:mod:`sim.mechanisms.reallocation`)
   weighs the pool by search effectiveness, which falls linearly with
   duration from 1 to ``e_LT`` (``labor.long_term_search_effectiveness``) at
   ``D``: ``e_d = 1 - (1 - e_LT) min(d, D) / D`` (:func:`search_effectiveness`),
   and finds ``found_i`` jobs for origin ``i``;
3. :func:`settle_pool`: a worker of duration ``d`` is re-employed with
   probability ``e_d found_i / sum_d e_d U_id`` (so the bins lose exactly
   ``found_i``), the rest leave the labour force at hazard ``delta``; a pool
   left with fewer than ``negligible_pool`` persons (and more than 0) leaves
   the labour force whole (``reallocation.negligible_pool_persons``); hires
   join employment and fill vacancies; entrants from outside the labour
   force fill a share ``f`` of every occupation's vacancies still open (below).

Entry into jobs from outside the labour force meets the open vacancies with
a stable outside pool (Cobb-Douglas): with ``V = sum_i V_i`` the vacancies
still open after matching in all occupations and ``V_ref`` the same on the
non-AI trend path without the demand cycle, entrants fill the share
``f = min(eta (V / V_ref)^(epsilon - 1), 1)`` of each ``V_i``, so that all
entry is ``N = eta V^epsilon V_ref^(1 - epsilon)``, never more than ``V``.
``epsilon`` (``labor.entry_vacancy_elasticity``) is the elasticity of the US
CPS N->E flow to JOLTS openings, 2001-2019
(:mod:`sim.validation.entry_elasticity`), and ``eta``
(``labor.entrant_fill_rate_per_month``) the share at the reference.
``V_ref`` (:func:`entry_reference`) is the base-flow steady state's
(:mod:`sim.mechanisms.steady_state`) each occupation's grown with its trend,
summed, the same path for both worlds.  On that path the share is exactly
``eta``, so the steady state and its calibration are unchanged; ``epsilon =
1`` is the old rule ``N_i = eta V_i``.  When vacancies fall below the path (a
slump, or AI lowering demand) outsiders keep coming and fill a larger share
of the fewer vacancies; above it, a smaller share.  The share is common to
all occupations: the outside pool goes where the vacancies are
(``docs/model.md`` section 5 says why it is not set occupation by occupation).

Workers are conserved: ``employed + unemployed + exits = start + entrants``
every step.  The base year's pool is each occupation's steady state
(:mod:`sim.mechanisms.steady_state`).
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from sim.mechanisms.compiled import compiled
from sim.mechanisms.labor import (
    ATTRITION,
    ENTRANTS,
    HIRES,
    LAYOFFS,
    REEMPLOYED,
    UNEMPLOYED_EXITS,
    UNEMPLOYMENT_ENTRANTS,
)

FloatArray = NDArray[np.float64]
WEEKS_PER_YEAR = 52.0


class SearchState(NamedTuple):
    """Unemployed by duration: (worlds, long_term_steps + 1, occupations), persons.

    Bin ``d`` holds those laid off ``d`` steps ago; the last bin everybody
    unemployed for ``long_term_steps`` steps or more.
    """

    by_duration: FloatArray

    @classmethod
    def in_every_world(cls, by_duration: FloatArray, worlds: int) -> SearchState:
        """One world's unemployed by duration, (bins, occupations), copied into each world."""
        return cls(np.ascontiguousarray(np.broadcast_to(by_duration, (worlds, *by_duration.shape))))

    @property
    def long_term(self) -> FloatArray:
        """Long-term unemployed by last occupation (worlds, occupations), persons."""
        return self.by_duration[:, -1]


def search_effectiveness(long_term_steps: int, long_term_share: float) -> FloatArray:
    """``e_d = 1 - (1 - e_LT) min(d, D) / D`` for ``d = 0 .. D`` (module docstring)."""
    d = np.arange(long_term_steps + 1, dtype=np.float64)
    return 1.0 - (1.0 - long_term_share) * np.minimum(d, long_term_steps) / long_term_steps


def long_term_steps(long_term_weeks: float, step_years: float) -> int:
    """Steps of unemployment from which a worker is long-term unemployed (rounded up)."""
    return max(1, math.ceil(long_term_weeks / WEEKS_PER_YEAR / step_years - 1e-9))


def entry_reference(open_after_matching: FloatArray, trend_growth: FloatArray) -> FloatArray:
    """``V_ref`` of every step, (steps + 1,), persons (module docstring).

    The sum over occupations of ``open_after_matching``, the steady state's
    first step (:attr:`sim.mechanisms.steady_state.SteadyState.open_after_matching`),
    each grown with its ``trend_growth`` (the non-AI trend's growth into each
    step without the demand cycle, share a step, (steps + 1, occupations)) from
    step 2 on; row 0 (the base year, no step) repeats row 1.
    """
    start = np.asarray(open_after_matching, dtype=np.float64)
    by_occupation = np.empty((trend_growth.shape[0], start.shape[0]))
    by_occupation[: min(2, len(by_occupation))] = start
    if trend_growth.shape[0] > 2:
        by_occupation[2:] = start * np.cumprod(1.0 + trend_growth[2:], axis=0)
    return by_occupation.sum(axis=1)


@compiled
def age_pool(by_duration, unemployed, flows, effectiveness, pool, effective, w):  # pragma: no cover
    """Step 1 for world ``w``: everybody one step older; separations and entrants at duration 0.

    ``by_duration`` is world ``w``'s (bins, occupations) slice of
    :class:`SearchState`, ``unemployed`` its row of the labour state, ``pool``
    and ``effective`` its scratch rows: left holding the pool by last
    occupation and the pool weighted by search effectiveness
    (``effectiveness``, one per bin).  Returns True if anybody is unemployed.
    """
    last = by_duration.shape[0] - 1
    n = by_duration.shape[1]
    # Bin by bin over contiguous rows: each occupation's sums run over the bins in order, as
    # independent additions across occupations (not a chain of dependent ones per occupation).
    # An occupation with nobody unemployed and nobody joining has every bin 0 (bins are never
    # negative) and keeps them 0: no test per occupation is needed.
    oldest, before = by_duration[last], by_duration[last - 1]
    for i in range(n):
        oldest[i] = before[i] + oldest[i]
    for d in range(last - 1, 0, -1):
        by_duration[d, :] = by_duration[d - 1, :]
    newest = by_duration[0]
    for i in range(n):
        newest[i] = flows[LAYOFFS, w, i] + flows[UNEMPLOYMENT_ENTRANTS, w, i]
        pool[i] = 0.0
        effective[i] = 0.0
    for d in range(last + 1):
        row, weight = by_duration[d], effectiveness[d]
        for i in range(n):
            pool[i] += row[i]
            effective[i] += weight * row[i]
    anybody = False
    for i in range(n):
        anybody |= pool[i] != 0.0
    return anybody


@compiled
def settle_pool(
    rates, matching, labour, search, flows, scratch, reference, w
):  # pragma: no cover - compiled
    """Step 4 for world ``w``: the pool shrinks by duration, hires fill vacancies; totals.

    ``labour`` is the :class:`~sim.mechanisms.labor.LaborState` (unemployed
    set; employment and open vacancies advanced by the hires; cumulative
    exits and entrants advanced), ``search`` the :class:`SearchState`.  A
    worker of duration ``d`` from ``i`` is re-employed with probability
    ``e_d found_i / effective_i``, so the bins lose exactly ``found_i``.
    ``reference`` is the step's ``V_ref``, persons (:func:`entry_reference`,
    module docstring).
    """
    by_duration = search.by_duration[w]
    bins, n = by_duration.shape
    effectiveness = matching.effectiveness
    success, remaining = scratch.success[w], labour.unemployed[w]
    for i in range(n):
        effective = scratch.effective[w, i]
        success[i] = scratch.reemployed_from[w, i] / effective if effective > 0.0 else 0.0
        remaining[i] = 0.0
    # Bin by bin over contiguous rows, as in age_pool; an empty pool (every bin 0, success 0)
    # stays 0 without a test.
    for d in range(bins):
        row, weight = by_duration[d], effectiveness[d]
        for i in range(n):
            row[i] = row[i] * ((1.0 - weight * success[i]) * (1.0 - rates.unemployed_exit))
            remaining[i] += row[i]
    open_total = 0.0
    for i in range(n):  # the loop's body here, not a function per occupation (not inlined)
        pool, found, unemployed = scratch.pool[w, i], scratch.reemployed_from[w, i], remaining[i]
        exits = (pool - found) * rates.unemployed_exit
        if 0.0 < unemployed < matching.negligible_pool:  # a negligible pool leaves
            exits = exits + unemployed
            unemployed = 0.0
            for d in range(bins):
                by_duration[d, i] = 0.0
        labour.unemployed[w, i] = unemployed
        open_after = max(labour.vacancies[w, i] - flows[REEMPLOYED, w, i], 0.0)
        flows[ENTRANTS, w, i] = open_after  # the vacancies entrants meet, until filled below
        open_total += open_after
        flows[UNEMPLOYED_EXITS, w, i] = exits
        labour.exits[w, i] = labour.exits[w, i] + flows[ATTRITION, w, i] + exits
    fill = rates.entrant_fill
    if rates.entry_elasticity != 1.0 and open_total > 0.0 and reference > 0.0:
        fill = min(fill * (open_total / reference) ** (rates.entry_elasticity - 1.0), 1.0)
    for i in range(n):
        reemployed, open_after = flows[REEMPLOYED, w, i], flows[ENTRANTS, w, i]
        entrants = fill * open_after
        flows[ENTRANTS, w, i] = entrants
        flows[HIRES, w, i] = reemployed + entrants
        labour.employment[w, i] = labour.employment[w, i] + reemployed + entrants
        labour.vacancies[w, i] = open_after - entrants
        labour.entrants[w, i] = (
            labour.entrants[w, i] + entrants + flows[UNEMPLOYMENT_ENTRANTS, w, i]
        )
