"""Wages block: how occupation wages respond to tightness and productivity; base labour share."""

from __future__ import annotations

from sim.params._base import ParamBlock
from sim.params._field import param


class WageParams(ParamBlock):
    """Bargained occupation wages and the economy's base-year labour share."""

    bargaining_share: float = param(
        0.5,
        unit="elasticity, [0, 1]",
        ge=0.0,
        le=1.0,
        description=(
            "Elasticity of an occupation's wage to its value of output per worker (which "
            "rises with tightness, required labour over employment, and with productivity "
            "gains not passed on to prices): workers' share in Nash bargaining."
        ),
        source=(
            "Assumption: symmetric Nash bargaining; search-model calibrations span 0.05 "
            "(Hagedorn & Manovskii 2008) to 0.72 (Shimer 2005)."
        ),
    )
    base_labour_share: float = param(
        0.56,
        unit="share",
        gt=0.0,
        le=1.0,
        description=(
            "Wage bill over output value in the base year; sets each occupation's base-year "
            "output value (its wage bill divided by this share); capital earns the rest."
        ),
        source=(
            "About the BLS nonfarm business labour share of recent years (Labor Productivity "
            "and Costs), applied to OEWS wages."
        ),
    )
