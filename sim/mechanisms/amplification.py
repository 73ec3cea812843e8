"""Amplification: adopted AI use multiplies output per worker (Amdahl's law).

With adopted share u and AI speed-up k on those tasks, output per worker is
multiplied by ``A = 1 / ((1 - u) + u / k)``.  The speed-up grows with
capability: ``k = clip(k_ref * 10**(s * log10 C), 1, k_max)``.
:func:`productivity_path` applies the law to a whole path in one compiled pass.
"""

from __future__ import annotations

import numba
import numpy as np
from numpy.typing import NDArray

from sim.params import AdoptionParams

FloatArray = NDArray[np.float64]


def ai_speedup(log10_compute: FloatArray, params: AdoptionParams) -> FloatArray:
    """AI speed-up k on an adopted task at the given capability (x, in [1, k_max])."""
    # The exponent is capped one OOM above what k_max needs, so extreme capability paths
    # (0.3-year hardware doubling to 2200: ~175 OOM) clip instead of overflowing to inf.
    # Below the cap the value is unchanged, bit for bit.
    cap = np.log10(params.ai_speedup_max / params.ai_speedup_reference) + 1.0
    exponent = np.minimum(params.ai_speedup_per_oom * log10_compute, cap)
    raw = params.ai_speedup_reference * 10.0**exponent
    return np.clip(raw, 1.0, params.ai_speedup_max)


def productivity_multiplier(adopted_share: FloatArray, speedup: FloatArray) -> FloatArray:
    """Amdahl's law: output per worker relative to no AI, ``1 / ((1 - u) + u / k)``."""
    return 1.0 / ((1.0 - adopted_share) + adopted_share / speedup)


def productivity_path(adopted_share: FloatArray, speedup: FloatArray) -> FloatArray:
    """:func:`productivity_multiplier` along a path, in one pass.

    Parameters
    ----------
    adopted_share
        u, shape (steps, worlds, occupations), [0, 1].
    speedup
        k of each step and world, shape (steps, worlds), >= 1.

    Returns
    -------
    FloatArray
        ``A = 1 / ((1 - u) + u / k)``, shape of ``adopted_share``, >= 1.
    """
    out = np.empty_like(adopted_share, dtype=float)
    _amdahl(adopted_share, np.asarray(speedup, dtype=float), out)
    return out


@numba.njit(cache=True, error_model="numpy")
def _amdahl(adopted_share: FloatArray, speedup: FloatArray, out: FloatArray) -> None:
    """``out[t, w, i] = 1 / ((1 - u[t, w, i]) + u[t, w, i] / k[t, w])``."""
    steps, worlds, n = adopted_share.shape
    for t in range(steps):
        for w in range(worlds):
            k = speedup[t, w]
            for i in range(n):
                u = adopted_share[t, w, i]
                out[t, w, i] = 1.0 / ((1.0 - u) + u / k)
