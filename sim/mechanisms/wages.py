"""Occupation wages and the labour share: bargaining over the value of output per worker.

The base year fixes each occupation's output value from its wage bill and the
base labour share ``s0``: ``V_i(t0) = w_i(t0) L_i(t0) / s0``.  Output value
then follows real output (required labour times productivity) at the price
that falls with pass-through ``phi`` of the productivity gain
(:mod:`sim.mechanisms.price`)::

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

import math
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from sim.mechanisms.compiled import compiled
from sim.params import WageParams

FloatArray = NDArray[np.float64]


class WageState(NamedTuple):
    """Wages and output value per occupation, (worlds, occupations)."""

    wage: FloatArray
    """USD/year per worker."""
    output_value: FloatArray
    """USD/year."""

    @classmethod
    def empty(cls, shape: tuple[int, int]) -> WageState:
        """Arrays for ``shape`` = (worlds, occupations), to be set by :func:`wages_step`."""
        return cls(np.zeros(shape), np.zeros(shape))


class WageRule(NamedTuple):
    """Base-year wages and the constants of the rule.

    Attributes
    ----------
    base_wage : FloatArray
        Mean annual wage in the base year, USD/year.
    bargaining_share : float
        ``beta``, [0, 1].
    base_labour_share : float
        ``s0``, (0, 1].
    pass_through : float
        ``phi``, the demand block's price pass-through (:mod:`sim.mechanisms.price`).
    max_labour_share : float
        ``s_max``, [s0, 1]: the labour share beyond which employers shed workers
        (``labor.max_labour_share``, :func:`viable_employment`).
    """

    base_wage: FloatArray
    bargaining_share: float
    base_labour_share: float
    pass_through: float
    max_labour_share: float = 1.0

    @classmethod
    def from_params(
        cls,
        params: WageParams,
        base_wage: FloatArray,
        pass_through: float,
        max_labour_share: float = 1.0,
    ) -> WageRule:
        """Resolve the wage block with the demand block's price pass-through."""
        return cls(
            np.ascontiguousarray(base_wage, dtype=np.float64),
            float(params.bargaining_share),
            float(params.base_labour_share),
            float(pass_through),
            float(max_labour_share),
        )


@compiled
def _bargained(x, share):  # pragma: no cover - compiled
    """``x ** share`` with numpy's exact fast paths for the shares 0.5, 1 and 2."""
    if share == 0.5:
        return math.sqrt(x)
    if share == 1.0:
        return x
    if share == 2.0:
        return x * x
    return x**share


@compiled
def wages_step(rule, employment, required_labour, unpassed, state, w):  # pragma: no cover
    """Wages and output value of world ``w`` now, into ``state`` (:class:`WageState`).

    ``employment`` and ``required_labour`` (persons) and ``unpassed``, the
    productivity gain not passed to prices ``(A / A(base))^(1 - phi)``
    (:attr:`sim.mechanisms.demand.DemandState.unpassed_gain`, computed once a
    step by demand), are world ``w``'s rows.
    """
    wage, output_value = state.wage[w], state.output_value[w]
    for i in range(employment.shape[0]):
        kept = unpassed[i]
        employed, required = employment[i], required_labour[i]
        tightness = required / employed if employed > 0.0 else 1.0
        wage[i] = rule.base_wage[i] * _bargained(tightness * kept, rule.bargaining_share)
        output_value[i] = rule.base_wage[i] / rule.base_labour_share * required * kept


@compiled
def viable_employment(rule, required_labour, unpassed, out):  # pragma: no cover - compiled
    """Employment at which each occupation's wage bill is ``s_max`` of its output value, persons.

    With the wage rule above the labour share at employment ``E`` is
    ``s(E) = s0 (E / (L* k))^(1 - beta)``, ``k = (A / A(base))^(1 - phi)``:
    it rises with employment (wages fall less than in proportion), so it stays
    at most ``s_max`` up to ``E_v = L* k (s_max / s0)^(1 / (1 - beta))``
    (``unpassed``: ``k``, this step's row of
    :attr:`sim.mechanisms.demand.DemandState.unpassed_gain`),
    written to ``out`` (inf when ``beta = 1``, where the share is ``s0`` at
    any employment, or when nothing is required: no wages, no output).
    :func:`sim.mechanisms.labor.openings_step` sheds workers beyond it.
    """
    beta = rule.bargaining_share
    if beta >= 1.0:
        out[:] = math.inf
        return
    room = (rule.max_labour_share / rule.base_labour_share) ** (1.0 / (1.0 - beta))
    for i in range(out.shape[0]):
        required = required_labour[i]
        if required > 0.0:
            out[i] = required * unpassed[i] * room
        else:
            out[i] = math.inf
