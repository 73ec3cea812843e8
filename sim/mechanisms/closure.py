"""Demand closure: how much of the spending that AI's cost savings free is spent again.

Replaces the old single "spending recycling share" with its pieces.  All
amounts are shares of base-year nominal spending (= 1), occupation ``i`` with
base spending weight ``w_i`` (wage-bill share), own-price output ``q_i``
relative to the no-AI path and productivity gain ``g_i = ln(A_i / A_i(t0))``.

1. **Pass-through** ``rho`` (``demand.price_pass_through``): the price falls by
   ``rho`` of the unit-cost saving, ``P_i = exp(-rho g_i)``; own-price demand
   answers with its elasticity (:mod:`sim.mechanisms.demand`).  Buying the
   own-price bundle costs ``S = sum_i w_i q_i P_i``; consumers' freed budget is
   ``1 - S`` (negative where cheaper elastic goods draw more spending).
2. **Profits.**  The saving not passed on raises the value of output per worker
   by ``k_i = exp((1 - rho) g_i)``; workers bargain the share ``beta`` of its
   log (``wages.bargaining_share``, :mod:`sim.mechanisms.wages`), owners keep the
   rest.  Profit above what a constant labour share ``s0``
   (``wages.base_labour_share``) would give::

       G = s0 * sum_i w_i q_i exp(-g_i) (k_i - k_i^beta)   >= 0 for g >= 0

   so ``G = 0`` with full pass-through, and the labour share of output value
   falls below ``s0`` by the same amount (:func:`labour_share`).
3. **Re-spending.**  Consumers spend a real-income gain at their marginal
   propensity ``c`` (``closure.consumer_mpc``); owners spend extra profit at
   ``r`` (``closure.profit_respending_rate``).  An extra dollar of either would
   otherwise have been spent in full (in the base year income equals spending),
   so the private shortfall in nominal spending is::

       D = (1 - c)(1 - S) + (1 - r) G

4. **Policy** closes the share ``theta`` of it (``closure.policy_offset_share``):
   nominal spending ``X = 1 - (1 - theta) D``, and every output is scaled by
   the income effect ``Y = X / S`` (required labour is ``trend q Y / A``).

Reductions (tested): ``theta = 1`` gives ``X = 1`` (nominal spending on its
no-AI path, the old recycling share 1); ``rho = 1`` gives ``G = 0`` and
``X = S + (c + theta (1 - c))(1 - S)``, the old formula with recycling share
``kappa = c + theta (1 - c)``; ``c = theta = 0`` and ``rho = 1`` give ``X = S``,
partial equilibrium (the old recycling share 0).  The closure is one round:
the labour income lost by displaced workers is not fed back (no Keynesian
multiplier on unemployment); ``theta`` is the stand-in for everything that
closes a shortfall.  ``X > 0`` always: ``X >= S - G > 0``.

:func:`nominal_spending` is scalar arithmetic, called by the compiled demand
stage and by :func:`income_multiplier` alike.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from sim.params import ClosureParams

FloatArray = NDArray[np.float64]


class Closure(NamedTuple):
    """Closure constants resolved once per run (see the module docstring for the symbols)."""

    consumer_mpc: float
    """``c``, [0, 1]."""
    profit_respending: float
    """``r``, [0, 1]."""
    policy_offset: float
    """``theta``, [0, 1]."""
    labour_share: float
    """``s0``: base labour share of output value, (0, 1]."""
    bargaining_share: float
    """``beta``: workers' share of the log gain in output value per worker, [0, 1]."""

    @classmethod
    def from_params(
        cls, params: ClosureParams, base_labour_share: float, bargaining_share: float
    ) -> Closure:
        """Resolve the closure block with the wage block's ``s0`` and ``beta``."""
        return cls(
            float(params.consumer_mpc),
            float(params.profit_respending_rate),
            float(params.policy_offset_share),
            float(base_labour_share),
            float(bargaining_share),
        )


def nominal_spending(
    own_price_spending: float,
    excess_profit: float,
    consumer_mpc: float,
    profit_respending: float,
    policy_offset: float,
) -> float:
    """Nominal spending ``X = 1 - (1 - theta)((1 - c)(1 - S) + (1 - r) G)``, base year = 1.

    Parameters
    ----------
    own_price_spending
        ``S``: cost of the own-price bundle at the new prices, share of base spending, > 0.
    excess_profit
        ``G``: profit kept from unpassed cost savings, share of base spending, >= 0.
    consumer_mpc, profit_respending, policy_offset
        ``c``, ``r`` and ``theta``, each in [0, 1].
    """
    shortfall = (1.0 - consumer_mpc) * (1.0 - own_price_spending) + (
        1.0 - profit_respending
    ) * excess_profit
    return 1.0 - (1.0 - policy_offset) * shortfall


def unit_profit_gain(log_gain: float, pass_through: float, bargaining_share: float) -> float:
    """Owners' gain per unit of base-price output: ``exp(-g)(k - k^beta)``, ``k = exp((1-rho) g)``."""
    kept = (1.0 - pass_through) * log_gain
    return math.exp(kept - log_gain) - math.exp(bargaining_share * kept - log_gain)


def spending_and_profit(
    weights: FloatArray,
    log_own_output: FloatArray,
    log_gain: FloatArray,
    pass_through: float,
    closure: Closure,
) -> tuple[FloatArray, FloatArray]:
    """``S`` and ``G`` per world (sums over the last axis), shares of base spending."""
    price = np.exp(-pass_through * log_gain)
    output = np.exp(log_own_output)
    kept = (1.0 - pass_through) * log_gain
    unit_profit = np.exp(kept - log_gain) - np.exp(closure.bargaining_share * kept - log_gain)
    spending = (output * price) @ weights
    profit = closure.labour_share * ((output * unit_profit) @ weights)
    return spending, profit


def income_multiplier(
    weights: FloatArray,
    log_own_output: FloatArray,
    log_gain: FloatArray,
    pass_through: float,
    closure: Closure,
) -> FloatArray:
    """Income effect ``Y = X / S`` per world, shape (..., 1) (module docstring)."""
    spending, profit = spending_and_profit(
        weights, log_own_output, log_gain, pass_through, closure
    )
    spent = np.vectorize(nominal_spending)(
        spending,
        profit,
        closure.consumer_mpc,
        closure.profit_respending,
        closure.policy_offset,
    )
    return (spent / spending)[..., None]


def labour_share(
    weights: FloatArray,
    log_own_output: FloatArray,
    log_gain: FloatArray,
    pass_through: float,
    closure: Closure,
) -> FloatArray:
    """Wage bill over output value at bargained wages (no tightness), per world.

    ``s0 sum w q exp(-g) k^beta / sum w q exp(-rho g)``: ``s0`` with full
    pass-through or ``beta = 1``, below it when owners keep part of the saving.
    """
    output = np.exp(log_own_output)
    kept = (1.0 - pass_through) * log_gain
    wages = (output * np.exp(closure.bargaining_share * kept - log_gain)) @ weights
    value = (output * np.exp(-pass_through * log_gain)) @ weights
    return closure.labour_share * wages / value
