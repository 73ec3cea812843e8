"""Search and matching on the mobility network: where displaced workers are re-employed.

In the spirit of del Rio-Chanona et al. (2021, J. R. Soc. Interface 18:
20200898).  Each step, after :func:`sim.mechanisms.labor.openings` has set
attrition, vacancies ``v`` (= hires: replacements and expansion) and layoffs:

1. layoffs join the unemployed pool ``U_i`` (tagged with the last occupation
   ``i``, duration 0); everybody else ages one step;
2. a share ``sigma`` (the search hazard) of the pool applies, of whom a share
   ``pi`` is in retraining; regular searchers from ``i`` apply to ``j`` with
   probability ``W_ij v_j / sum_k W_ik v_k``, retrainees along ``R`` the same
   way (see :mod:`sim.mechanisms.network`);
3. with ``a_j`` applicants for ``v_j`` vacancies, ``m_j = v_j (1 - exp(-a_j / v_j))``
   are hired (each vacancy picks one of its applicants: urn-ball matching),
   so an applicant's chance ``m_j / a_j`` falls with applicants per vacancy;
4. vacancies not filled from the unemployed go to entrants from outside the
   labour force, and the unemployed leave the labour force at hazard ``delta``;
5. a pool left with fewer than ``negligible_pool`` persons (and more than 0)
   leaves the labour force whole (counted with the unemployed's exits): a pool
   without new layoffs shrinks by a constant share each step and would never
   reach zero (a numerical floor, ``reallocation.negligible_pool_persons``).

Flows on every edge are kept (``Moves``); duration is tracked in whole steps
with an absorbing long-term bin (``>= long_term_steps``).  Workers are
conserved: ``employed + unemployed + exits = start + entrants`` every step.
Arrays carry the world axis first; everything is sparse products, no loops.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from sim.mechanisms.labor import LaborFlows, LaborState, StepRates, openings
from sim.mechanisms.network import MobilityNetwork

FloatArray = NDArray[np.float64]
WEEKS_PER_YEAR = 52.0
#: Vacancy-weighted reach (persons) below which a searcher finds nothing to apply to:
#: keeps searchers / reach finite; a millionth of a vacancy is no opening.
NO_REACH = 1e-6


class SearchState(NamedTuple):
    """Unemployed by duration: (worlds, long_term_steps + 1, occupations), persons.

    Bin ``d`` holds those laid off ``d`` steps ago; the last bin everybody
    unemployed for ``long_term_steps`` steps or more.
    """

    by_duration: FloatArray

    @classmethod
    def start(cls, shape: tuple[int, int], long_term_steps: int) -> SearchState:
        """Nobody unemployed in the base year."""
        worlds, n = shape
        return cls(np.zeros((worlds, long_term_steps + 1, n)))

    @property
    def long_term(self) -> FloatArray:
        """Long-term unemployed by last occupation (worlds, occupations), persons."""
        return self.by_duration[:, -1]


class Moves(NamedTuple):
    """Re-employment of one step in factored form, (worlds, occupations).

    The flow on edge ``i -> j`` of ``W`` is ``regular_i W_ij value_j`` (and
    ``retrained_i R_ij value_j`` on ``R``); :func:`edge_flows` sums them over
    several steps without forming them every step.
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


@dataclass(frozen=True)
class Matching:
    """Matching constants resolved once per run.

    Attributes
    ----------
    network : MobilityNetwork
        ``W`` and ``R``.
    participation : float
        Share ``pi`` of searchers in retraining, [0, 1].
    long_term_steps : int
        Steps of unemployment from which a worker is long-term unemployed.
    negligible_pool : float
        Pools below this many persons (and above 0) are closed after the step:
        their members leave the labour force, persons.
    worlds : int
        Number of worlds: :func:`advance` multiplies with ``W``, ``W^T``,
        ``R``, ``R^T`` repeated block-diagonally once per world
        (:meth:`MobilityNetwork.world_blocks`, built on first use), so one
        sparse product serves both worlds.
    """

    network: MobilityNetwork
    participation: float
    long_term_steps: int
    worlds: int
    negligible_pool: float = 0.0

    @classmethod
    def build(
        cls,
        network: MobilityNetwork,
        participation: float,
        long_term_weeks: float,
        step_years: float,
        worlds: int,
        negligible_pool: float = 0.0,
    ) -> Matching:
        """Resolve the threshold in weeks into whole steps (rounded up)."""
        steps = max(1, math.ceil(long_term_weeks / WEEKS_PER_YEAR / step_years - 1e-9))
        return cls(network, participation, steps, worlds, negligible_pool)

    def no_moves(self, worlds: int) -> Moves:
        """Flows of a step without any (the base year)."""
        zeros = np.zeros((worlds, self.network.n_occupations))
        return Moves(zeros, zeros, zeros, zeros, np.zeros(worlds))


def advance(
    state: LaborState,
    search: SearchState,
    target: FloatArray,
    rates: StepRates,
    matching: Matching,
) -> tuple[LaborState, LaborFlows, SearchState, Moves]:
    """One labour-market step on the network; see the module docstring."""
    attrition, change, hires, layoffs = openings(state.employment, target, rates)
    by_duration = _age(search.by_duration, layoffs)
    pool = by_duration.sum(axis=1)
    if pool.any():
        searchers = rates.reemployment * pool
        reemployed_to, reemployed_from, moves = _match(searchers, hires, matching)
        moves = moves._replace(participants=matching.participation * pool)
    else:  # nobody to match (e.g. before the first layoff)
        reemployed_to, reemployed_from = np.zeros_like(pool), np.zeros_like(pool)
        moves = matching.no_moves(pool.shape[0])
    leaving = np.divide(reemployed_from, pool, out=np.zeros_like(pool), where=pool > 0.0)
    stay = (1.0 - leaving) * (1.0 - rates.unemployed_exit)
    by_duration *= stay[:, None, :]
    unemployed = by_duration.sum(axis=1)
    unemployed_exits = (pool - reemployed_from) * rates.unemployed_exit
    closed = (unemployed > 0.0) & (unemployed < matching.negligible_pool)
    if closed.any():  # negligible pools leave the labour force
        unemployed_exits = np.where(closed, unemployed_exits + unemployed, unemployed_exits)
        by_duration[:, :, :] = np.where(closed[:, None, :], 0.0, by_duration)
        unemployed = np.where(closed, 0.0, unemployed)
    entrants = hires - reemployed_to
    flows = LaborFlows(attrition, hires, layoffs, reemployed_to, entrants, unemployed_exits)
    new_state = LaborState(
        employment=state.employment + change,
        unemployed=unemployed,
        exits=state.exits + attrition + unemployed_exits,
        entrants=state.entrants + entrants,
    )
    return new_state, flows, SearchState(by_duration), moves


def _age(by_duration: FloatArray, layoffs: FloatArray) -> FloatArray:
    """Everybody one step older (the last bin absorbs); layoffs enter at duration 0."""
    aged = np.empty_like(by_duration)
    aged[:, 1:] = by_duration[:, :-1]
    aged[:, -1] += by_duration[:, -1]
    aged[:, 0] = layoffs
    return aged


def _times(blocks: sp.csr_array, values: FloatArray) -> FloatArray:
    """Per-world product of a world-block-diagonal matrix with (worlds, occupations) values."""
    return (blocks @ values.ravel()).reshape(values.shape)


def _applications(blocks: sp.csr_array, searchers: FloatArray, vacancies: FloatArray) -> FloatArray:
    """Searchers per unit of vacancy-weighted reach, (worlds, occupations); 0 if no reach."""
    reach = _times(blocks, vacancies)
    reached = reach > NO_REACH
    return np.where(reached, searchers, 0.0) / np.where(reached, reach, 1.0)


def _match(
    searchers: FloatArray, vacancies: FloatArray, matching: Matching
) -> tuple[FloatArray, FloatArray, Moves]:
    """Hires from the unemployed by destination and by origin, and the factored flows."""
    search, search_t, retraining, retraining_t = matching.network.world_blocks(matching.worlds)
    training = matching.participation > 0.0
    in_training = matching.participation * searchers
    regular = _applications(search, searchers - in_training, vacancies)
    pressure = _times(search_t, regular)  # applicants per vacancy
    retrained = np.zeros_like(regular)
    if training:
        retrained = _applications(retraining, in_training, vacancies)
        pressure += _times(retraining_t, retrained)
    filled = -np.expm1(-pressure)  # share of vacancies filled
    hired = vacancies * filled
    applied = pressure > 0.0
    value = np.where(applied, hired, vacancies) / np.where(applied, pressure, 1.0)
    reemployed_from = regular * _times(search, value)
    if training:
        reemployed_from += retrained * _times(retraining, value)
    same = np.einsum("wi,i,wi->w", regular, matching.network.self_loop_weight, value)
    return hired, reemployed_from, Moves(regular, retrained, value, retrained, same)


def edge_flows(network: MobilityNetwork, moves: Moves) -> FloatArray:
    """Flows summed over the steps stacked on axis 0 of ``moves``, by edge: (worlds, edges).

    Edges are ``W``'s non-zeros in CSR order, then, with retraining, ``R``'s.
    ``sum_t regular_t[i] value_t[j]`` is gathered and summed over steps for the
    edges whose origin had searchers and whose destination hired (others are 0).
    """
    parts = [(network.search, moves.regular)]
    if network.has_retraining:
        parts.append((network.retraining, moves.retrained))
    steps, worlds, n = moves.value.shape
    value = np.ascontiguousarray(moves.value.transpose(1, 2, 0))  # (worlds, n, steps)
    hiring = (value > 0.0).any(axis=(0, 2))
    flows = []
    for matrix, origin in parts:
        rows = np.repeat(np.arange(n), np.diff(matrix.indptr))
        searching = (origin > 0.0).any(axis=(0, 1))
        edges = np.flatnonzero(searching[rows] & hiring[matrix.indices])
        by_origin = np.ascontiguousarray(origin.transpose(1, 2, 0))
        summed = np.einsum(
            "wet,wet->we", by_origin[:, rows[edges]], value[:, matrix.indices[edges]]
        )
        flow = np.zeros((worlds, matrix.nnz))
        flow[:, edges] = summed * matrix.data[edges]
        flows.append(flow)
    return np.concatenate(flows, axis=1)
