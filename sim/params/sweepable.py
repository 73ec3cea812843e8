"""Look up parameters by dotted name for sweeps: value type, valid bounds, role, plausible range.

A sweep names what it varies by the same dotted path a scenario file uses
(``capability.hardware_doubling_years``), or one entry of an override table
(``adoption.regulatory_slowdown_by_major_group.29``).  Names are resolved
against the declarations in :class:`~sim.params.scenario.Scenario`; an unknown
name raises :class:`~sim.errors.ScenarioError` with the closest valid names.
"""

from __future__ import annotations

import difflib
import math
import typing
from dataclasses import dataclass

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from sim.errors import ScenarioError
from sim.params._field import Plausible, Role, field_plausible, field_role
from sim.params.messages import dict_value_metadata
from sim.params.scenario import Scenario


@dataclass(frozen=True)
class Sweepable:
    """A numeric parameter a sweep can vary."""

    name: str
    default: float
    unit: str
    role: Role
    plausible: Plausible | None
    lower: float = -math.inf
    upper: float = math.inf
    lower_open: bool = False
    upper_open: bool = False
    integer: bool = False

    def admits(self, value: float) -> bool:
        """Whether ``value`` lies in the valid range."""
        above = value > self.lower if self.lower_open else value >= self.lower
        below = value < self.upper if self.upper_open else value <= self.upper
        return above and below

    def valid_range(self) -> str:
        """The valid range as text, e.g. ``[0.3, 50]``."""
        left, right = "(" if self.lower_open else "[", ")" if self.upper_open else "]"
        return f"{left}{self.lower:g}, {self.upper:g}{right}"


def sweepable(name: str) -> Sweepable:
    """Resolve a dotted parameter name; raise :class:`ScenarioError` if it cannot be varied."""
    block_name, _, rest = name.partition(".")
    block = Scenario.model_fields.get(block_name)
    if block is None or not _is_model(block.annotation) or not rest:
        raise ScenarioError(f"unknown parameter '{name}'{_suggest(name)}")
    model: type[BaseModel] = block.annotation  # type: ignore[assignment]
    field_name, _, key = rest.partition(".")
    field = model.model_fields.get(field_name)
    if field is None:
        raise ScenarioError(f"unknown parameter '{name}'{_suggest(name)}")
    default = getattr(getattr(Scenario(), block_name), field_name)
    if isinstance(default, dict):
        return _table_entry(name, field, default, key)
    if key or isinstance(default, bool) or not isinstance(default, int | float):
        raise ScenarioError(f"parameter '{name}' is not a number and cannot be swept")
    return _make(name, field, float(default), field.metadata, isinstance(default, int))


def declared(role: Role) -> list[Sweepable]:
    """Every scalar parameter declared with ``role``, in declaration order."""
    return [item for item in map(sweepable, _scalar_names()) if item.role is role]


def _table_entry(name: str, field: FieldInfo, table: dict[str, float], key: str) -> Sweepable:
    if not key:
        example = next(iter(table), "KEY")
        raise ScenarioError(
            f"parameter '{name}' is a table; vary one entry, e.g. '{name}.{example}'"
        )
    constraints = dict_value_metadata(field.annotation)
    default = float(table.get(key, _table_fallback(field)))
    return _make(name, field, default, constraints, integer=False)


def _table_fallback(field: FieldInfo) -> float:
    """Value of an unlisted key: the lower bound of a divisor table (no slowdown), else 0."""
    for item in dict_value_metadata(field.annotation):
        lower = getattr(item, "ge", None)
        if lower is not None:
            return float(lower)
    return 0.0


def _make(
    name: str, field: FieldInfo, default: float, constraints: list[object], integer: bool
) -> Sweepable:
    bounds: dict[str, float] = {}
    for item in constraints:
        for key in ("ge", "gt", "le", "lt"):
            value = getattr(item, key, None)
            if value is not None:
                bounds[key] = float(value)
    extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
    return Sweepable(
        name=name,
        default=default,
        unit=str(extra.get("unit", "")),
        role=field_role(field),
        plausible=field_plausible(field),
        lower=bounds.get("ge", bounds.get("gt", -math.inf)),
        upper=bounds.get("le", bounds.get("lt", math.inf)),
        lower_open="gt" in bounds,
        upper_open="lt" in bounds,
        integer=integer,
    )


def _scalar_names() -> list[str]:
    defaults = Scenario()
    names = []
    for block_name, block in Scenario.model_fields.items():
        if not _is_model(block.annotation):
            continue
        for field_name in block.annotation.model_fields:  # type: ignore[union-attr]
            value = getattr(getattr(defaults, block_name), field_name)
            if isinstance(value, int | float) and not isinstance(value, bool):
                names.append(f"{block_name}.{field_name}")
    return names


def _suggest(name: str) -> str:
    matches = difflib.get_close_matches(name, _scalar_names(), n=3, cutoff=0.6)
    if matches:
        return " (did you mean " + " or ".join(f"'{m}'" for m in matches) + "?)"
    return "; `laborsim params` lists every parameter"


def _is_model(annotation: typing.Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)
