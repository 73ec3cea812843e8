"""Search and matching on the mobility network: where the unemployed are re-employed.

In the spirit of del Rio-Chanona et al. (2021, J. R. Soc. Interface 18:
20200898).  Each step, after :func:`sim.mechanisms.labor.openings_step` has
set the open vacancies ``v`` and :func:`sim.mechanisms.unemployment_pool.age_pool`
the pool ``U_id`` by last occupation ``i`` and duration ``d``:

1. origin ``i`` sends ``sigma sum_d e_d U_id`` applications (``sigma`` the
   search hazard, ``e_d`` search effectiveness by duration), a share ``pi`` of
   them from retraining; regular applications from ``i`` go to ``j`` in
   proportion to ``W_ij v_j / sum_k W_ik v_k``, retrainees' along ``R`` the
   same way (see :mod:`sim.mechanisms.network`);
2. with ``a_j`` applications for ``v_j`` vacancies, ``m_j = psi v_j (1 - exp(-a_j / v_j))``
   are hired: each vacancy picks one of its applicants (urn-ball matching) and
   completes the hire within the step with probability ``psi``
   (``labor.hiring_capacity_per_month``: screening and interviews take time),
   so an application's chance ``m_j / a_j`` falls with applicants per vacancy;
3. origin ``i`` finds ``found_i = sum_j x_ij m_j / a_j`` jobs, which
   :func:`sim.mechanisms.unemployment_pool.settle_pool` takes out of its pool.

Flows on every edge are kept (``Moves``, summed by edge per year when
transitions are recorded).  The stage is :func:`match_worlds` (or
:func:`no_searchers` for a world with nobody unemployed), run for both worlds
at once by :func:`sim.model.kernel.advance`.  With base flows every
occupation has searchers every step, so matching visits every edge of the
network in both worlds: each origin's reach ``(W v)_i``, applications
collected by destination as dot products over ``W^T``, each origin's hires
gathered along its row; sums run in occupation (and edge) order, a fixed
number of interleaved partial sums at a time.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from sim.mechanisms.compiled import compiled
from sim.mechanisms.labor import REEMPLOYED
from sim.mechanisms.network import MobilityNetwork
from sim.mechanisms.sparse_rows import (
    apply_searchers,
    gather_rows,
    pair_searchers_per_reach,
    world_gather_rows,
    world_row_sums,
)
from sim.mechanisms.unemployment_pool import long_term_steps, search_effectiveness

FloatArray = NDArray[np.float64]
IndexArray = NDArray[np.uint32]
#: Vacancy-weighted reach (persons) below which a searcher finds nothing to apply to:
#: keeps searchers / reach finite; a millionth of a vacancy is no opening.
NO_REACH = 1e-6


class Moves(NamedTuple):
    """Re-employment of one step in factored form, (worlds, occupations).

    The flow on edge ``i -> j`` of ``W`` is ``regular_i W_ij value_j`` (and
    ``retrained_i R_ij value_j`` on ``R``); :func:`match_world` adds them to
    the year's flows by edge when transitions are kept.
    """

    regular: FloatArray
    """Regular searchers from ``i`` per unit of vacancy-weighted reach ``(W v)_i``."""
    retrained: FloatArray
    """Searchers in retraining per unit of ``(R v)_i`` (zeros without retraining)."""
    value: FloatArray
    """Vacancies times an applicant's success probability, ``v_j m_j / a_j``."""
    participants: FloatArray
    """Unemployed in retraining, by last occupation, persons."""
    same_occupation: FloatArray
    """Re-employed in their last occupation, (worlds,), persons/step."""

    @classmethod
    def none(cls, shape: tuple[int, int]) -> Moves:
        """No moves (the base year), fresh arrays for ``shape`` = (worlds, occupations)."""
        regular, retrained, value, participants = np.zeros((4, *shape))
        return cls(regular, retrained, value, participants, np.zeros(shape[0]))


class Matching(NamedTuple):
    """Matching constants resolved once per run.

    Attributes
    ----------
    search_indptr, search_indices, search_data
        ``W`` in CSR form (uint32 row pointers and column indices), row-stochastic
        search weights.
    retraining_indptr, retraining_indices, retraining_data
        ``R`` likewise (``W`` again without retraining; then unused).
    self_loop : FloatArray
        ``W_ii``: the weight of searching in one's own occupation.
    participation : float
        Share ``pi`` of searchers in retraining, [0, 1].
    long_term_steps : int
        Steps of unemployment from which a worker is long-term unemployed.
    negligible_pool : float
        Pools below this many persons (and above 0) are closed after the step:
        their members leave the labour force, persons.
    effectiveness : FloatArray
        Search effectiveness ``e_d`` of each duration bin, (long_term_steps + 1,).
    search_t_indptr, search_t_indices, search_t_data
        ``W^T`` in CSR form: applications are collected by destination as dot products.
    """

    search_indptr: IndexArray
    search_indices: IndexArray
    search_data: FloatArray
    retraining_indptr: IndexArray
    retraining_indices: IndexArray
    retraining_data: FloatArray
    self_loop: FloatArray
    participation: float
    long_term_steps: int
    negligible_pool: float
    effectiveness: FloatArray
    search_t_indptr: IndexArray
    search_t_indices: IndexArray
    search_t_data: FloatArray

    @classmethod
    def build(
        cls,
        network: MobilityNetwork,
        participation: float,
        long_term_weeks: float,
        step_years: float,
        negligible_pool: float = 0.0,
        long_term_effectiveness: float = 1.0,
    ) -> Matching:
        """Resolve the threshold in weeks into whole steps (rounded up)."""
        steps = long_term_steps(long_term_weeks, step_years)
        retraining = network.retraining if network.has_retraining else network.search
        return cls(
            *csr_parts(network.search),
            *csr_parts(retraining),
            np.ascontiguousarray(network.self_loop_weight, dtype=np.float64),
            float(participation),
            steps,
            float(negligible_pool),
            search_effectiveness(steps, long_term_effectiveness),
            *csr_parts(network.search.T.tocsr()),
        )


def csr_parts(matrix: object) -> tuple[IndexArray, IndexArray, FloatArray]:
    """``indptr`` and ``indices`` (uint32) and ``data`` of a CSR matrix, contiguous.

    Unsigned: compiled code indexes with a column index, and with an edge
    position counted from an unsigned row start, without the check for a
    negative index that a signed one needs at every edge
    (:mod:`sim.mechanisms.sparse_rows`).
    """
    return (
        np.ascontiguousarray(matrix.indptr, dtype=np.uint32),  # type: ignore[attr-defined]
        np.ascontiguousarray(matrix.indices, dtype=np.uint32),  # type: ignore[attr-defined]
        np.ascontiguousarray(matrix.data, dtype=np.float64),  # type: ignore[attr-defined]
    )


class SearchScratch(NamedTuple):
    """Working rows of the matching stage, (worlds, occupations); no meaning between steps."""

    pool: FloatArray
    """This step's unemployed pool by last occupation after separations and entry, persons."""
    effective: FloatArray
    """The pool weighted by search effectiveness, ``sum_d e_d U_id``, persons."""
    searchers: FloatArray
    """Regular searchers (not in retraining), persons."""
    in_training: FloatArray
    """Searchers in retraining, persons."""
    reemployed_from: FloatArray
    """Re-employed by origin, persons."""
    pressure: FloatArray
    """Applicants per vacancy."""
    pressure_retrained: FloatArray
    """Applicants per vacancy from retraining."""
    reach: FloatArray
    """Vacancy-weighted reach of each origin, ``(W v)_i``, persons."""
    success: FloatArray
    """Re-employment per unit of effective search, ``found_i / sum_d e_d U_id``."""

    @classmethod
    def empty(cls, shape: tuple[int, int]) -> SearchScratch:
        """Zeroed rows for ``shape`` = (worlds, occupations)."""
        return cls(*np.zeros((len(cls._fields), *shape)))


@compiled
def match_worlds(
    rates, matching, moves, flows, scratch, vacancies, edge_flows
):  # pragma: no cover - compiled
    """Steps 2-3 for every world: searchers apply, vacancies are filled, by destination and origin.

    ``rates`` is the run's :class:`~sim.mechanisms.labor.StepRates`
    (the search hazard), ``moves`` the :class:`Moves` written, ``flows`` the
    stacked flows (re-employment is written), ``scratch`` the
    :class:`SearchScratch` with this step's pool, ``vacancies`` the open
    vacancies, (worlds, occupations), persons.  With transitions kept,
    re-employment on each edge is added to ``edge_flows`` (the current year's
    flows, (worlds, edges): ``W``'s edges then ``R``'s); else it has no columns.

    The passes over the edges of ``W`` take two worlds at a time
    (:mod:`sim.mechanisms.sparse_rows`), reading each edge once for both; a
    world with nobody searching sends no applications and hires nobody.
    """
    worlds, n = scratch.pool.shape
    training = matching.participation > 0.0
    for w in range(worlds):
        for i in range(n):
            searching = rates.reemployment * scratch.effective[w, i]
            scratch.in_training[w, i] = matching.participation * searching
            scratch.searchers[w, i] = searching - scratch.in_training[w, i]
    for w0 in range(0, worlds, 2):
        w1 = min(w0 + 1, worlds - 1)
        pair_searchers_per_reach(
            matching.search_indptr,
            matching.search_indices,
            matching.search_data,
            scratch.searchers,
            vacancies,
            w0,
            w1,
            NO_REACH,
            scratch.reach,
            moves.regular,
        )
        world_row_sums(  # applications by destination: rows of W^T
            matching.search_t_indptr,
            matching.search_t_indices,
            matching.search_t_data,
            moves.regular,
            w0,
            w1,
            scratch.pressure,
        )
    for w in range(worlds):
        pressure, value = scratch.pressure[w], moves.value[w]
        if training:
            by_retraining = scratch.pressure_retrained[w]
            apply_searchers(
                matching.retraining_indptr,
                matching.retraining_indices,
                matching.retraining_data,
                scratch.in_training[w],
                vacancies[w],
                NO_REACH,
                moves.retrained[w],
                by_retraining,
            )
            for j in range(n):
                pressure[j] = pressure[j] + by_retraining[j]
        else:
            moves.retrained[w, :] = 0.0
        for j in range(n):
            if pressure[j] == 0.0:  # nobody applied: nothing filled, an applicant's value is v
                flows[REEMPLOYED, w, j] = 0.0
                value[j] = vacancies[w, j]
            else:  # urn-ball with hiring capacity psi: psi v (1 - exp(-a/v))
                hired = vacancies[w, j] * rates.hiring_capacity * -math.expm1(-pressure[j])
                flows[REEMPLOYED, w, j] = hired
                value[j] = hired / pressure[j] if pressure[j] > 0.0 else vacancies[w, j]
    _gather_found(matching, moves, scratch, edge_flows, training)


@compiled
def _gather_found(matching, moves, scratch, edge_flows, training):  # pragma: no cover
    """Re-employed by origin (``scratch.reemployed_from``), same-occupation moves, participants."""
    worlds, n = scratch.pool.shape
    for w in range(worlds):
        moves.same_occupation[w] = 0.0
    for w0 in range(0, worlds, 2):
        world_gather_rows(
            matching.search_indptr,
            matching.search_indices,
            matching.search_data,
            moves.value,
            w0,
            min(w0 + 1, worlds - 1),
            moves.regular,
            scratch.reemployed_from,
            edge_flows,
        )
    for w in range(worlds):
        for i in range(n):
            regular = moves.regular[w, i]
            moves.same_occupation[w] += regular * matching.self_loop[i] * moves.value[w, i]
            moves.participants[w, i] = matching.participation * scratch.pool[w, i]
        if training:  # retrainees' hires along R's rows (R's edges follow W's in the flows)
            gather_rows(
                matching.retraining_indptr,
                matching.retraining_indices,
                matching.retraining_data,
                moves.value[w],
                moves.retrained[w],
                scratch.reemployed_from[w],
                edge_flows[w],
                matching.search_data.shape[0],
            )


@compiled
def no_searchers(moves, flows, scratch, vacancies, w, any_world_searches):  # pragma: no cover
    """Steps 2-3 for world ``w``, which has nobody unemployed: nobody applies, nobody is hired.

    If another world has searchers, matching runs here too and an applicant's
    value is the vacancies themselves; if no world has any, there are no moves
    at all (value 0).
    """
    moves.regular[w, :] = 0.0
    moves.retrained[w, :] = 0.0
    if any_world_searches:
        moves.value[w, :] = vacancies
    else:
        moves.value[w, :] = 0.0
    moves.participants[w, :] = 0.0
    scratch.reemployed_from[w, :] = 0.0
    flows[REEMPLOYED, w, :] = 0.0
    moves.same_occupation[w] = 0.0
