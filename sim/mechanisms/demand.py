"""Demand response: productivity lowers price, demand answers with its elasticity.

With amplification A (output per worker vs the base year) and price pass-through
phi, the output price falls as ``d ln P = -phi d ln A``; own-price output
relative to the no-AI path, q, follows ``d ln q = phi * eps(q) * d ln A``.
Required labour is::

    L*_i(t) = L_i(base) * trend_i(t) * q_i(t) * Y(t) / (A_i(t) / A_i(base))

so with constant elasticity and no income effect (Y = 1) ``L* ∝ A^(phi eps - 1)``:
elastic demand (phi eps > 1) expands an amplified occupation, inelastic demand
shrinks it, eps = 1 leaves it unchanged.  Saturation (Bessen 2019) lowers
elasticity as output grows::

    eps(q) = eps_0 - max(eps_0 - eps_floor, 0) * x^h / (1 + x^h),  x = ln+(q Y) / ln(s)

reaching halfway to the floor at output multiple s, with steepness h, which
turns an early rise into a later fall.

Income effect (the demand closure, :mod:`sim.mechanisms.closure`).  Where
demand is inelastic, cheaper output means less is spent on it: the own-price
bundle costs ``S = sum_i w_i q_i (P_i / P_i(base))`` with base weights w_i
(wage-bill shares), and owners keep the profit ``G`` of the saving not passed
on.  Consumers re-spend at ``c``, owners at ``r``, policy closes ``theta`` of
the rest: the wage bill demanded is ``Lambda = 1 - (1 - theta)((1 - c) max(1 - S, 0)
+ (1 - r) G X / S)`` with consumers' spending ``X = min(S + c (1 - S), 1)`` (never
above income), spread over all outputs in proportion: ``Y = Lambda / Lq``,
``Lq = sum_i w_i q_i / (A_i / A_i(base))``.

Base elasticities with a range (``docs/elasticity.md``) are read at one quantile
u in [0, 1] for all occupations, piecewise linear in log elasticity:
``ln eps = ln low + 2u (ln central - ln low)`` for u <= 0.5 and
``ln eps = ln central + (2u - 1)(ln high - ln central)`` above.

The non-AI trend is the BLS 2022-32 projection, compounded annually until
``baseline_trend_end_year`` and flat afterwards.

Order within a step (:func:`demand_step`, the stage the compiled loop
calls for each world): elasticity from last step's total output ``q Y``; own
output advances with this step's price change (:mod:`sim.mechanisms.price`);
the income effect follows from the new own output; required labour from both.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from sim.mechanisms.closure import Closure, labour_demand, owners_share
from sim.mechanisms.compiled import compiled
from sim.mechanisms.price import log_price_change, unpassed_gain
from sim.params import DemandParams

FloatArray = NDArray[np.float64]

#: Length of the BLS projection window, years (2022-32).
BLS_PROJECTION_YEARS = 10.0
#: Largest whole exponent :func:`_power` evaluates by repeated multiplication.
MAX_MULTIPLIED_EXPONENT = 4
#: Lowest ratio 1 + percent change / 100 accepted before taking its log (a -100% change).
_MIN_PROJECTED_RATIO = 1e-6


class DemandCurves(NamedTuple):
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
    steepness_multiplied : int
        ``h`` as a whole number of multiplications (0: evaluate ``x ** h``).
    pass_through : float
        Price elasticity with respect to unit labour cost, phi.
    spending_weight : FloatArray
        Base-year spending weight of each occupation's output (sums to 1).
    closure : Closure
        Re-spending and policy constants of the income effect (:mod:`sim.mechanisms.closure`).
    """

    base_elasticity: FloatArray
    elasticity_fall: FloatArray
    inverse_log_saturation: float
    steepness: float
    steepness_multiplied: int
    pass_through: float
    spending_weight: FloatArray
    closure: Closure

    @classmethod
    def from_params(
        cls,
        params: DemandParams,
        closure: Closure,
        base_elasticity: FloatArray,
        wage_bill: FloatArray,
    ) -> DemandCurves:
        """Resolve the demand block for occupations with ``base_elasticity`` and ``wage_bill``."""
        saturation = params.saturation_output_multiple
        base = np.ascontiguousarray(base_elasticity, dtype=np.float64)
        steepness = float(params.saturation_steepness)
        return cls(
            base_elasticity=base,
            elasticity_fall=np.maximum(base - params.elasticity_floor, 0.0),
            inverse_log_saturation=0.0 if np.isinf(saturation) else float(1.0 / np.log(saturation)),
            steepness=steepness,
            steepness_multiplied=multiplications(steepness),
            pass_through=float(params.price_pass_through),
            spending_weight=np.ascontiguousarray(wage_bill / wage_bill.sum(), dtype=np.float64),
            closure=closure,
        )


class DemandState(NamedTuple):
    """Demand per occupation, (worlds, occupations), advanced in place by :func:`demand_step`."""

    log_own_output: FloatArray
    """ln q: own-price output relative to the no-AI path."""
    log_income: FloatArray
    """ln Y, shape (worlds, 1): income effect of re-spent savings."""
    log_productivity: FloatArray
    """ln A of the last step (output per worker vs no AI)."""
    elasticity: FloatArray
    """Saturated price elasticity used in the last step, dimensionless."""
    required_labour: FloatArray
    """L*: labour needed for the demanded output, persons."""
    unpassed_gain: FloatArray
    """``(A / A(base))^(1 - phi)`` of the last step: the gain not passed to prices (1 at
    full pass-through; :func:`sim.mechanisms.price.unpassed_gain`), read by wages."""

    @classmethod
    def start(
        cls, curves: DemandCurves, log_productivity: FloatArray, required_labour: FloatArray
    ) -> DemandState:
        """Base-year state (fresh arrays): output and income on the no-AI path."""
        shape = np.shape(required_labour)
        log_own_output = np.zeros(shape)
        elasticity = np.empty(shape)
        for w in range(shape[0]):
            elasticities(curves, log_own_output[w], elasticity[w])
        return cls(
            log_own_output,
            np.zeros((shape[0], 1)),
            np.array(np.broadcast_to(log_productivity, shape), dtype=np.float64),
            elasticity,
            np.array(required_labour, dtype=np.float64),
            np.ones(shape),  # ln A = ln A(base): nothing gained
        )


def multiplications(steepness: float) -> int:
    """Whole multiplications for ``x ** steepness`` (0: not a small whole number)."""
    if float(steepness).is_integer() and 1 <= steepness <= MAX_MULTIPLIED_EXPONENT:
        return int(steepness)
    return 0


@compiled
def _power(x, exponent, multiplied):  # pragma: no cover - compiled
    """``x ** exponent``, by repeated multiplication for small whole exponents (2-3x faster)."""
    if multiplied == 0:
        return x**exponent
    result = x
    for _ in range(multiplied - 1):
        result = result * x
    return result


@compiled
def saturated_elasticity(curves, i, log_output):  # pragma: no cover - compiled
    """eps_i at total output ratio ``exp(log_output)`` (module docstring), dimensionless."""
    x = max(log_output, 0.0) * curves.inverse_log_saturation
    x = _power(x, curves.steepness, curves.steepness_multiplied)
    return curves.base_elasticity[i] - curves.elasticity_fall[i] * (x / (1.0 + x))


@compiled
def elasticities(curves, log_output, out):  # pragma: no cover - compiled
    """:func:`saturated_elasticity` of every occupation into ``out`` (1-d arrays)."""
    for i in range(out.shape[0]):
        out[i] = saturated_elasticity(curves, i, log_output[i])


@compiled
def demand_step(
    curves, state, relative_spending, log_productivity, base_log_productivity, labour_trend, w
):  # pragma: no cover - compiled
    """One demand step of world ``w`` at this step's ``ln A``; advances ``state`` in place.

    Parameters
    ----------
    curves
        The run's :class:`DemandCurves`.
    state
        :class:`DemandState`, (worlds, occupations); row ``w`` is advanced.
    relative_spending
        Scratch row, (occupations,): ``q P / P(base)``, then ``q / (A / A(base))``.
    log_productivity, base_log_productivity
        ln A of this step and of the base year, (occupations,).
    labour_trend
        Non-AI labour requirement of this step, (occupations,), persons.
    """
    n = state.required_labour.shape[1]
    log_a, base = log_productivity, base_log_productivity
    log_income = state.log_income[w, 0]
    phi = curves.pass_through
    closure = curves.closure
    # S = sum_i w_i q_i P_i; G = sum_i w_i q_i P_i (1 - k_i^(beta - 1)); Lq = sum_i w_i q_i / A_i
    spending, profit, labour = 0.0, 0.0, 0.0
    for i in range(n):
        log_output = state.log_own_output[w, i]
        elasticity = saturated_elasticity(curves, i, log_output + log_income)
        state.elasticity[w, i] = elasticity
        # d ln q = -eps d ln P
        log_output = log_output - elasticity * log_price_change(
            phi, log_a[i] - state.log_productivity[w, i]
        )
        state.log_own_output[w, i] = log_output
        state.log_productivity[w, i] = log_a[i]
        relative = math.exp(log_output + log_price_change(phi, log_a[i] - base[i]))
        weighted = relative * curves.spending_weight[i]
        spending += weighted
        kept = unpassed_gain(phi, log_a[i] - base[i])  # 1.0 without an exponential if phi = 1
        state.unpassed_gain[w, i] = kept
        if phi != 1.0:  # else the unpassed gain is exactly 1 and owners keep nothing
            profit += weighted * owners_share(kept, closure.bargaining_share)
            relative = relative / kept  # now q / (A / A(base))
            weighted = weighted / kept
        relative_spending[i] = relative
        labour += weighted
    income = (
        labour_demand(
            spending,
            profit,
            closure.consumer_mpc,
            closure.profit_respending,
            closure.policy_offset,
            closure.spending_cap,
        )
        / labour
    )
    state.log_income[w, 0] = math.log(income)
    # L* = trend q Y / (A / A(base))
    for i in range(n):
        state.required_labour[w, i] = labour_trend[i] * (relative_spending[i] * income)


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
