"""Occupation wages and the labour share: bargaining over the value of output per worker.

The base year fixes each occupation's output value from its wage bill and the
base labour share ``s0``: ``V_i(t0) = w_i(t0) L_i(t0) / s0``.  Output value
then follows real output (required labour times productivity) at the price
that falls with pass-through ``phi`` of the productivity gain
(:mod:`sim.mechanisms.demand`)::

    V_i(t)  = (w_i(t0) / s0) * L*_i(t) * (A_i(t) / A_i(t0))^(1 - phi)
    w_i(t)  = w_i(t0) * [ (L*_i(t) / E_i(t)) * (A_i(t) / A_i(t0))^(1 - phi) ]^beta
    s(t)    = sum_i w_i E_i / sum_i V_i

The bracket is value of output per worker relative to the base year: it rises
when the occupation is tight (more labour required than employed) and when
productivity gains are not passed on to prices; workers get the share
``beta`` (``wages.bargaining_share``) of its log change.  With full
pass-through (``phi = 1``, the default) AI's gains go to buyers as lower
prices, not to AI capital, and the labour share moves only through
tightness; with ``phi < 1`` the owners of AI keep ``1 - phi`` of the unit-cost
saving and the labour share falls.  ``s(t)`` is the share of output value
paid as wages; the rest is capital income, AI capital included.  Wages are
nominal in base-year dollars of the occupation's own output.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from sim.params import WageParams

FloatArray = NDArray[np.float64]


class WageState(NamedTuple):
    """Wages and output value per occupation, (worlds, occupations)."""

    wage: FloatArray
    """USD/year per worker."""
    output_value: FloatArray
    """USD/year."""


@dataclass(frozen=True)
class WageRule:
    """Base-year wages and the constants of the rule.

    Attributes
    ----------
    base_wage : FloatArray
        Mean annual wage in the base year, USD/year.
    bargaining_share : float
        ``beta``, [0, 1].
    base_labour_share : float
        ``s0``, (0, 1].
    unpassed_share : float
        ``1 - phi``: share of the productivity gain not passed on to prices.
    """

    base_wage: FloatArray
    bargaining_share: float
    base_labour_share: float
    unpassed_share: float

    @classmethod
    def from_params(
        cls, params: WageParams, base_wage: FloatArray, pass_through: float
    ) -> WageRule:
        """Resolve the wage block with the demand block's price pass-through."""
        return cls(base_wage, params.bargaining_share, params.base_labour_share, 1.0 - pass_through)


def advance(
    rule: WageRule,
    employment: FloatArray,
    required_labour: FloatArray,
    log_productivity_gain: FloatArray,
) -> WageState:
    """Wages and output value now; ``log_productivity_gain`` is ``ln(A / A(t0))``."""
    kept_gain = np.exp(rule.unpassed_share * log_productivity_gain)
    tightness = np.divide(
        required_labour, employment, out=np.ones_like(employment), where=employment > 0.0
    )
    wage = rule.base_wage * (tightness * kept_gain) ** rule.bargaining_share
    output_value = rule.base_wage / rule.base_labour_share * required_labour * kept_gain
    return WageState(wage, output_value)


def labour_share(state: WageState, employment: FloatArray) -> FloatArray:
    """Wage bill over output value, summed over occupations (last axis)."""
    wage_bill = (state.wage * employment).sum(axis=-1)
    return wage_bill / state.output_value.sum(axis=-1)
