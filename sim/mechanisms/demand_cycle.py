"""A business cycle in demand: required labour times ``1 + a sin(2 pi (t - t0) / P)``.

Off by default (``a = 0``).  The Beveridge check (:mod:`sim.validation.beveridge`)
switches it on to move the labour market through booms and slumps; it acts on
the non-AI labour requirement of both worlds alike, so it changes no AI effect
by itself.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]


def cycle_factor(
    years: FloatArray, base_year: float, amplitude: float, period_years: float
) -> FloatArray:
    """``1 + a sin(2 pi (t - t0) / P)`` at each of ``years`` (ones when ``a = 0``)."""
    if amplitude == 0.0:
        return np.ones_like(years, dtype=np.float64)
    return 1.0 + amplitude * np.sin(2.0 * np.pi * (np.asarray(years) - base_year) / period_years)
