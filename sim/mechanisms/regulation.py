"""Adoption regulation: chosen occupations follow their AI path a fixed number of years late.

For an occupation with a delay of ``d`` steps, feasibility ``e``, the adopter
share ``f``, the adopted share ``u`` and productivity ``A`` (which carries the
AI speed-up) are the values the unregulated occupation would have had ``d``
steps earlier::

    x_i(t) = x_i^0(max(t - d_i, 0)),   x in {e, f, u, A}

so nothing moves before ``d_i`` and the whole path then follows ``d_i``
late (the sign-off case: AI may be used once approved, as it would have
been used that long after the base year).  Delays in years are rounded to
whole steps.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]

#: Delay of an occupation that no adoption regulation names, years.
NO_DELAY_YEARS = 0.0


def delay_steps(delay_years: FloatArray, steps_per_year: int) -> IntArray:
    """Delay of each occupation in whole steps (0 = unregulated) from its delay in years."""
    return np.rint(np.asarray(delay_years, dtype=float) * steps_per_year).astype(np.intp)


def delayed_path(path: FloatArray, delay: IntArray) -> FloatArray:
    """``path[max(t - delay_i, 0), ..., i]`` for a path of shape (steps, worlds, n or 1)."""
    steps = path.shape[0]
    full = np.broadcast_to(path, (*path.shape[:-1], delay.size))
    source = np.maximum(np.arange(steps)[:, None] - delay[None, :], 0)
    return np.take_along_axis(full, source[:, None, :].repeat(path.shape[1], axis=1), axis=0)
