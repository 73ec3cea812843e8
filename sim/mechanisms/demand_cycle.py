"""A business cycle in demand: required labour times a factor ``c(t)``, two shapes.

Off by default (``a = 0``).  The Beveridge check (:mod:`sim.validation.beveridge`)
switches it on to move the labour market through booms and slumps; it acts on
the non-AI labour requirement of both worlds alike, so it changes no AI effect
by itself.  ``a`` is half the peak-to-trough swing of ``c`` in both shapes;
``P`` the period, years; ``x = ((t - t0) / P) mod 1`` the phase.

* ``sine``: ``c = 1 + a sin(2 pi (t - t0) / P)``, symmetric around the trend
  (booms above it as deep as the slumps below).
* ``pluck``: ``c = 1 - 2a s(x)``, a fall from the trend and a recovery back to
  it, never above it (Friedman's plucking model; Dupraz, Nakamura & Steinsson
  2025, J. Monetary Economics 152, 103766).  The fall takes the share ``f`` of
  the period, the recovery the rest, each a half cosine (no kink at the peak
  or the trough)::

      s(x) = (1 - cos(pi x / f)) / 2              for 0 <= x < f   (0 -> 1)
      s(x) = (1 + cos(pi (x - f) / (1 - f))) / 2  for f <= x < 1   (1 -> 0)

  So ``1 - 2a <= c <= 1``, ``c = 1`` at ``t0`` (the peak) and ``c = 1 - 2a``
  at ``t0 + f P`` (the trough).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from sim.params.demand import CycleShape

FloatArray = NDArray[np.float64]


def cycle_factor(
    years: FloatArray,
    base_year: float,
    amplitude: float,
    period_years: float,
    shape: CycleShape = CycleShape.SINE,
    fall_share: float = 0.5,
) -> FloatArray:
    """The factor ``c(t)`` on required labour at each of ``years`` (ones when ``a = 0``).

    Parameters
    ----------
    years
        Decimal years.
    base_year
        ``t0``: the sine's upward zero crossing, the pluck's peak.
    amplitude
        ``a``: half the peak-to-trough swing, share of required labour.
    period_years
        ``P``, years.
    shape
        Sine (around the trend) or pluck (below it).
    fall_share
        ``f``, the pluck's share of the period spent falling, in (0, 1).
    """
    if amplitude == 0.0:
        return np.ones_like(years, dtype=np.float64)
    elapsed = np.asarray(years, dtype=np.float64) - base_year
    if shape is CycleShape.SINE:
        return 1.0 + amplitude * np.sin(2.0 * np.pi * elapsed / period_years)
    return 1.0 - 2.0 * amplitude * pluck_shortfall(elapsed / period_years, fall_share)


def pluck_shortfall(cycles: FloatArray, fall_share: float) -> FloatArray:
    """``s(x)`` of the pluck at ``cycles`` (periods since the peak): 0 at peaks, 1 at troughs."""
    phase = np.mod(cycles, 1.0)
    falling = phase < fall_share
    fall = 0.5 * (1.0 - np.cos(np.pi * phase / fall_share))
    recovery = 0.5 * (1.0 + np.cos(np.pi * (phase - fall_share) / (1.0 - fall_share)))
    return np.where(falling, fall, recovery)
