"""Exposure along a whole path: grid sums in the horizon, cubic Hermite reading, a memo.

An occupation's two shares depend on the step only through the scalar horizon
``h`` (``h_P`` is a function of it), so :func:`path_levels` sums each
occupation's shares and their derivatives in ``h`` over its tasks at the
path's first horizon and the lattice points ``h = k D`` above it
(:data:`GRID_DOUBLINGS` apart, ``k`` integer, plus the kink of the physical gap
where it lies inside; :func:`capability_grid`) and reads every step by
cubic Hermite interpolation (:mod:`sim.mechanisms.exposure_hermite`):
``tasks x grid points`` logistic evaluations instead of ``tasks x steps``,
with an error below
:data:`INTERPOLATION_ERROR_BOUND`.

Each track is summed on its own (:func:`_track_sums`): the cognitive track
over the tasks with some cognitive share (``w_j (1 - b_j)``), the physical track
over the tasks with some barrier (``w_j b_j``), so a barrier-free task costs
one logistic evaluation per point, not two.

The lattice does not depend on the compute path (the first point is the same
for every path that starts in the same base year), and every point's sums are
computed on their own (each task's exponential is ``exp(beta d_j)`` times
``exp(-beta h)``, no carrying from point to point), so a point's sums are a
deterministic function of the tasks, the success curve and the point.  They
are kept in a :class:`GridMemo` keyed on a digest of the task arrays and the
curve: a path reuses the points an earlier path with the same tasks and curve
computed (a sweep over compute parameters with common seeds, validation), and
the result is bit-identical whether a point comes from the memo or is computed,
so the memo never changes a result.

The kernels are plain ``numba.njit(cache=True)`` functions, not step stages:
they call only functions of this file, so Numba's own per-file cache stamp
keeps them fresh (:mod:`sim.mechanisms.compiled`).
"""

from __future__ import annotations

import hashlib
import math
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING

import numba
import numpy as np
from numpy.typing import NDArray

from sim.mechanisms.exposure_hermite import FAST_MATH, hermite_read

if TYPE_CHECKING:
    from sim.mechanisms.success_curve import SuccessCurve
    from sim.mechanisms.task_set import TaskSet

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]

#: Spacing of the lattice, horizon doublings.  Cubic Hermite interpolation of
#: sigma(beta x) on spacing D errs by at most D**4 / 384 * max|d4 sigma / dh4| =
#: D**4 / 384 * 0.125 beta**4 per task (the fourth derivative of the logistic peaks at
#: 0.125); at D = 1 and beta <= 0.77 (the top of METR's range; the task-level slope is
#: never steeper) that is 1.1e-4, and a time-weighted mean of tasks errs no more.
GRID_DOUBLINGS = 1.0
#: The bound of the comment above at the top of the slope's valid use (beta = 0.77).
INTERPOLATION_ERROR_BOUND = GRID_DOUBLINGS**4 / 384.0 * 0.125 * 0.77**4
#: Task sets (tasks x curve) a memo keeps, least recently used dropped first.
MEMO_ENTRIES = 8
#: Largest exponential used in a probability: 1 / (1 + e) for larger e is below 1e-150
#: and is taken as 1 / (1 + 1e150); keeps (1 + e)(1 + k e) finite for k < 1e8.
_E_CAP = 1e150
#: Rows of :func:`grid_sums`: for each level (assisted, autonomous) the share, its
#: cognitive slope term and its physical slope term.
_ROWS = 6


class GridMemo:
    """Grid points already summed, by task set and curve (bounded, thread-safe).

    Its content is a deterministic function of its keys, so sharing one memo
    between runs (e.g. through :meth:`sim.data.OccupationTables.derived`) never
    changes a result, only its cost.
    """

    def __init__(self, entries: int = MEMO_ENTRIES) -> None:
        self._entries = entries
        self._store: OrderedDict[tuple[object, ...], dict[object, object]] = OrderedDict()
        self._lock = threading.Lock()

    def entry(self, key: tuple[object, ...]) -> dict[object, object]:
        """What is kept for one task set and curve (grid point -> sums, shape (6, n), and
        its tracks under ``"tracks"``); a new, empty entry if unseen."""
        with self._lock:
            found = self._store.pop(key, None)
            self._store[key] = {} if found is None else found
            while len(self._store) > self._entries:
                self._store.popitem(last=False)
            return self._store[key]


def task_digest(tasks: TaskSet) -> str:
    """Digest of the arrays and curve that fix a task set's grid sums."""
    digest = hashlib.sha256()
    for array in (tasks.occupation_index, tasks.weight, tasks.difficulty, tasks.barrier):
        digest.update(np.ascontiguousarray(array))
    digest.update(repr((tasks.n_occupations, tasks.curve)).encode())
    return digest.hexdigest()


def capability_grid(first: float, last: float, kink: float) -> FloatArray:
    """``first``, then the lattice points ``k D`` above it up to the first at or past ``last``.

    ``first`` (the path's first horizon) is a grid point, so the first step is
    exact; the kink of the physical gap is added where it lies strictly inside.
    """
    low = math.floor(first / GRID_DOUBLINGS) + 1
    high = max(math.ceil(last / GRID_DOUBLINGS), low)
    lattice = GRID_DOUBLINGS * np.arange(low, high + 1, dtype=float)
    return _with_kink(np.concatenate([[first], lattice[lattice > first]]), kink)


def _with_kink(grid: FloatArray, kink: float) -> FloatArray:
    if grid[0] < kink < grid[-1] and not np.any(grid == kink):
        return np.sort(np.append(grid, kink))
    return grid


def path_levels(
    horizon: FloatArray, tasks: TaskSet, assisted: FloatArray, autonomous: FloatArray
) -> None:
    """Write both levels along a non-decreasing ``horizon`` path into ``assisted``, ``autonomous``.

    ``horizon`` must span more than one lattice interval's worth of steps
    (:func:`sim.mechanisms.exposure.exposure_path` evaluates short paths exactly).
    """
    grid, sums = memo_sums(float(horizon[0]), float(horizon[-1]), tasks)
    slopes = _physical_slopes(grid, tasks.curve)
    hermite_read(horizon, grid, sums[:3], tasks.curve.slope, slopes, assisted)
    hermite_read(horizon, grid, sums[3:], tasks.curve.slope, slopes, autonomous)


def memo_sums(first: float, last: float, tasks: TaskSet) -> tuple[FloatArray, FloatArray]:
    """Grid and :func:`grid_sums` covering ``[first, last]``, points from the task set's memo.

    Every point's sums depend only on the tasks, the curve and the point, so a
    point computed for an earlier path is reused as it is.
    """
    grid = capability_grid(first, last, tasks.curve.gap_kink())
    entry = {} if tasks.memo is None else tasks.memo.entry(("exposure-grid", task_digest(tasks)))
    if "tracks" not in entry:
        entry["tracks"] = task_tracks(tasks)
    missing = np.array([point for point in grid.tolist() if point not in entry])
    if missing.size:
        computed = _grid_sums(missing, tasks, entry["tracks"])  # type: ignore[arg-type]
        for index, point in enumerate(missing.tolist()):
            entry[point] = computed[:, index]
    return grid, np.stack([entry[point] for point in grid.tolist()], axis=1)  # type: ignore[misc]


#: One track's tasks sorted by occupation: (difficulty, weight, starts, exp(beta' d)).
Track = tuple[FloatArray, FloatArray, IntArray, FloatArray]


def task_tracks(tasks: TaskSet) -> tuple[Track, Track]:
    """The cognitive and physical tracks' tasks (:data:`Track`), sorted by occupation."""
    return (
        _by_occupation(tasks, tasks.weight * (1.0 - tasks.barrier)),
        _by_occupation(tasks, tasks.weight * tasks.barrier),
    )


def grid_sums(grid: FloatArray, tasks: TaskSet) -> FloatArray:
    """Per grid point and occupation: the sums the interpolation needs, shape (6, G, n).

    Rows 0-2 assisted, 3-5 autonomous: the level ``sum_j w_j ((1 - b_j) s_cj + b_j s_pj)``,
    the cognitive slope term ``sum_j w_j (1 - b_j) s_cj (1 - s_cj)`` and the physical
    one ``sum_j w_j b_j s_pj (1 - s_pj)``, with ``s_cj``, ``s_pj`` the task's
    probabilities on the two tracks at the grid point.  The derivative in h of a
    level on an interval where ``dh_P/dh = rho'`` is ``beta (row 1 + rho' row 2)``.
    """
    return _grid_sums(grid, tasks, task_tracks(tasks))


def _grid_sums(grid: FloatArray, tasks: TaskSet, tracks: tuple[Track, Track]) -> FloatArray:
    curve = tasks.curve
    out = np.zeros((_ROWS, grid.size, tasks.n_occupations))
    odds = math.exp(curve.autonomy_log_odds)
    summed = np.empty((4, grid.size, tasks.n_occupations))
    for horizon, track, rows in (
        (grid, tracks[0], (1, 4)),
        (curve.physical_horizon(grid), tracks[1], (2, 5)),
    ):
        _track_sums(np.asarray(horizon, dtype=float), *track, curve.slope, odds, summed)
        out[0] += summed[0]
        out[rows[0]] = summed[1]
        out[3] += summed[2]
        out[rows[1]] = summed[3]
    return out


def _by_occupation(tasks: TaskSet, weight: FloatArray) -> Track:
    """The tasks with a positive ``weight`` on a track, sorted by occupation."""
    occupation = tasks.occupation_index
    on_track = np.flatnonzero(weight > 0.0)
    chosen = occupation[on_track]
    if np.all(chosen[1:] >= chosen[:-1]):  # built occupation by occupation: no sort needed
        order = on_track
    else:
        order = on_track[np.argsort(chosen, kind="stable")]
    starts = np.zeros(tasks.n_occupations + 1, dtype=np.intp)
    np.cumsum(np.bincount(occupation[order], minlength=tasks.n_occupations), out=starts[1:])
    difficulty = np.ascontiguousarray(tasks.difficulty[order], dtype=float)
    with np.errstate(over="ignore"):
        growth = np.exp(tasks.curve.slope * difficulty)
    return difficulty, np.ascontiguousarray(weight[order], dtype=float), starts, growth


def _physical_slopes(grid: FloatArray, curve: SuccessCurve) -> FloatArray:
    """dh_P/dh on each grid interval: rho where the gap is open, 1 where it is clamped at 0."""
    middle = (grid[:-1] + grid[1:]) / 2.0 if grid.size > 1 else grid
    open_gap = curve.physical_lag + (1.0 - curve.physical_growth_ratio) * (
        middle - curve.reference_log2_minutes
    )
    return np.where(open_gap > 0.0, curve.physical_growth_ratio, 1.0)


@numba.njit(cache=True, error_model="numpy", fastmath=FAST_MATH, inline="always")
def _levels(e: float, autonomy_odds: float) -> tuple[float, float]:
    """``(1 / (1 + e), 1 / (1 + e odds))`` from one division; ``e`` capped at 1e150."""
    capped = min(e, _E_CAP)
    scaled = capped * autonomy_odds
    shared = 1.0 / ((1.0 + capped) * (1.0 + scaled))
    return (1.0 + scaled) * shared, (1.0 + capped) * shared


@numba.njit(cache=True, error_model="numpy", fastmath=FAST_MATH)
def _track_sums(
    horizon: FloatArray,
    difficulty: FloatArray,
    weight: FloatArray,
    starts: IntArray,
    growth: FloatArray,
    slope: float,
    autonomy_odds: float,
    out: FloatArray,
) -> None:
    """One track's weighted sums of p, p (1 - p), q, q (1 - q) per occupation at each horizon.

    Tasks sorted by occupation, i's tasks ``starts[i]:starts[i+1]``.  At each
    horizon every task's ``e_j = exp(-beta (h - d_j))`` is ``exp(beta d_j)
    exp(-beta h)`` (``growth`` holds the first factor; exact exponentials at a
    point where either factor is 0 or infinite, which could make it undefined),
    so each point is computed on its own.  ``e_j`` serves
    both levels: ``p = 1 / (1 + e)`` and, as ``exp(-(x - c)) = e exp(c)``,
    ``q = 1 / (1 + e odds)``, both from one division by ``(1 + e)(1 + e odds)``.
    """
    exact = not np.all(np.isfinite(growth) & (growth > 0.0))
    for k in range(horizon.size):
        h = horizon[k]
        level = np.exp(-slope * h)
        exact_here = exact or not 0.0 < level < np.inf
        for i in range(starts.size - 1):
            p_sum = p_slope = q_sum = q_slope = 0.0
            if exact_here:
                for j in range(starts[i], starts[i + 1]):
                    e = np.exp(-slope * (h - difficulty[j]))
                    p, q = _levels(e, autonomy_odds)
                    w = weight[j]
                    p_sum += w * p
                    p_slope += w * p * (1.0 - p)
                    q_sum += w * q
                    q_slope += w * q * (1.0 - q)
            else:
                for j in range(starts[i], starts[i + 1]):
                    p, q = _levels(growth[j] * level, autonomy_odds)
                    w = weight[j]
                    p_sum += w * p
                    p_slope += w * p * (1.0 - p)
                    q_sum += w * q
                    q_slope += w * q * (1.0 - q)
            out[0, k, i] = p_sum
            out[1, k, i] = p_slope
            out[2, k, i] = q_sum
            out[3, k, i] = q_slope
