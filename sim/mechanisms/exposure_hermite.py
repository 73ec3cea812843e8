"""Reading the exposure grid at every step: cubic Hermite interpolation in the horizon.

:mod:`sim.mechanisms.exposure_grid` sums each occupation's share and its
derivatives in the horizon ``h`` at lattice points; :func:`hermite_read` turns
those into the share at every step's ``h`` by the cubic through the value and
derivative at both ends of the interval holding it (error bound:
``exposure_grid.INTERPOLATION_ERROR_BOUND``).  The kernels are plain
``numba.njit(cache=True)`` functions that call nothing outside this file, so
Numba's per-file cache stamp keeps them fresh (:mod:`sim.mechanisms.compiled`).
"""

from __future__ import annotations

import numba
import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
#: Numba fast-math flags of the exposure kernels here and in
#: :mod:`sim.mechanisms.exposure_grid`: reassociation and contraction (so sums
#: vectorise) without assuming finite values (infinite exponentials are handled).
FAST_MATH = {"reassoc", "contract", "arcp", "nsz"}


def hermite_read(
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
    coefficients = np.empty((grid.size - 1, 4, sums.shape[2]))
    _hermite_coefficients(slope * np.diff(grid), physical_slope, sums, coefficients)
    _cubic_steps(horizon, grid, coefficients, out)


@numba.njit(cache=True, error_model="numpy", fastmath=FAST_MATH)
def _hermite_coefficients(
    scale: FloatArray, physical_slope: FloatArray, sums: FloatArray, out: FloatArray
) -> None:
    """``out[k, :, i]``: the cubic ``c0..c3`` of occupation i on interval k (:func:`hermite_read`).

    ``c0 = v_k``, ``c1 = m_k``, ``c2 = 3 (v_k+1 - v_k) - 2 m_k - m_k+1``,
    ``c3 = 2 (v_k - v_k+1) + m_k + m_k+1`` with the end derivatives
    ``m = beta D_k (sums[1] + rho'_k sums[2])`` (``scale[k] = beta D_k``); one pass,
    no temporaries.
    """
    for k in range(scale.size):
        rho = physical_slope[k]
        for i in range(sums.shape[2]):
            left, right = sums[0, k, i], sums[0, k + 1, i]
            start = scale[k] * (sums[1, k, i] + rho * sums[2, k, i])
            end = scale[k] * (sums[1, k + 1, i] + rho * sums[2, k + 1, i])
            out[k, 0, i] = left
            out[k, 1, i] = start
            out[k, 2, i] = 3.0 * (right - left) - 2.0 * start - end
            out[k, 3, i] = 2.0 * (left - right) + start + end


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
