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

from sim.params import AdoptionRegulationParams

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]


def delay_steps(
    codes: NDArray[np.str_],
    major_groups: NDArray[np.str_],
    params: AdoptionRegulationParams,
    steps_per_year: int,
) -> IntArray:
    """Delay of each occupation in whole steps (0 = unregulated)."""
    by_code, by_group = params.delay_years_by_occupation, params.delay_years_by_major_group
    years = np.array(
        [by_code.get(c, by_group.get(g, 0.0)) for c, g in zip(codes, major_groups, strict=True)],
        dtype=float,
    )
    return np.rint(years * steps_per_year).astype(np.intp)


def delayed_path(path: FloatArray, delay: IntArray) -> FloatArray:
    """``path[max(t - delay_i, 0), ..., i]`` for a path of shape (steps, worlds, n or 1)."""
    steps = path.shape[0]
    full = np.broadcast_to(path, (*path.shape[:-1], delay.size))
    source = np.maximum(np.arange(steps)[:, None] - delay[None, :], 0)
    return np.take_along_axis(full, source[:, None, :].repeat(path.shape[1], axis=1), axis=0)
