"""Exposure: the time-weighted share of an occupation's tasks AI can do, assisted or autonomous.

Capability is a time horizon (METR): ``h`` = log2 of the length, in
human-expert minutes, of software and reasoning tasks the frontier model
completes half the time.  It grows with effective compute reached,
``c*`` (OOM vs reference, :func:`sim.mechanisms.capability.reached_compute`)::

    h(c*)   = log2 H_ref + b c*                                   (cognitive track)
    g(h)    = max(lag_P + (1 - rho) (h - log2 H_ref), 0)          (physical lag, doublings)

so the physical and in-person track ``h_P = h - g`` starts ``lag_P`` doublings
behind and grows ``rho`` times as fast.  Each task j of occupation i has a
difficulty ``d_j`` (log2 minutes: the horizon at which AI succeeds on it half
the time) and a barrier ``b_j`` in [0, 1], the share of its activities that
are physical or bound to presence; that share rides the physical track, the
rest the cognitive one.  An instance of length ``l`` (log2 minutes) succeeds
with METR's logistic ``s(beta (h - l))``; a task statement covers instances
whose log2 length is normal around ``d_j`` with sd ``sigma_w``, so the task
succeeds on the mean over its instances, by the probit approximation a logistic
with the flatter slope ``beta' = beta / kappa``,
``kappa = sqrt(1 + pi beta^2 sigma_w^2 / 8)`` (:func:`instance_spread_factor`).
With autonomy rate ``r`` and ``c = logit(r) / kappa``::

    s(x)       = 1 / (1 + exp(-x))
    assisted   p_j = (1 - b_j) s(beta' (h - d_j)) + b_j s(beta' (h_P - d_j))
    autonomous q_j = (1 - b_j) s(beta' (h - d_j) - c) + b_j s(beta' (h_P - d_j) - c)
    exposure_i = sum_j w_j p_j,  autonomous_i = sum_j w_j q_j   (w_j: time weights)

``q_j < p_j`` always: autonomy costs ``logit(r) / beta`` more doublings.
Difficulty by source (all monotone as the seed requires):

* criteria: ``d_j = d_ready + S_r (1 - readiness_j) + sigma_d z_j``, readiness
  the weighted mean of the task's definedness, data availability and economic
  value (:func:`blend_task_evidence`), ``b_j`` the larger of its physical and
  interpersonal activity shares, floored for occupations at the top of the
  barrier ranks (:func:`task_barrier`);
* eloundou / frey_osborne: a published index gives a difficulty ``u_j`` in
  [0, 1] that stands for both terms: ``readiness_j = 1 - u_j``, ``b_j = u_j``.

A whole path (:func:`exposure_path`) depends on the step only through the
scalar ``h`` (``h_P`` is a function of it), so each occupation's two shares and
their derivatives in ``h``
are summed over its tasks at a grid of capability levels spaced
:data:`GRID_DOUBLINGS` apart and read at every step by cubic Hermite
interpolation: ``tasks x grid points`` logistic evaluations instead of
``tasks x steps``, with an error below :data:`INTERPOLATION_ERROR_BOUND`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

import numba
import numpy as np
from numpy.typing import NDArray

from sim.mechanisms.capability import reached_compute
from sim.params import CapabilityParams, ExposureParams

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]

#: Difficulty of each Eloundou et al. exposure label (E1 direct, E2 with tools, E0 none).
ELOUNDOU_LABEL_DIFFICULTY = {"E1": 0.0, "E2": 0.5, "E0": 1.0}
#: Spacing of the capability grid of :func:`exposure_path`, horizon doublings.  Cubic
#: Hermite interpolation of sigma(beta x) on spacing D errs by at most
#: D**4 / 384 * max|d4 sigma / dh4| = D**4 / 384 * 0.125 beta**4 per task (the fourth
#: derivative of the logistic peaks at 0.125); at D = 1 and beta <= 0.77 (the top of
#: METR's range) that is 1.1e-4, and a time-weighted mean of tasks errs no more.
GRID_DOUBLINGS = 1.0
#: The bound of the comment above at the top of the slope's valid use (beta = 0.77).
INTERPOLATION_ERROR_BOUND = GRID_DOUBLINGS**4 / 384.0 * 0.125 * 0.77**4
#: Numba fast-math flags of the grid kernels: reassociation and contraction (so sums
#: vectorise) without assuming finite values (infinite exponentials are handled).
FAST_MATH = {"reassoc", "contract", "arcp", "nsz"}
#: Relative difference below which two grid spacings (or gap slopes) count as equal,
#: so that the exponentials are carried by multiplication (float rounding of the grid).
_SAME = 1e-9


def instance_spread_factor(slope: float, length_sd: float) -> float:
    """``kappa = sqrt(1 + pi beta^2 sigma_w^2 / 8)``: how much instance spread flattens a task.

    A task statement covers instances whose log2 length is normal around the
    task's difficulty ``d_j`` with sd ``sigma_w``; each instance succeeds with
    METR's logistic ``s(beta (h - l))``, so the task succeeds on the share
    ``E[s(beta (h - d_j) - c - beta sigma_w z)]`` of its instances (``c = 0``
    assisted, ``logit r`` autonomous), which the probit approximation gives as
    ``s((beta (h - d_j) - c) / kappa)`` (error below 0.01 for ``beta sigma_w <= 1.5``,
    tested against quadrature).

    Parameters
    ----------
    slope
        beta > 0, METR's per-instance log-odds per doubling.
    length_sd
        sigma_w >= 0, sd of log2 instance length within a task, doublings.
    """
    return math.sqrt(1.0 + math.pi * (slope * length_sd) ** 2 / 8.0)


@dataclass(frozen=True)
class SuccessCurve:
    """How capability turns into task success (resolved once per run).

    Attributes
    ----------
    slope : float
        Task-level slope, log-odds of success per horizon doubling:
        ``beta / kappa`` (:func:`instance_spread_factor`).
    autonomy_log_odds : float
        Extra task-level log-odds the autonomous level needs: ``logit(r) / kappa``
        (so autonomy still costs ``logit(r) / beta`` more doublings).
    reference_log2_minutes : float
        log2 of the reference-year 50% horizon, minutes.
    doublings_per_oom : float
        Horizon doublings per OOM of effective compute.
    physical_lag : float
        Doublings the physical track is behind at the reference year.
    physical_growth_ratio : float
        rho, physical doublings per cognitive doubling.
    """

    slope: float
    autonomy_log_odds: float
    reference_log2_minutes: float
    doublings_per_oom: float
    physical_lag: float
    physical_growth_ratio: float

    @classmethod
    def from_params(cls, capability: CapabilityParams, exposure: ExposureParams) -> SuccessCurve:
        """Resolve the capability-track and success-curve parameters."""
        rate = exposure.autonomy_success_rate
        slope = exposure.success_slope_per_doubling
        spread = instance_spread_factor(slope, exposure.instance_length_sd_doublings)
        return cls(
            slope=slope / spread,
            autonomy_log_odds=math.log(rate / (1.0 - rate)) / spread,
            reference_log2_minutes=math.log2(capability.horizon_reference_minutes),
            doublings_per_oom=capability.horizon_doublings_per_oom,
            physical_lag=capability.physical_lag_doublings,
            physical_growth_ratio=capability.physical_growth_ratio,
        )

    def horizon(self, log10_compute: FloatArray | float) -> FloatArray:
        """Cognitive 50% horizon h, log2 minutes, at log10 effective compute (OOM vs ref)."""
        return self.reference_log2_minutes + self.doublings_per_oom * np.asarray(log10_compute)

    def physical_gap(self, horizon: FloatArray | float) -> FloatArray:
        """g(h) >= 0: doublings the physical track is behind the cognitive one at ``h``."""
        gap = self.physical_lag + (1.0 - self.physical_growth_ratio) * (
            np.asarray(horizon) - self.reference_log2_minutes
        )
        return np.maximum(gap, 0.0)

    def physical_horizon(self, horizon: FloatArray | float) -> FloatArray:
        """Physical and in-person track h - g(h), log2 minutes."""
        return np.asarray(horizon) - self.physical_gap(horizon)

    def gap_kink(self) -> float:
        """Horizon (log2 minutes) below which g(h) = 0 (-inf if the tracks grow alike)."""
        if self.physical_growth_ratio >= 1.0:
            return -math.inf
        return self.reference_log2_minutes - self.physical_lag / (1.0 - self.physical_growth_ratio)


@dataclass(frozen=True)
class TaskSet:
    """Tasks of all occupations with their difficulty, barrier and the run's success curve.

    Attributes
    ----------
    occupation_index : IntArray
        Row of the task's occupation in the occupation arrays, shape (n_tasks,).
    weight : FloatArray
        Time weight of each task; weights sum to 1 within each occupation.
    difficulty : FloatArray
        d_j, log2 minutes: the 50% horizon at which AI succeeds on the task half the time.
    barrier : FloatArray
        b_j in [0, 1]: the share of the task done on the physical and in-person track.
    n_occupations : int
        Number of occupations (length of the exposure vectors).
    curve : SuccessCurve
        The run's capability tracks and success curve.
    """

    occupation_index: IntArray
    weight: FloatArray
    difficulty: FloatArray
    barrier: FloatArray
    n_occupations: int
    curve: SuccessCurve


class ExposureLevels(NamedTuple):
    """Exposure at the two levels, same shape, shares of task time in [0, 1]."""

    assisted: FloatArray
    """Share of task time AI does well enough for the worker to check and use."""
    autonomous: FloatArray
    """Share of task time AI does reliably enough to run without the worker (<= assisted)."""


def readiness(
    definedness: FloatArray, data: FloatArray, value: FloatArray, params: ExposureParams
) -> FloatArray:
    """Weighted mean of the three seed criteria, in [0, 1]."""
    weights = np.array(
        [
            params.weight_task_definedness,
            params.weight_data_availability,
            params.weight_economic_value,
        ]
    )
    stacked = np.stack([definedness, data, value])
    return weights @ stacked / weights.sum()


def blend_task_evidence(
    occupation_score: FloatArray, own_score: FloatArray, task_evidence_share: float
) -> FloatArray:
    """One criterion per task: ``c_j = (1 - lambda) * S_c(i) + lambda * s_c(j)``, in [0, 1].

    Parameters
    ----------
    occupation_score
        S_c(i) of each task's occupation (already indexed per task), [0, 1].
    own_score
        s_c(j), the task's own score from its O*NET evidence, [0, 1].
    task_evidence_share
        lambda in [0, 1] (``exposure.task_evidence_share``).
    """
    return (1.0 - task_evidence_share) * occupation_score + task_evidence_share * own_score


def task_barrier(
    occupation_barriers: tuple[FloatArray, FloatArray],
    task_barriers: tuple[FloatArray, FloatArray],
    occupation_index: IntArray,
    rank_threshold: float,
) -> FloatArray:
    """Barrier of each task in [0, 1].

    ``barrier_j = max(physical_j, interpersonal_j, floor_i)`` with
    ``floor_i = clip((max(P_i, I_i) - r0) / (1 - r0), 0, 1)``: the task's own
    physical or interpersonal activity share, floored for occupations whose
    barrier rank exceeds ``r0`` (work bound to presence).

    Parameters
    ----------
    occupation_barriers
        (physical P, interpersonal I) barrier score per occupation, percentile ranks.
    task_barriers
        (physical, interpersonal) activity share per task, [0, 1].
    occupation_index
        Occupation row of each task.
    rank_threshold
        r0 in [0, 1): barrier rank above which the job-wide floor starts.
    """
    top_rank = np.maximum(*occupation_barriers)
    floor = np.clip((top_rank - rank_threshold) / (1.0 - rank_threshold), 0.0, 1.0)
    return np.maximum(np.maximum(*task_barriers), floor[occupation_index])


def eloundou_difficulty(labels: NDArray[np.str_]) -> FloatArray:
    """Task difficulty in [0, 1] from Eloundou et al. labels (E0/E1/E2)."""
    lookup = np.vectorize(ELOUNDOU_LABEL_DIFFICULTY.__getitem__, otypes=[float])
    return lookup(labels)


def task_difficulty(
    readiness: FloatArray, params: ExposureParams, *, rng: np.random.Generator
) -> FloatArray:
    """``d_j = d_ready + S_r (1 - readiness_j) + sigma_d z_j``, log2 minutes.

    Parameters
    ----------
    readiness
        Per task, in [0, 1].
    params
        ``difficulty_ready_log2_minutes``, ``readiness_span_doublings`` and
        ``difficulty_noise_sd_doublings``.
    rng
        Generator for the noise (one standard normal draw per task).
    """
    noise = rng.standard_normal(np.shape(readiness)) * params.difficulty_noise_sd_doublings
    return (
        params.difficulty_ready_log2_minutes
        + params.readiness_span_doublings * (1.0 - readiness)
        + noise
    )


def task_time_weights(
    is_supplemental: NDArray[np.bool_],
    occupation_index: IntArray,
    n_occupations: int,
    supplemental_weight: float,
) -> FloatArray:
    """Time weight of each task, normalised to sum to 1 within its occupation."""
    raw = np.where(is_supplemental, supplemental_weight, 1.0)
    totals = np.bincount(occupation_index, weights=raw, minlength=n_occupations)
    safe_totals = np.where(totals > 0, totals, 1.0)
    return raw / safe_totals[occupation_index]


def task_log_odds(horizon: float, tasks: TaskSet) -> tuple[FloatArray, FloatArray]:
    """Assisted log-odds of every task on each track: ``beta (h - d_j)``, ``beta (h_P - d_j)``."""
    curve = tasks.curve
    physical = float(curve.physical_horizon(horizon))
    return (
        curve.slope * (horizon - tasks.difficulty),
        curve.slope * (physical - tasks.difficulty),
    )


def success_probabilities(horizon: float, tasks: TaskSet) -> ExposureLevels:
    """Per-task probabilities (assisted p_j, autonomous q_j) at horizon ``h`` (log2 minutes).

    The task's barrier share ``b_j`` is done on the physical track, the rest on
    the cognitive one: ``p_j = (1 - b_j) s(x_c) + b_j s(x_p)``.
    """
    cognitive, physical = task_log_odds(horizon, tasks)
    shift = tasks.curve.autonomy_log_odds
    barrier = tasks.barrier
    return ExposureLevels(
        (1.0 - barrier) * _logistic(cognitive) + barrier * _logistic(physical),
        (1.0 - barrier) * _logistic(cognitive - shift) + barrier * _logistic(physical - shift),
    )


def _logistic(x: FloatArray) -> FloatArray:
    """sigma(x) = 1 / (1 + exp(-x)), without overflow warnings for large |x|."""
    return np.exp(-np.logaddexp(0.0, -x))


def exposure_levels_at(log10_compute: float, tasks: TaskSet) -> ExposureLevels:
    """Both exposure levels of every occupation at one capability (shape (n_occupations,))."""
    return exposure_levels_at_horizon(float(tasks.curve.horizon(log10_compute)), tasks)


def exposure_levels_at_horizon(horizon: float, tasks: TaskSet) -> ExposureLevels:
    """Both exposure levels of every occupation at horizon ``h`` (log2 minutes)."""
    levels = success_probabilities(horizon, tasks)
    return ExposureLevels(
        *(
            np.clip(
                np.bincount(
                    tasks.occupation_index,
                    weights=tasks.weight * share,
                    minlength=tasks.n_occupations,
                ),
                0.0,
                1.0,
            )
            for share in levels
        )
    )


def exposure_at(log10_compute: float, tasks: TaskSet) -> FloatArray:
    """Assisted exposure of every occupation at one capability, shape (n_occupations,)."""
    return exposure_levels_at(log10_compute, tasks).assisted


def exposure_path(
    log10_compute: FloatArray,
    tasks: TaskSet,
    out: FloatArray | None = None,
    out_autonomous: FloatArray | None = None,
) -> ExposureLevels:
    """Both exposure levels along a compute path, each shape (n_steps, n_occupations).

    Capability at step t is the running maximum of the path (trained models do
    not disappear), mapped to the horizon h.  Each occupation's shares and their
    derivatives in h are summed over its tasks at grid points
    ``h_0 + k D`` (D = :data:`GRID_DOUBLINGS`) covering the path's range, plus the
    kink of the physical gap if it lies inside, and read at each step by cubic
    Hermite interpolation (error below :data:`INTERPOLATION_ERROR_BOUND`; exact at
    grid points, so row 0 is :func:`exposure_levels_at` of the first step up to
    summation order).  Paths with fewer steps than grid points are evaluated
    exactly at every step.

    Parameters
    ----------
    log10_compute
        log10 effective compute (OOM vs reference) at each step, any shape (n_steps,).
    tasks
        The run's task set.
    out, out_autonomous
        Arrays of shape (n_steps, n_occupations) to write the assisted and
        autonomous shares into (may be strided views); new arrays if ``None``.

    Raises
    ------
    ValueError
        If ``out`` or ``out_autonomous`` has another shape.
    """
    horizon = tasks.curve.horizon(reached_compute(np.asarray(log10_compute, dtype=float)))
    shape = (horizon.size, tasks.n_occupations)
    for name, array in (("out", out), ("out_autonomous", out_autonomous)):
        if array is not None and array.shape != shape:
            raise ValueError(f"exposure_path: {name} has shape {array.shape}, expected {shape}")
    assisted = np.empty(shape) if out is None else out
    autonomous = np.empty(shape) if out_autonomous is None else out_autonomous
    if horizon.size == 0:
        return ExposureLevels(assisted, autonomous)
    grid = capability_grid(float(horizon[0]), float(horizon[-1]), tasks.curve.gap_kink())
    if grid.size == 1:  # capability never moves: every step is the first
        assisted[:], autonomous[:] = exposure_levels_at_horizon(float(horizon[0]), tasks)
    elif grid.size >= horizon.size:
        for step, level in enumerate(horizon):
            assisted[step], autonomous[step] = exposure_levels_at_horizon(float(level), tasks)
    else:
        sums, physical_slopes = grid_sums(grid, tasks), _physical_slopes(grid, tasks.curve)
        _interpolate(horizon, grid, sums[:3], tasks.curve.slope, physical_slopes, assisted)
        _interpolate(horizon, grid, sums[3:], tasks.curve.slope, physical_slopes, autonomous)
    return ExposureLevels(assisted, autonomous)


def capability_grid(first: float, last: float, kink: float) -> FloatArray:
    """Grid points ``first + k D`` up to the first at or past ``last``, plus ``kink`` if inside."""
    count = max(int(math.ceil((last - first) / GRID_DOUBLINGS)), 0) + 1
    grid = first + GRID_DOUBLINGS * np.arange(count, dtype=float)
    if first < kink < grid[-1] and not np.any(grid == kink):
        grid = np.sort(np.append(grid, kink))
    return grid


def _physical_slopes(grid: FloatArray, curve: SuccessCurve) -> FloatArray:
    """dh_P/dh on each grid interval: rho where the gap is open, 1 where it is clamped at 0."""
    middle = (grid[:-1] + grid[1:]) / 2.0 if grid.size > 1 else grid
    open_gap = curve.physical_lag + (1.0 - curve.physical_growth_ratio) * (
        middle - curve.reference_log2_minutes
    )
    return np.where(open_gap > 0.0, curve.physical_growth_ratio, 1.0)


def grid_sums(grid: FloatArray, tasks: TaskSet) -> FloatArray:
    """Per grid point and occupation: the sums the interpolation needs, shape (6, G, n).

    Rows 0-2 assisted, 3-5 autonomous: the level ``sum_j w_j ((1 - b_j) s_cj + b_j s_pj)``,
    the cognitive slope term ``sum_j w_j (1 - b_j) s_cj (1 - s_cj)`` and the physical
    one ``sum_j w_j b_j s_pj (1 - s_pj)``, with ``s_cj``, ``s_pj`` the task's
    probabilities on the two tracks at the grid point.  The derivative in h of a
    level on an interval where ``dh_P/dh = rho'`` is ``beta (row 1 + rho' row 2)``.
    """
    occupation = tasks.occupation_index
    order = (
        None if np.all(occupation[1:] >= occupation[:-1]) else np.argsort(occupation, kind="stable")
    )

    def by_occupation(values: FloatArray) -> FloatArray:
        return np.ascontiguousarray(values if order is None else values[order], dtype=float)

    starts = np.zeros(tasks.n_occupations + 1, dtype=np.intp)
    np.cumsum(np.bincount(occupation, minlength=tasks.n_occupations), out=starts[1:])
    out = np.empty((6, grid.size, tasks.n_occupations))
    curve = tasks.curve
    _grid_sums(
        grid,
        curve.physical_horizon(grid),
        by_occupation(tasks.difficulty),
        by_occupation(tasks.barrier),
        by_occupation(tasks.weight),
        starts,
        curve.slope,
        math.exp(curve.autonomy_log_odds),
        out,
    )
    return out


@numba.njit(cache=True, error_model="numpy")
def _carry(
    e: FloatArray, ratio: float, horizon: float, difficulty: FloatArray, slope: float
) -> None:
    """``e_j <- e_j * ratio`` (``exp(-beta (h - d_j))`` one grid step on); exact where infinite.

    Values below 1e-200 become 0 (the probability is 1 to double precision, and
    ``e`` never rises along the grid since ``ratio <= 1``).
    """
    for j in range(e.size):
        carried = e[j] * ratio
        e[j] = carried if carried >= 1e-200 else 0.0
    for j in range(e.size):
        if e[j] == np.inf:
            e[j] = np.exp(-slope * (horizon - difficulty[j]))


@numba.njit(cache=True, error_model="numpy", fastmath=FAST_MATH)
def _grid_sums(
    grid: FloatArray,
    physical: FloatArray,
    difficulty: FloatArray,
    barrier: FloatArray,
    weight: FloatArray,
    starts: IntArray,
    slope: float,
    autonomy_odds: float,
    out: FloatArray,
) -> None:
    """Fill :func:`grid_sums`; tasks sorted by occupation, i's tasks ``starts[i]:starts[i+1]``.

    On each track ``e_j = exp(-beta (h - d_j))`` serves both levels:
    ``p = 1 / (1 + e)`` and, as ``exp(-(x - logit r)) = e r / (1 - r)``,
    ``q = 1 / (1 + e odds)``.  Between grid points of equal spacing D and equal
    track slope, every task's ``e`` is multiplied by the same ``exp(-beta D h')``
    (:func:`_carry`); it is recomputed where spacing or slope change (the kink).
    """
    n_tasks = difficulty.size
    cognitive = np.zeros(n_tasks)
    embodied = np.zeros(n_tasks)
    spacing, physical_slope = -1.0, -1.0
    for k in range(grid.size):
        h, hp = grid[k], physical[k]
        fresh = k == 0
        if k > 0:
            step = grid[k] - grid[k - 1]
            slope_here = (physical[k] - physical[k - 1]) / step
            if abs(step - spacing) > _SAME * step or abs(slope_here - physical_slope) > _SAME:
                spacing, physical_slope = step, slope_here
                fresh = True
        if fresh:
            for j in range(n_tasks):
                cognitive[j] = np.exp(-slope * (h - difficulty[j]))
                embodied[j] = np.exp(-slope * (hp - difficulty[j]))
        else:
            _carry(cognitive, np.exp(-slope * spacing), h, difficulty, slope)
            _carry(embodied, np.exp(-slope * spacing * physical_slope), hp, difficulty, slope)
        for i in range(starts.size - 1):
            p_sum = p_cognitive = p_physical = q_sum = q_cognitive = q_physical = 0.0
            for j in range(starts[i], starts[i + 1]):
                b = barrier[j]
                w_c = weight[j] * (1.0 - b)
                w_p = weight[j] * b
                pc = 1.0 / (1.0 + cognitive[j])
                pp = 1.0 / (1.0 + embodied[j])
                qc = 1.0 / (1.0 + cognitive[j] * autonomy_odds)
                qp = 1.0 / (1.0 + embodied[j] * autonomy_odds)
                p_sum += w_c * pc + w_p * pp
                p_cognitive += w_c * pc * (1.0 - pc)
                p_physical += w_p * pp * (1.0 - pp)
                q_sum += w_c * qc + w_p * qp
                q_cognitive += w_c * qc * (1.0 - qc)
                q_physical += w_p * qp * (1.0 - qp)
            out[0, k, i] = p_sum
            out[1, k, i] = p_cognitive
            out[2, k, i] = p_physical
            out[3, k, i] = q_sum
            out[4, k, i] = q_cognitive
            out[5, k, i] = q_physical


def _interpolate(
    horizon: FloatArray,
    grid: FloatArray,
    sums: FloatArray,
    slope: float,
    physical_slope: FloatArray,
    out: FloatArray,
) -> None:
    """``out[t, i]``: cubic Hermite interpolation of ``sums[0]`` at ``horizon[t]``, in [0, 1].

    On interval k of width D_k the value and derivative at both ends give
    ``v(u) = c0 + u (c1 + u (c2 + u c3))``, ``u = (h - h_k) / D_k``, with the
    derivative ``beta (sums[1] + rho'_k sums[2])`` (scaled by D_k).
    """
    scale = slope * np.diff(grid)[:, None]
    interval_slope = physical_slope[:, None]
    start_slope = scale * (sums[1, :-1] + interval_slope * sums[2, :-1])
    end_slope = scale * (sums[1, 1:] + interval_slope * sums[2, 1:])
    left, right = sums[0, :-1], sums[0, 1:]
    coefficients = np.stack(
        [
            left,
            start_slope,
            3.0 * (right - left) - 2.0 * start_slope - end_slope,
            2.0 * (left - right) + start_slope + end_slope,
        ],
        axis=1,
    )
    _cubic_steps(horizon, grid, coefficients, out)


@numba.njit(cache=True, error_model="numpy", fastmath=FAST_MATH)
def _cubic_steps(
    horizon: FloatArray, grid: FloatArray, coefficients: FloatArray, out: FloatArray
) -> None:
    """``out[t, i] = clip(c0 + u (c1 + u (c2 + u c3)), 0, 1)`` on the interval holding ``h_t``.

    ``horizon`` is non-decreasing and inside ``[grid[0], grid[-1]]``;
    ``coefficients`` has shape (intervals, 4, n).
    """
    steps, n = out.shape
    k = 0
    last = grid.size - 2
    for t in range(steps):
        h = horizon[t]
        while k < last and h > grid[k + 1]:
            k += 1
        u = (h - grid[k]) / (grid[k + 1] - grid[k])
        c0, c1, c2, c3 = (
            coefficients[k, 0],
            coefficients[k, 1],
            coefficients[k, 2],
            coefficients[k, 3],
        )
        row = out[t]
        for i in range(n):
            row[i] = min(max(c0[i] + u * (c1[i] + u * (c2[i] + u * c3[i])), 0.0), 1.0)
