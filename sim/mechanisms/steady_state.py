"""The start: every occupation at its own steady state of the base flows (issue 20).

At the steady state an occupation's employment ``E_i`` stays put: its hires
replace its separations, ``h_i = (x_i + s) E_i`` a step (attrition plus base
churn), and its unemployed pool, fed by ``b_i = (s + n) E_i`` a step
(separations and entry into unemployment, at duration 0), loses as many as it
gains.  With ``p_i`` origin ``i``'s re-employment per unit of effective
search and ``stay_d = (1 - e_d p_i)(1 - delta)`` the share of duration bin
``d`` still unemployed after a step, the pool before matching is
``P_0 = b``, ``P_d = P_{d-1} stay_{d-1}`` and, in the absorbing long-term bin,
``P_D = P_{D-1} stay_{D-1} / (1 - stay_D)``.  The vacancies ``v_j`` seen by
matching must be such that urn-ball matching (:mod:`sim.mechanisms.reallocation`:
``z_j`` applicants per vacancy, a share ``phi_j = psi (1 - exp(-z_j))`` filled
from the unemployed) plus the entrants (a share ``eta`` of the rest) hire exactly
``h_j``: ``v_j = h_j / (phi_j + eta (1 - phi_j))``.  The ``z_j`` and the
``p_i`` depend on every occupation's pool and vacancies through the network,
so the system is solved as a fixed point: ``(v, p) -> pools -> z -> v -> p``
(:func:`balance_step`, compiled), accelerated with Anderson mixing (Walker &
Ni 2011, SIAM J. Numer. Anal. 49(4), doi:10.1137/10078356X), to a residual
below :data:`TOLERANCE`.

Employers' positions are then employment plus the vacancies left open after
a step, ``J_i = E_i + (v_i - phi_i v_i)(1 - eta)``: an occupation that fills
slowly holds more open positions for the same employment (JOLTS openings
rates differ about twofold between industries).  Its positions per unit of
required labour ``k_i = J_i / E_i`` then set its position target
``T_i = k_i L*_i`` for the rest of the run (:mod:`sim.mechanisms.labor`), so
a world without AI and without a demand trend stays where it starts.  The
aggregate openings rate, unemployment rate and long-term share come out of
the base flows; both worlds start from the same state.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from sim.errors import ScenarioError
from sim.mechanisms.compiled import compiled
from sim.mechanisms.labor import TINY, StepRates
from sim.mechanisms.reallocation import NO_REACH, Matching
from sim.mechanisms.sparse_rows import apply_searchers, row_dots

FloatArray = NDArray[np.float64]
#: Largest change of the scaled unknowns (vacancies over their largest value, re-employment
#: per unit of search) at which the fixed point counts as solved (a step from the start
#: then moves head counts by about this share: far below what the data resolve).
TOLERANCE = 1e-10
#: Iterations before giving up (Anderson mixing needs about 30 on the default economy).
MAX_ITERATIONS = 500
#: Past iterates that Anderson mixing combines.
ANDERSON_MEMORY = 5
#: Starting guess: vacancies per hire a step, re-employment per unit of search a step.
START_VACANCIES_PER_HIRE, START_SUCCESS = 3.0, 0.3


class SteadyState(NamedTuple):
    """One world's base-flow steady state, after a step (persons).

    Attributes
    ----------
    employment : FloatArray
        Employment ``E_i`` (the base year's), (occupations,).
    vacancies : FloatArray
        Positions still open after a step's hiring, (occupations,).
    by_duration : FloatArray
        Unemployed by duration bin after a step, (bins, occupations).
    position_lag : FloatArray
        Positions over their target on the growth path, (occupations,)
        (:func:`position_lag`; 1 without growth).
    open_after_matching : FloatArray
        Vacancies still open after the first step's matching, before entrants from
        outside the labour force fill their share ``eta`` of them, (occupations,): the
        start of the reference path of that entry
        (:func:`sim.mechanisms.unemployment_pool.settle_pool`).
    iterations : int
        Fixed-point iterations used.
    """

    employment: FloatArray
    vacancies: FloatArray
    by_duration: FloatArray
    position_lag: FloatArray
    open_after_matching: FloatArray
    iterations: int

    @property
    def unemployed(self) -> FloatArray:
        """Unemployed by last occupation, (occupations,)."""
        return self.by_duration.sum(axis=0)

    @property
    def positions_per_worker(self) -> FloatArray:
        """``k_i = (E_i + V_i) / (c_i E_i)``, ``c_i`` the position lag (1 where nobody works)."""
        employed = self.employment > 0.0
        safe = np.where(employed, self.employment, 1.0)
        positions = (self.employment + self.vacancies) / self.position_lag
        return np.where(employed, positions / safe, 1.0)


def base_hires_and_joining(
    rates: StepRates, employment: FloatArray, growth: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Hires that replace a step's separations and add the growth ``g E`` (never below 0),
    and the step's new unemployed (persons)."""
    attrition = rates.attrition * employment
    churn = np.minimum(rates.separation * employment, employment - attrition)
    hires = np.maximum(attrition + churn + (growth - 1.0) * employment, 0.0)
    return hires, churn + rates.unemployment_entry * employment


def position_lag(rates: StepRates, growth: FloatArray) -> FloatArray:
    """``J / T`` on a path growing by ``G`` a step under partial adjustment: ``G a / (G - 1 + a)``.

    ``a`` is the share of the gap closed a step (``rates.adjustment``); 1
    without growth or without adjustment.
    """
    a = rates.adjustment
    if a <= 0.0:
        return np.ones_like(growth)
    return growth * a / np.maximum(growth - 1.0 + a, TINY)


def solve(
    rates: StepRates,
    matching: Matching,
    employment: FloatArray,
    growth: FloatArray | None = None,
) -> SteadyState:
    """The steady state of one world with ``employment`` (module docstring).

    ``growth`` is the factor ``G_i`` by which each occupation's required
    labour grows a step at the start (the non-AI trend); the flows are then
    those of a path growing at that rate (1: no growth).

    Raises
    ------
    ScenarioError
        If the fixed point is not found within :data:`MAX_ITERATIONS` (labour
        rates far outside their plausible ranges).
    """
    employment = np.ascontiguousarray(employment, dtype=np.float64)
    growth = np.ones_like(employment) if growth is None else np.asarray(growth, dtype=np.float64)
    hires, joining = base_hires_and_joining(rates, employment, growth)
    scale = max(float(hires.max(initial=0.0)) * START_VACANCIES_PER_HIRE, TINY)
    n, bins = employment.shape[0], matching.effectiveness.shape[0]
    out = _Evaluation.empty(n, bins)

    def residual(x: FloatArray) -> FloatArray:
        balance_step(rates, matching, hires, joining, growth, x[:n] * scale, x[n:], *out)
        return np.concatenate((out.vacancies / scale, out.success)) - x

    x = np.concatenate((hires * START_VACANCIES_PER_HIRE / scale, np.full(n, START_SUCCESS)))
    x, iterations = _anderson(residual, x)  # out holds the evaluation at the solution
    stay = (1.0 - matching.effectiveness[:, None] * out.success[None, :]) * (
        1.0 - rates.unemployed_exit
    )
    unmatched = np.maximum(out.vacancies - out.hired, 0.0)
    open_after = unmatched * (1.0 - rates.entrant_fill)
    # the state one step before the first: vacancies and pools a growth step smaller
    return SteadyState(
        employment,
        open_after / growth,
        out.pools * stay / growth,
        position_lag(rates, growth),
        unmatched,
        iterations,
    )


class _Evaluation(NamedTuple):
    """Outputs of :func:`balance_step` (written in place)."""

    vacancies: FloatArray
    success: FloatArray
    hired: FloatArray
    pools: FloatArray

    @classmethod
    def empty(cls, n: int, bins: int) -> _Evaluation:
        return cls(np.zeros(n), np.zeros(n), np.zeros(n), np.zeros((bins, n)))


def _anderson(
    residual: Callable[[FloatArray], FloatArray], x: FloatArray
) -> tuple[FloatArray, int]:
    """Anderson-mixed fixed-point iteration ``x <- x + f(x)`` until ``max |f| < TOLERANCE``."""
    xs: list[FloatArray] = []
    fs: list[FloatArray] = []
    for iteration in range(1, MAX_ITERATIONS + 1):
        f = residual(x)
        largest = float(np.abs(f).max(initial=0.0))
        if largest < TOLERANCE:
            return x, iteration
        if not np.isfinite(largest):  # e.g. no entrants and no applicants: no finite stock
            break
        xs, fs = [*xs[-ANDERSON_MEMORY:], x], [*fs[-ANDERSON_MEMORY:], f]
        step = x + f
        if len(fs) > 1:
            d_f = np.diff(np.array(fs), axis=0)
            d_x = np.diff(np.array(xs), axis=0)
            gamma = _least_squares(d_f, f)
            step = step - ((d_x + d_f) * gamma[:, None]).sum(axis=0)
        x = np.clip(step, 0.0, None)
        x[len(x) // 2 :] = np.minimum(x[len(x) // 2 :], 1.0)
    raise ScenarioError(
        f"the base flows have no steady state the model can find (residual {largest:.3g} after "
        f"{iteration} iterations); check the labor.* rates (search intensity, "
        "separations, entrant fill, unemployed exits) against their plausible ranges"
    )


def _least_squares(rows: FloatArray, target: FloatArray) -> FloatArray:
    """``gamma`` minimising ``|target - rows^T gamma|``, by the (regularised) normal equations.

    Elementwise sums, not BLAS: a handful of columns, and no thread pool to wake.
    """
    gram = (rows[:, None, :] * rows[None, :, :]).sum(axis=-1)
    gram = gram + np.eye(len(rows)) * (1e-14 * float(np.trace(gram)) + TINY)
    return np.linalg.solve(gram, (rows * target[None, :]).sum(axis=-1))


@compiled
def balance_step(
    rates,
    matching,
    hires,
    joining,
    growth,
    vacancies,
    success,
    new_vacancies,
    new_success,
    hired,
    pools,
):  # pragma: no cover - compiled
    """One pass ``(v, p) -> (v', p')`` of the fixed point (module docstring).

    ``vacancies`` are those seen by matching, ``success`` re-employment per
    unit of effective search, (occupations,); writes the vacancies that hire
    ``hires`` exactly, the success they give, the hires from the unemployed
    and the pool before matching by duration (bins, occupations).
    """
    bins, n = pools.shape
    last = bins - 1
    effectiveness = matching.effectiveness
    keep = 1.0 - rates.unemployed_exit
    searching = np.zeros(n)
    in_training = np.zeros(n)
    for i in range(n):
        level, weighted, p = joining[i], 0.0, success[i]
        for d in range(last):  # joined d steps ago, when inflows were G^d times smaller
            pools[d, i] = level
            weighted += effectiveness[d] * level
            level = level * (1.0 - effectiveness[d] * p) * keep / growth[i]
        leaving = growth[i] - (1.0 - effectiveness[last] * p) * keep
        pools[last, i] = level * growth[i] / leaving if level > 0.0 else 0.0
        weighted += effectiveness[last] * pools[last, i]
        searching[i] = rates.reemployment * (1.0 - matching.participation) * weighted
        in_training[i] = rates.reemployment * matching.participation * weighted
    regular, pressure = np.zeros(n), np.zeros(n)
    # searchers per unit of reach; then collected by destination over W^T
    row_dots(
        matching.search_indptr, matching.search_indices, matching.search_data, vacancies, regular
    )
    for i in range(n):
        reach = regular[i]
        regular[i] = searching[i] / reach if searching[i] != 0.0 and reach > NO_REACH else 0.0
    row_dots(
        matching.search_t_indptr,
        matching.search_t_indices,
        matching.search_t_data,
        regular,
        pressure,
    )
    if matching.participation > 0.0:
        retrained, by_retraining = np.zeros(n), np.zeros(n)
        apply_searchers(
            matching.retraining_indptr,
            matching.retraining_indices,
            matching.retraining_data,
            in_training,
            vacancies,
            NO_REACH,
            retrained,
            by_retraining,
        )
        for j in range(n):
            pressure[j] += by_retraining[j]
    value = np.zeros(n)
    for j in range(n):
        filled = rates.hiring_capacity * -np.expm1(-pressure[j])
        new_vacancies[j] = hires[j] / (filled + rates.entrant_fill * (1.0 - filled))
        if hires[j] == 0.0:
            new_vacancies[j] = 0.0
        hired[j] = new_vacancies[j] * filled
        value[j] = hired[j] / pressure[j] if pressure[j] > 0.0 else new_vacancies[j]
    via_search, via_retraining = np.zeros(n), np.zeros(n)
    _values_per_reach(
        matching.search_indptr,
        matching.search_indices,
        matching.search_data,
        new_vacancies,
        value,
        via_search,
    )
    if matching.participation > 0.0:
        _values_per_reach(
            matching.retraining_indptr,
            matching.retraining_indices,
            matching.retraining_data,
            new_vacancies,
            value,
            via_retraining,
        )
    for i in range(n):
        found = (1.0 - matching.participation) * via_search[i]
        if matching.participation > 0.0:
            found += matching.participation * via_retraining[i]
        new_success[i] = rates.reemployment * found


@compiled
def _values_per_reach(indptr, indices, data, vacancies, value, out):  # pragma: no cover
    """``out[i] = (M value)_i / (M v)_i``: hires per application from each origin ``i``
    (0 without reach), one pass over each row (the row's loop written here, from its
    unsigned start: see :mod:`sim.mechanisms.sparse_rows`)."""
    for i in range(out.shape[0]):
        reach = through = 0.0
        start = indptr[i]
        for t in range(indptr[i + 1] - start):
            k = start + t
            reach += data[k] * vacancies[indices[k]]
            through += data[k] * value[indices[k]]
        out[i] = through / reach if reach > NO_REACH else 0.0
