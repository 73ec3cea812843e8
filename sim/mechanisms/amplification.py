"""Amplification: adopted AI use multiplies output per worker (Amdahl's law).

With adopted share u and AI speed-up k on those tasks, output per worker is
multiplied by ``A = 1 / ((1 - u) + u / k)``.  The speed-up grows with
capability: ``k = clip(k_ref * 10**(s * log10 C), 1, k_max)``.
"""

from __future__ import annotations

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
