"""Amplification: AI adoption diffuses behind feasibility and multiplies output per worker.

Adoption.  The share f_i of occupation i's work organised around AI follows a
Bass diffusion whose speed scales with the feasible share e_i (no feasible
tasks, no incentive), with economic value, and inversely with regulation::

    df/dt = c_i (p + q f)(1 - f),   c_i = e_i * (1 + v (value_i - 0.5)) / R_i

Within a step the coefficients are held constant and the Bass equation is
solved exactly, so results do not depend on the step length beyond that.
The adopted task share is ``u_i = f_i * e_i``: adopters use AI on every
feasible task.

Amplification (Amdahl's law).  With adopted share u and AI speed-up k on those
tasks, output per worker is multiplied by ``A = 1 / ((1 - u) + u / k)``.  The
speed-up grows with capability: ``k = clip(k_ref * 10**(s * log10 C), 1, k_max)``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from sim.params import AdoptionParams

FloatArray = NDArray[np.float64]

#: Economic value (a percentile rank) at which the value term is neutral.
NEUTRAL_ECONOMIC_VALUE = 0.5
#: Cap on the closed-form ratios in :func:`bass_step` (keeps products finite).
MAX_RATIO = 1e300


def adoption_speed(
    economic_value: FloatArray, regulatory_slowdown: FloatArray, value_speedup: float
) -> FloatArray:
    """Diffusion speed multiplier per occupation (dimensionless, >= 0)."""
    value_term = 1.0 + value_speedup * (economic_value - NEUTRAL_ECONOMIC_VALUE)
    return np.maximum(value_term, 0.0) / regulatory_slowdown


def bass_step(
    adopter_share: FloatArray,
    rate_scale: FloatArray,
    innovation_per_year: float,
    imitation_per_year: float,
    step_years: float,
) -> FloatArray:
    """Advance Bass diffusion by one step, solved exactly for constant coefficients.

    Parameters
    ----------
    adopter_share
        Current adopter share f in [0, 1].
    rate_scale
        Non-negative multiplier c of both coefficients during the step.
    innovation_per_year, imitation_per_year
        Bass p and q at ``rate_scale = 1``, per year.
    step_years
        Step length, years.

    Returns
    -------
    FloatArray
        New adopter share, in [f, 1].
    """
    a = rate_scale * innovation_per_year
    b = rate_scale * imitation_per_year
    f = adopter_share
    decay = np.exp(-(a + b) * step_years)
    denominator = a + b * f
    moving = denominator > 0
    safe = np.where(moving, denominator, 1.0)
    # Closed form of df/dt = (a + b f)(1 - f) from f over one step, written with the
    # bounded ratios a(1-f)/(a+bf) and b(1-f)/(a+bf) so tiny coefficients stay finite.
    # A denominator near the smallest float can push b(1-f)/(a+bf) past float range; cap it.
    with np.errstate(over="ignore"):
        a_ratio = np.minimum(a * (1.0 - f) / safe, MAX_RATIO)
        b_ratio = np.minimum(b * (1.0 - f) / safe, MAX_RATIO)
    advanced = (1.0 - a_ratio * decay) / (1.0 + b_ratio * decay)
    return np.clip(np.where(moving, advanced, f), f, 1.0)


def ai_speedup(log10_compute: FloatArray, params: AdoptionParams) -> FloatArray:
    """AI speed-up k on an adopted task at the given capability (x, in [1, k_max])."""
    raw = params.ai_speedup_reference * 10.0 ** (params.ai_speedup_per_oom * log10_compute)
    return np.clip(raw, 1.0, params.ai_speedup_max)


def productivity_multiplier(adopted_share: FloatArray, speedup: FloatArray) -> FloatArray:
    """Amdahl's law: output per worker relative to no AI, ``1 / ((1 - u) + u / k)``."""
    return 1.0 / ((1.0 - adopted_share) + adopted_share / speedup)
