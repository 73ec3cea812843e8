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
#: Floor of p + q f in :func:`bass_step`; q / floor stays finite for q <= 1e8 per year.
_DENOMINATOR_FLOOR = 1e-300


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
    p, q, f = innovation_per_year, imitation_per_year, adopter_share
    if p + q <= 0.0:
        return np.array(f, dtype=float, copy=True)
    # Closed form of df/dt = c (p + q f)(1 - f) from f over one step.  Written with the
    # ratios p(1-f)/(p+qf) and q(1-f)/(p+qf), the scale c only enters the decay, so
    # c = 0 returns f exactly.  With p ~ 0 the floor keeps f = 0 finite (f stays 0).
    spread = p + q * f
    if p < _DENOMINATOR_FLOOR:  # only then can p + q f be (near) zero
        spread = np.maximum(spread, _DENOMINATOR_FLOOR)
    remaining = (1.0 - f) / spread * np.exp(rate_scale * (-(p + q) * step_years))
    advanced = (1.0 - p * remaining) / (1.0 + q * remaining)
    # (1 - a) / (1 + b) <= 1 for a, b >= 0, so only the lower bound needs guarding.
    return np.maximum(advanced, f)


def ai_speedup(log10_compute: FloatArray, params: AdoptionParams) -> FloatArray:
    """AI speed-up k on an adopted task at the given capability (x, in [1, k_max])."""
    raw = params.ai_speedup_reference * 10.0 ** (params.ai_speedup_per_oom * log10_compute)
    return np.clip(raw, 1.0, params.ai_speedup_max)


def productivity_multiplier(adopted_share: FloatArray, speedup: FloatArray) -> FloatArray:
    """Amdahl's law: output per worker relative to no AI, ``1 / ((1 - u) + u / k)``."""
    return 1.0 / ((1.0 - adopted_share) + adopted_share / speedup)
