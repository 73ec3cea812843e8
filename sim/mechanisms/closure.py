"""Demand closure: how much of the income that AI's cost savings free is spent again.

Replaces the old single "spending recycling share" with its pieces.  Amounts
are in units of the base-year wage bill (= 1): occupation ``i`` has base
weight ``w_i`` (its wage-bill share, which also weights spending), own-price
output ``q_i`` relative to the no-AI path and productivity gain
``g_i = ln(A_i / A_i(t0))``.  At own-price output the wage bill needed is
``Lq = sum_i w_i q_i exp(-g_i)``, so ``1 - Lq`` is the labour cost AI saves.
Who gets that saving, and what they do with it:

1. **Pass-through** ``rho`` (``demand.price_pass_through``): the price falls by
   ``rho`` of the unit-cost saving, ``P_i = exp(-rho g_i)``; own-price demand
   answers with its elasticity (:mod:`sim.mechanisms.demand`).  The own-price
   bundle costs ``S = sum_i w_i q_i P_i``, so consumers' freed budget is
   ``F = 1 - S`` (negative where cheaper elastic goods draw more spending).
2. **Profits.**  The saving not passed on raises the value of output per worker
   by ``k_i = exp((1 - rho) g_i)``; workers bargain the share ``beta`` of its
   log (``wages.bargaining_share``, :mod:`sim.mechanisms.wages`), owners keep
   the rest::

       G = sum_i w_i q_i exp(-g_i) (k_i - k_i^beta) = sum_i w_i q_i P_i (1 - k_i^(beta - 1))

   ``G = 0`` with full pass-through; the labour share of output value falls
   with it (:func:`labour_share`; :mod:`sim.mechanisms.wages` reports it).
   ``F + G`` is the saving ``1 - Lq`` less the workers' bargained part.
3. **Re-spending.**  Consumers spend a real-income gain at their marginal
   propensity ``c`` (``closure.consumer_mpc``): they spend ``X = S + c F`` (the
   old formula with ``kappa = c``) while the bundle costs less than their
   income (``F >= 0``).  Where it costs more (``S > 1``: cheaper, elastic
   goods draw more spending than the budget holds), the budget binds and they
   spend their income, ``X = 1``: a price fall is no income loss, so the
   propensity ``c`` has nothing to act on, and ``X = S + c F > 1`` would have
   them spend ``(1 - c)(S - 1)`` more than they earn, year after year (at the
   high elasticity quantile ``S`` reaches 11.5 by 2055: 63% above income).  So
   ``X = min(S + c F, 1)``.  Profit is earned on what is bought: owners
   receive ``G / S`` of every dollar spent and spend it again at ``r``
   (``closure.profit_respending_rate``).  Every dollar not re-spent is demand
   lost to labour, so the private shortfall is::

       D = 1 - X (1 - (1 - r) G / S) = (1 - c) max(F, 0) + (1 - r) G X / S

4. **Policy** closes the share ``theta`` of it (``closure.policy_offset_share``).
   The wage bill demanded is ``Lambda = 1 - (1 - theta) D`` and every output is
   scaled by the income effect ``Y = Lambda / Lq`` (required labour is
   ``trend q Y / A``, whose wage-bill-weighted sum is ``Lambda``).

Reductions (tested): ``theta = 1`` gives ``Lambda = 1``: all of the saving is
spent again and AI only moves labour between occupations (the old recycling
share 1); ``rho = 1`` gives ``G = 0``, ``Lq = S`` and ``Y = 1 + kappa (1/S - 1)``
with ``kappa = c + theta (1 - c)``, the old formula, for ``S <= 1`` (``Y = 1 / S``,
spending equal to income, above); ``c = r = theta = 0`` (and ``beta = 0``) gives
``Y = 1`` for ``S <= 1``, partial equilibrium (the old recycling share 0), and for
any ``S`` in a one-industry experiment whose extra spending the rest of the
economy pays (``closure.consumer_spending_cap = inf``, the Bessen check).
``0 < Lambda <= 1`` always: ``X = min((1 - c) S + c, 1) > 0``, ``X <= 1`` and
``0 <= G / S < 1``, so AI never makes the wage bill demanded exceed the
income it is paid from; ``Lambda = 1`` exactly when nothing leaks.  The
closure is one round: the labour income lost by displaced
workers is not fed back (no Keynesian multiplier on unemployment); ``theta``
stands in for everything that closes a shortfall.

:func:`labour_demand` and :func:`owners_share` are compiled scalar
arithmetic, called by the compiled demand stage
(:func:`sim.mechanisms.demand.demand_step`) and by the numpy reference
functions below alike.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from sim.mechanisms.compiled import compiled
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
    bargaining_share: float
    """``beta``: workers' share of the log gain in output value per worker, [0, 1]."""
    spending_cap: float = 1.0
    """The most consumers spend, in base wage bills (``closure.consumer_spending_cap``): their
    income (1); ``inf`` only for partial-equilibrium experiments, where the rest of the
    economy pays for an industry's extra spending (:mod:`sim.validation.bessen`)."""

    @classmethod
    def from_params(cls, params: ClosureParams, bargaining_share: float) -> Closure:
        """Resolve the closure block with the wage block's ``beta``."""
        return cls(
            float(params.consumer_mpc),
            float(params.profit_respending_rate),
            float(params.policy_offset_share),
            float(bargaining_share),
            float(params.consumer_spending_cap),
        )


@compiled
def labour_demand(
    own_price_spending,
    excess_profit,
    consumer_mpc,
    profit_respending,
    policy_offset,
    spending_cap=1.0,
):  # pragma: no cover - compiled
    """Wage bill demanded ``Lambda = 1 - (1 - theta)(1 - X (1 - (1 - r) G / S))``, in (0, 1].

    ``X = min(S + c (1 - S), cap)`` is what consumers spend: never more than their
    income, ``cap = 1`` (module docstring).

    Parameters
    ----------
    own_price_spending
        ``S``: cost of the own-price bundle at the new prices, base wage bills, > 0.
    excess_profit
        ``G``: owners' part of the unpassed cost saving, base wage bills, >= 0.
    consumer_mpc, profit_respending, policy_offset
        ``c``, ``r`` and ``theta``, each in [0, 1].
    spending_cap
        The most consumers spend, in base wage bills: 1 (income), or ``inf`` in a
        one-industry partial-equilibrium experiment (:attr:`Closure.spending_cap`).
    """
    spent = min(own_price_spending + consumer_mpc * (1.0 - own_price_spending), spending_cap)
    kept = (1.0 - profit_respending) * excess_profit / own_price_spending
    return 1.0 - (1.0 - policy_offset) * (1.0 - spent * (1.0 - kept))


@compiled
def owners_share(kept, bargaining_share):  # pragma: no cover - compiled
    """``1 - k^(beta - 1)``: owners' share of the output value at unpassed gain ``k >= 1``.

    ``G``'s term is ``w q P (1 - k^(beta - 1))``; ``beta = 0.5`` (the default)
    takes a square root instead of a power.
    """
    if kept == 1.0:
        return 0.0
    if bargaining_share == 0.5:
        return 1.0 - 1.0 / math.sqrt(kept)
    return 1.0 - kept ** (bargaining_share - 1.0)


class Totals(NamedTuple):
    """The closure's sums per world, base wage bills (module docstring)."""

    spending: FloatArray
    """``S``."""
    profit: FloatArray
    """``G``."""
    labour: FloatArray
    """``Lq``."""


def totals(
    weights: FloatArray,
    log_own_output: FloatArray,
    log_gain: FloatArray,
    pass_through: float,
    closure: Closure,
) -> Totals:
    """``S``, ``G`` and ``Lq`` per world (sums over the last axis)."""
    output = np.exp(log_own_output)
    kept = np.exp((1.0 - pass_through) * log_gain)
    bundle = output * np.exp(-pass_through * log_gain)
    owners = 1.0 - kept ** (closure.bargaining_share - 1.0)
    return Totals(
        bundle @ weights, (bundle * owners) @ weights, (output * np.exp(-log_gain)) @ weights
    )


def income_multiplier(
    weights: FloatArray,
    log_own_output: FloatArray,
    log_gain: FloatArray,
    pass_through: float,
    closure: Closure,
) -> FloatArray:
    """Income effect ``Y = Lambda / Lq`` per world, shape (..., 1) (module docstring)."""
    sums = totals(weights, log_own_output, log_gain, pass_through, closure)
    demanded = np.vectorize(labour_demand)(
        sums.spending,
        sums.profit,
        closure.consumer_mpc,
        closure.profit_respending,
        closure.policy_offset,
        closure.spending_cap,
    )
    return (demanded / sums.labour)[..., None]


def labour_share(
    weights: FloatArray,
    log_own_output: FloatArray,
    log_gain: FloatArray,
    pass_through: float,
    closure: Closure,
    base_labour_share: float,
) -> FloatArray:
    """Wage bill over output value at bargained wages (no tightness), per world.

    ``s0 sum w q exp(-g) k^beta / sum w q exp(-rho g)``: ``s0``
    (``wages.base_labour_share``) with full pass-through or ``beta = 1``, below
    it when owners keep part of the saving.
    """
    output = np.exp(log_own_output)
    kept = (1.0 - pass_through) * log_gain
    wage_bill = (output * np.exp(closure.bargaining_share * kept - log_gain)) @ weights
    value = (output * np.exp(-pass_through * log_gain)) @ weights
    return base_labour_share * wage_bill / value
