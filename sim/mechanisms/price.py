"""The output price: the one place its response to productivity is written.

AI raises output per worker, ``A_i`` (relative to the no-AI path); a share
``phi`` (price pass-through, ``demand.price_pass_through``) of the unit-cost
saving reaches the output price::

    ln(P_i / P_i(base)) = -phi ln(A_i / A_i(base))

Demand answers the price (:mod:`sim.mechanisms.demand`: own output moves by
``-eps d ln P``, spending at base weights is ``q P / P(base)``) and wages
bargain over the gain not passed on, ``(A / A(base)) (P / P(base)) =
(A / A(base))^(1 - phi)`` (:mod:`sim.mechanisms.wages`).  Both read the
functions below, so the price rule exists once.
"""

from __future__ import annotations

import math

from sim.mechanisms.compiled import compiled


@compiled
def log_price_change(pass_through, log_gain):  # pragma: no cover - compiled
    """``ln(P / P_ref) = -phi ln(A / A_ref)`` for a log productivity gain over the same span."""
    return -(pass_through * log_gain)


@compiled
def unpassed_gain(pass_through, log_gain):  # pragma: no cover - compiled
    """``(A / A(base)) (P / P(base)) = (A / A(base))^(1 - phi)``: the gain not passed to prices.

    Exactly 1 with full pass-through (``phi = 1``: ``exp(g - g)``); that case,
    the default, skips the exponential.
    """
    if pass_through == 1.0:
        return 1.0
    return math.exp(log_gain + log_price_change(pass_through, log_gain))
