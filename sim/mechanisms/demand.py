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

Base elasticities with a range (``docs/elasticity.md``) are read at one quantile
u in [0, 1] for all occupations, piecewise linear in log elasticity:
``ln eps = ln low + 2u (ln central - ln low)`` for u <= 0.5 and
``ln eps = ln central + (2u - 1)(ln high - ln central)`` above.

The non-AI trend is the BLS 2022-32 projection, compounded annually until
``baseline_trend_end_year`` and flat afterwards.

Order within a step (:func:`advance`, the stage the model calls): elasticity
from last step's total output ``q Y``; own output advances with this step's
productivity growth; recycled income follows from the new own output; required
labour from both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from sim.params import DemandParams

FloatArray = NDArray[np.float64]

#: Length of the BLS projection window, years (2022-32).
BLS_PROJECTION_YEARS = 10.0
#: Largest whole exponent :func:`_power` evaluates by repeated multiplication.
MAX_MULTIPLIED_EXPONENT = 4
#: Lowest ratio 1 + percent change / 100 accepted before taking its log (a -100% change).
_MIN_PROJECTED_RATIO = 1e-6


class DemandState(NamedTuple):
    """Demand per occupation (leading axes allowed, e.g. worlds)."""

    log_own_output: FloatArray
    """ln q: own-price output relative to the no-AI path."""
    log_income: FloatArray
    """ln Y, shape (..., 1): income effect of re-spent savings."""
    log_productivity: FloatArray
    """ln A of the last step (output per worker vs no AI)."""
    elasticity: FloatArray
    """Saturated price elasticity used in the last step, dimensionless."""
    required_labour: FloatArray
    """L*: labour needed for the demanded output, persons."""

    @classmethod
    def start(
        cls, curves: DemandCurves, log_productivity: FloatArray, required_labour: FloatArray
    ) -> DemandState:
        """Base-year state: output and income on the no-AI path."""
        log_own_output = np.zeros(np.shape(log_productivity))
        log_income = np.zeros((*np.shape(log_productivity)[:-1], 1))
        return cls(
            log_own_output,
            log_income,
            log_productivity,
            curves.elasticity(log_own_output),
            required_labour,
        )


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
    if exponent.is_integer() and 1 <= exponent <= MAX_MULTIPLIED_EXPONENT:
        result = x
        for _ in range(int(exponent) - 1):
            result = result * x
        return result
    return x**exponent


def elasticity_at_quantile(
    low: FloatArray, central: FloatArray, high: FloatArray, quantile: float
) -> FloatArray:
    """Base elasticity at ``quantile`` of each occupation's (low, central, high) range.

    Parameters
    ----------
    low, central, high
        Positive elasticities (-dlnQ/dlnP) with ``low <= central <= high``.
    quantile
        In [0, 1]: 0 gives ``low``, 0.5 ``central``, 1 ``high``; piecewise linear
        in log elasticity in between (module docstring).

    Returns
    -------
    FloatArray
        Elasticity per occupation, -dlnQ/dlnP.
    """
    if quantile <= 0.5:
        start, end, weight = low, central, 2.0 * quantile
    else:
        start, end, weight = central, high, 2.0 * quantile - 1.0
    return np.exp((1.0 - weight) * np.log(start) + weight * np.log(end))


def annual_trend_growth(projected_change_pct: FloatArray, multiplier: float) -> FloatArray:
    """Annual log growth rate (1/year) implied by a 10-year percent change, scaled."""
    ratio = np.maximum(1.0 + np.asarray(projected_change_pct) / 100.0, _MIN_PROJECTED_RATIO)
    return multiplier * np.log(ratio) / BLS_PROJECTION_YEARS


def trend_path(
    years: FloatArray,
    log_growth: FloatArray,
    base_year: float,
    end_year: float,
    scale: FloatArray | None = None,
) -> FloatArray:
    """Non-AI demand relative to the base year, shape (len(years), occupations).

    ``exp(g_i * clip(min(t, t_end) - t_base, 0))``, times ``scale_i`` if given
    (e.g. base employment, persons).  The trend is flat outside
    [t_base, t_end], so each distinct elapsed time is computed once and its row
    repeated (the same values as row by row).
    """
    elapsed = np.clip(np.minimum(years, end_year) - base_year, 0.0, None)
    distinct, row = np.unique(elapsed, return_inverse=True)
    trend = np.exp(np.outer(distinct, log_growth))
    if scale is not None:
        trend *= scale
    return trend[row.ravel()]


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


def advance(
    state: DemandState,
    curves: DemandCurves,
    log_productivity: FloatArray,
    base_log_productivity: FloatArray,
    labour_trend: FloatArray,
) -> DemandState:
    """One demand step at this step's ``ln A`` (pure: returns a new state).

    Parameters
    ----------
    state
        Last step's demand state.
    curves
        The run's demand constants.
    log_productivity
        ln A of this step.
    base_log_productivity
        ln A of the base year (the no-AI reference of amplification).
    labour_trend
        Non-AI labour requirement of this step, persons.
    """
    gain = log_productivity - base_log_productivity
    elasticity = curves.elasticity(state.log_own_output + state.log_income)
    log_own_output = advance_log_output(
        state.log_own_output,
        elasticity,
        curves.pass_through,
        log_productivity - state.log_productivity,
    )
    log_income = curves.log_recycled_income(log_own_output, gain)
    required = required_labour(labour_trend, log_own_output + log_income, gain)
    return DemandState(log_own_output, log_income, log_productivity, elasticity, required)
