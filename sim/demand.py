"""Demand response: productivity lowers price, demand answers with its elasticity.

With amplification A (output per worker vs the base year) and price pass-through
phi, the output price falls as ``d ln P = -phi d ln A``; own-price output
relative to the no-AI path, q, follows ``d ln q = phi * eps(q) * d ln A``.
Required labour is::

    L*_i(t) = L_i(base) * trend_i(t) * q_i(t) * Y(t) / (A_i(t) / A_i(base))

so with constant elasticity and no recycling (Y = 1) ``L* ∝ A^(phi eps - 1)``:
elastic demand (phi eps > 1) expands an amplified occupation, inelastic demand
shrinks it, eps = 1 leaves it unchanged.  Saturation (Bessen 2019) lowers
elasticity as output grows::

    eps(q) = eps_0 - max(eps_0 - eps_floor, 0) * x^h / (1 + x^h),  x = ln+(q Y) / ln(s)

reaching halfway to the floor at output multiple s, with steepness h, which
turns an early rise into a later fall.

Spending recycling.  Where demand is inelastic, cheaper output means less is
spent on it: total spending at own-price demand is
``S = sum_i w_i q_i (P_i / P_i(base))`` with base spending weights w_i (wage-bill
shares).  A share kappa of the spending so freed is spent again on all outputs
in proportion (an income effect): ``Y = 1 + kappa (1 / S - 1)``.  kappa = 0 is
the partial-equilibrium model; kappa = 1 keeps total nominal spending constant.

The non-AI trend is the BLS 2022-32 projection, compounded annually until
``baseline_trend_end_year`` and flat afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from sim.params import DemandParams

FloatArray = NDArray[np.float64]

#: Length of the BLS projection window, years (2022-32).
BLS_PROJECTION_YEARS = 10.0
#: Largest whole exponent :func:`_power` evaluates by repeated multiplication.
_MAX_MULTIPLIED_EXPONENT = 4
#: Lowest ratio 1 + percent change / 100 accepted before taking its log (a -100% change).
_MIN_PROJECTED_RATIO = 1e-6


@dataclass(frozen=True)
class DemandCurves:
    """Per-occupation demand constants, resolved once from the scenario.

    Attributes
    ----------
    base_elasticity : FloatArray
        Price elasticity before saturation, -dlnQ/dlnP.
    elasticity_fall : FloatArray
        ``max(eps_0 - eps_floor, 0)``: how far saturation can lower elasticity.
    inverse_log_saturation : float
        ``1 / ln(s)``; 0 when saturation is disabled (s = inf).
    steepness : float
        Hill exponent h of the fall toward the floor.
    pass_through : float
        Price elasticity with respect to unit labour cost, phi.
    spending_weight : FloatArray
        Base-year spending weight of each occupation's output (sums to 1).
    recycling : float
        Share kappa of spending freed by falling prices that is spent again.
    """

    base_elasticity: FloatArray
    elasticity_fall: FloatArray
    inverse_log_saturation: float
    steepness: float
    pass_through: float
    spending_weight: FloatArray
    recycling: float

    @classmethod
    def from_params(
        cls, params: DemandParams, base_elasticity: FloatArray, wage_bill: FloatArray
    ) -> DemandCurves:
        """Resolve the demand block for occupations with ``base_elasticity`` and ``wage_bill``."""
        saturation = params.saturation_output_multiple
        return cls(
            base_elasticity=base_elasticity,
            elasticity_fall=np.maximum(base_elasticity - params.elasticity_floor, 0.0),
            inverse_log_saturation=0.0 if np.isinf(saturation) else 1.0 / np.log(saturation),
            steepness=params.saturation_steepness,
            pass_through=params.price_pass_through,
            spending_weight=wage_bill / wage_bill.sum(),
            recycling=params.spending_recycling_share,
        )

    def elasticity(self, log_output: FloatArray) -> FloatArray:
        """Saturated elasticity at total output ratio ``exp(log_output)``."""
        x = _power(np.maximum(log_output, 0.0) * self.inverse_log_saturation, self.steepness)
        return self.base_elasticity - self.elasticity_fall * (x / (1.0 + x))

    def log_recycled_income(
        self, log_own_output: FloatArray, log_productivity_vs_base: FloatArray
    ) -> FloatArray:
        """ln Y per world (shape (..., 1)): the income effect of re-spent savings."""
        if self.recycling == 0.0:
            return np.zeros((*np.shape(log_own_output)[:-1], 1))
        relative_spending = np.exp(log_own_output - self.pass_through * log_productivity_vs_base)
        spending = relative_spending @ self.spending_weight
        return np.log1p(self.recycling * (1.0 / spending - 1.0))[..., None]


def _power(x: FloatArray, exponent: float) -> FloatArray:
    """``x ** exponent``; small whole exponents by repeated multiplication (2-3x faster)."""
    if exponent.is_integer() and 1 <= exponent <= _MAX_MULTIPLIED_EXPONENT:
        result = x
        for _ in range(int(exponent) - 1):
            result = result * x
        return result
    return x**exponent


def annual_trend_growth(projected_change_pct: FloatArray, multiplier: float) -> FloatArray:
    """Annual log growth rate (1/year) implied by a 10-year percent change, scaled."""
    ratio = np.maximum(1.0 + np.asarray(projected_change_pct) / 100.0, _MIN_PROJECTED_RATIO)
    return multiplier * np.log(ratio) / BLS_PROJECTION_YEARS


def trend_path(
    years: FloatArray, log_growth: FloatArray, base_year: float, end_year: float
) -> FloatArray:
    """Non-AI demand relative to the base year, shape (len(years), occupations)."""
    elapsed = np.clip(np.minimum(years, end_year) - base_year, 0.0, None)
    return np.exp(np.outer(elapsed, log_growth))


def advance_log_output(
    log_output_ratio: FloatArray,
    elasticity: FloatArray,
    pass_through: float,
    delta_log_productivity: FloatArray,
) -> FloatArray:
    """One step of ``d ln q = phi * eps * d ln A``."""
    return log_output_ratio + pass_through * elasticity * delta_log_productivity


def required_labour(
    base_labour_trend: FloatArray,
    log_output_ratio: FloatArray,
    log_productivity_vs_base: FloatArray,
) -> FloatArray:
    """Labour needed for the demanded output: ``L(base) trend q / (A / A(base))``, persons."""
    return base_labour_trend * np.exp(log_output_ratio - log_productivity_vs_base)
