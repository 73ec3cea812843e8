"""Demand response: productivity lowers price, demand answers with its elasticity.

With amplification A (output per worker vs the base year) and price pass-through
phi, the output price falls as ``d ln P = -phi d ln A``; output relative to the
no-AI path, q, follows ``d ln q = phi * eps(q) * d ln A``.  Required labour is::

    L*_i(t) = L_i(base) * trend_i(t) * q_i(t) / (A_i(t) / A_i(base))

so with constant elasticity ``L* ∝ A^(phi eps - 1)``: elastic demand (phi eps > 1)
expands an amplified occupation, inelastic demand shrinks it, eps = 1 leaves it
unchanged.  Saturation (Bessen 2019) lowers elasticity as output grows::

    eps(q) = eps_0 - max(eps_0 - eps_floor, 0) * x / (1 + x),  x = ln+(q) / ln(s)

reaching halfway to the floor at output multiple s, which turns an early rise
into a later fall.  The non-AI trend is the BLS 2022-32 projection, compounded
annually until ``baseline_trend_end_year`` and flat afterwards.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]

#: Length of the BLS projection window, years (2022-32).
BLS_PROJECTION_YEARS = 10.0


def annual_trend_growth(projected_change_pct: FloatArray, multiplier: float) -> FloatArray:
    """Annual log growth rate (1/year) implied by a 10-year percent change, scaled."""
    ratio = np.maximum(1.0 + np.asarray(projected_change_pct) / 100.0, 1e-6)
    return multiplier * np.log(ratio) / BLS_PROJECTION_YEARS


def trend_factor(
    year: float, log_growth: FloatArray, base_year: float, end_year: float
) -> FloatArray:
    """Non-AI demand relative to the base year at ``year`` (flat after ``end_year``)."""
    elapsed = max(min(year, end_year) - base_year, 0.0)
    return np.exp(log_growth * elapsed)


def saturated_elasticity(
    base_elasticity: FloatArray,
    log_output_ratio: FloatArray,
    floor: float,
    saturation_multiple: float,
) -> FloatArray:
    """Price elasticity after saturation at output ratio q = exp(log_output_ratio)."""
    if np.isinf(saturation_multiple):
        return np.asarray(base_elasticity, dtype=float) * np.ones_like(log_output_ratio)
    x = np.maximum(log_output_ratio, 0.0) / np.log(saturation_multiple)
    fall = np.maximum(base_elasticity - floor, 0.0)
    return base_elasticity - fall * x / (1.0 + x)


def advance_log_output(
    log_output_ratio: FloatArray,
    elasticity: FloatArray,
    pass_through: float,
    delta_log_productivity: FloatArray,
) -> FloatArray:
    """One step of ``d ln q = phi * eps * d ln A``."""
    return log_output_ratio + pass_through * elasticity * delta_log_productivity


def required_labour(
    base_employment: FloatArray,
    trend: FloatArray,
    log_output_ratio: FloatArray,
    log_productivity_vs_base: FloatArray,
) -> FloatArray:
    """Labour needed to produce the demanded output, persons."""
    return base_employment * trend * np.exp(log_output_ratio - log_productivity_vs_base)
