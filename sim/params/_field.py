"""One declaration per parameter: default, unit, ranges, source, and its role in sweeps.

:func:`param` wraps :func:`pydantic.Field` so that the unit, the source, the
parameter's :class:`Role` and its plausible range (:class:`Plausible`) travel
with the range checks into the field's metadata, where ``laborsim params``,
``docs/parameters.md`` and the sweep design (:mod:`sim.experiments.design`)
read them.  There is no second copy of any default or range.

The *valid* range (``ge``/``le``...) is what the model accepts; the *plausible*
range is what the evidence supports and what a sweep samples by default.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, cast

from pydantic import Field
from pydantic.config import JsonDict
from pydantic.fields import FieldInfo


class Role(StrEnum):
    """How a sweep treats a parameter (EMA Workbench vocabulary)."""

    #: Exogenous and uncertain: sampled in sensitivity and exploratory sweeps.
    UNCERTAINTY = "uncertainty"
    #: A policy choice: varied on purpose in policy grids.
    LEVER = "lever"
    #: Held at its value unless a sweep names it.
    FIXED = "fixed"


class Distribution(StrEnum):
    """How values are spread over a plausible range when sampled."""

    #: Uniform between the bounds.
    UNIFORM = "uniform"
    #: Uniform in log10 between the bounds (for rates and factors spanning decades).
    LOG_UNIFORM = "log_uniform"


@dataclass(frozen=True)
class Plausible:
    """Plausible range of a parameter, how to sample it, and the evidence for it."""

    low: float
    high: float
    source: str
    distribution: Distribution = Distribution.UNIFORM

    def __post_init__(self) -> None:
        if not (math.isfinite(self.low) and math.isfinite(self.high) and self.low < self.high):
            raise ValueError(f"plausible range needs finite low < high, got {self}")
        if self.distribution is Distribution.LOG_UNIFORM and self.low <= 0:
            raise ValueError(f"a log-uniform range needs low > 0, got {self}")
        if not self.source:
            raise ValueError("a plausible range needs its source or stated assumption")


#: Keys of the sweep declaration inside a field's ``json_schema_extra``.
ROLE_KEY = "role"
PLAUSIBLE_KEY = "plausible"


def param(
    default: Any,
    *,
    unit: str,
    description: str,
    source: str,
    ge: float | None = None,
    gt: float | None = None,
    le: float | None = None,
    lt: float | None = None,
    role: Role = Role.FIXED,
    plausible: Plausible | None = None,
) -> Any:
    """Declare a model parameter.

    Parameters
    ----------
    default
        Default value; mutable defaults (dicts) are copied per instance.
    unit
        Physical or economic unit, e.g. ``"1/year"`` or ``"USD billion"``.
    description
        What the parameter means, in one sentence.
    source
        Literature source or the stated assumption behind the default.
    ge, gt, le, lt
        Inclusive/exclusive bounds of the valid range.
    role
        Uncertainty, lever or fixed (how sweeps treat it by default).
    plausible
        Plausible range with its source; required for uncertainties, and must
        lie inside the valid range and contain the default.

    Returns
    -------
    pydantic.fields.FieldInfo
        The field declaration.
    """
    if role is Role.UNCERTAINTY and plausible is None:
        raise ValueError("an uncertainty needs a plausible range")
    if plausible is not None:
        _check_inside(plausible, default, ge=ge, gt=gt, le=le, lt=lt)
    extra: JsonDict = {"unit": unit, "source": source, ROLE_KEY: role.value}
    if plausible is not None:
        extra[PLAUSIBLE_KEY] = {
            "low": plausible.low,
            "high": plausible.high,
            "distribution": plausible.distribution.value,
            "source": plausible.source,
        }
    if isinstance(default, dict | list):
        frozen_default = copy.deepcopy(default)
        return Field(
            default_factory=lambda: copy.deepcopy(frozen_default),
            description=description,
            json_schema_extra=extra,
        )
    return Field(
        default, description=description, ge=ge, gt=gt, le=le, lt=lt, json_schema_extra=extra
    )


def _check_inside(plausible: Plausible, default: Any, **bounds: float | None) -> None:
    low, high = plausible.low, plausible.high
    inside = (
        (bounds["ge"] is None or low >= bounds["ge"])
        and (bounds["gt"] is None or low > bounds["gt"])
        and (bounds["le"] is None or high <= bounds["le"])
        and (bounds["lt"] is None or high < bounds["lt"])
    )
    if not inside:
        raise ValueError(f"plausible range [{low}, {high}] leaves the valid range {bounds}")
    if isinstance(default, int | float) and not low <= default <= high:
        raise ValueError(f"default {default} lies outside the plausible range [{low}, {high}]")


def field_role(field: FieldInfo) -> Role:
    """The declared :class:`Role` of a field (fixed if none was declared)."""
    extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
    return Role(str(extra.get(ROLE_KEY, Role.FIXED.value)))


def field_plausible(field: FieldInfo) -> Plausible | None:
    """The declared :class:`Plausible` range of a field, or None."""
    extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
    declared = extra.get(PLAUSIBLE_KEY)
    if not isinstance(declared, dict):
        return None
    return Plausible(
        low=float(cast(float, declared["low"])),
        high=float(cast(float, declared["high"])),
        source=str(declared["source"]),
        distribution=Distribution(str(declared["distribution"])),
    )
