"""Dashboard controls, read from the parameter declarations that validate scenarios.

The dashboard declares only *which* scenario fields it exposes (dotted paths,
grouped, with a short label).  Everything else, the unit, the valid range, the
help text and the current value, comes from the field's own ``param()``
declaration and the loaded scenario, so there is no second copy of any default
or bound.  A listed path the scenario does not declare (yet) is skipped; a
``block.*`` entry exposes every numeric field of that block, so parameters
added later (e.g. a ``policy`` block) appear without touching this module.

Sliders move in ``SLIDER_POSITIONS`` steps across the declared range, on a log
scale where the range is positive and spans at least ``LOG_SCALE_MIN_RATIO``.
"""

from __future__ import annotations

import math
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from sim.params import Scenario, derive

#: Positions of every slider between the ends of its declared range.
SLIDER_POSITIONS = 200
#: Ranges with upper/lower >= this ratio (and lower > 0) get a log-scale slider.
LOG_SCALE_MIN_RATIO = 100.0
#: Significant digits slider values are rounded to (sliders show round numbers).
SIGNIFICANT_DIGITS = 3
#: Groups of (dotted path, label); ``block.*`` = every numeric field of the block.
CONTROL_GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "AI capability",
        (
            ("capability.hardware_doubling_years", "Hardware doubling time"),
            ("capability.spending_growth_per_year", "Spending growth"),
            ("capability.spending_ceiling_usd_billion", "Spending ceiling"),
            ("capability.algorithmic_halving_months", "Algorithmic halving time"),
            ("capability.horizon_doublings_per_oom", "Horizon doublings per OOM"),
            ("capability.physical_growth_ratio", "Physical track growth (x cognitive)"),
        ),
    ),
    (
        "Exposure",
        (
            ("exposure.source", "Exposure source"),
            ("exposure.success_slope_per_doubling", "Success slope (log-odds per doubling)"),
            ("exposure.autonomy_success_rate", "Success rate for autonomy"),
        ),
    ),
    (
        "Adoption",
        (
            ("adoption.bass_innovation_per_year", "Adoption speed: innovation p"),
            ("adoption.bass_imitation_per_year", "Adoption speed: imitation q"),
            ("adoption.regulatory_slowdown_by_major_group", "Regulatory slowdown"),
        ),
    ),
    (
        "Demand",
        (
            ("demand.elasticity_source", "Elasticity source"),
            ("demand.elasticity_quantile", "Elasticity quantile (estimated source)"),
            ("demand.elasticity_by_major_group", "Price elasticity (major_group source)"),
            ("demand.price_pass_through", "Price pass-through"),
        ),
    ),
    (
        "Demand closure",
        (
            ("closure.consumer_mpc", "Consumers' re-spending (MPC)"),
            ("closure.profit_respending_rate", "Owners' re-spending of profit"),
            ("closure.policy_offset_share", "Policy offset of a shortfall"),
        ),
    ),
    ("Policy levers", (("policy.*", ""),)),
    (
        "Labour market",
        (
            ("labor.max_layoff_rate_per_year", "Layoff cap"),
            ("labor.reemployment_rate_per_year", "Search intensity"),
            ("labor.separation_rate_per_month", "Separations into unemployment"),
        ),
    ),
)


@dataclass(frozen=True)
class Control:
    """One control: a scenario field, how to show it and its declared bounds.

    ``kind`` is ``"number"`` (a slider), ``"keyed"`` (a slider for one entry of a
    dict field, chosen by key) or ``"choice"`` (a select among ``choices``).
    """

    path: str
    label: str
    kind: str
    unit: str
    help: str
    low: float = 0.0
    high: float = 1.0
    log_scale: bool = False
    integer: bool = False
    choices: tuple[str, ...] = ()

    def to_position(self, value: float) -> int:
        """Slider position (0 .. SLIDER_POSITIONS) nearest to ``value``."""
        low, high = self._scaled(self.low), self._scaled(self.high)
        share = (self._scaled(min(max(value, self.low), self.high)) - low) / (high - low)
        return round(share * SLIDER_POSITIONS)

    def from_position(self, position: int) -> float:
        """Value at a slider position, rounded to SIGNIFICANT_DIGITS, kept inside the range."""
        low, high = self._scaled(self.low), self._scaled(self.high)
        scaled = low + (high - low) * position / SLIDER_POSITIONS
        value = 10.0**scaled if self.log_scale else scaled
        value = min(max(round_significant(value), self.low), self.high)
        return float(round(value)) if self.integer else value

    def _scaled(self, value: float) -> float:
        return math.log10(value) if self.log_scale else value


def round_significant(value: float, digits: int = SIGNIFICANT_DIGITS) -> float:
    """``value`` rounded to ``digits`` significant digits (0 stays 0)."""
    if value == 0 or not math.isfinite(value):
        return value
    return round(value, digits - 1 - math.floor(math.log10(abs(value))))


def available_controls() -> list[tuple[str, list[Control]]]:
    """The control groups, keeping only fields :class:`~sim.Scenario` declares."""
    groups = []
    for title, entries in CONTROL_GROUPS:
        controls = [c for path, label in entries for c in _controls_for(path, label)]
        if controls:
            groups.append((title, controls))
    return groups


def _controls_for(path: str, label: str) -> Iterator[Control]:
    block_name, _, name = path.partition(".")
    block_field = Scenario.model_fields.get(block_name)
    block = block_field.annotation if block_field else None
    if not (isinstance(block, type) and issubclass(block, BaseModel)):
        return
    if name == "*":
        for field_name, field in block.model_fields.items():
            control = make_control(f"{block_name}.{field_name}", _humanise(field_name), field)
            if control is not None and control.kind == "number":
                yield control
        return
    declared = block.model_fields.get(name)
    control = make_control(path, label, declared) if declared is not None else None
    if control is not None:
        yield control


def make_control(path: str, label: str, field: FieldInfo) -> Control | None:
    """A control for ``field``, or ``None`` if it has no finite range or choice set."""
    extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
    unit = str(extra.get("unit", ""))
    help_text = " ".join(
        part for part in (field.description or "", f"Source: {extra.get('source', '')}") if part
    )
    annotation = field.annotation
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        choices = tuple(str(member.value) for member in annotation)
        return Control(path, label, "choice", unit, help_text, choices=choices)
    keyed = typing.get_origin(annotation) is dict
    low, high = numeric_bounds(field)
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        return None
    value_type = typing.get_args(annotation)[1] if keyed else annotation
    return Control(
        path,
        label,
        "keyed" if keyed else "number",
        unit,
        help_text,
        low=low,
        high=high,
        log_scale=low > 0 and high / low >= LOG_SCALE_MIN_RATIO,
        integer=typing.get_origin(value_type) is None and value_type is int,
    )


def numeric_bounds(field: FieldInfo) -> tuple[float, float]:
    """Declared (lower, upper) bounds of a field or of a dict field's values.

    Exclusive bounds are moved inward by one slider step so every slider
    position is a valid value; a missing bound is infinite.
    """
    low, high = -math.inf, math.inf
    open_low = open_high = False
    for item in [*field.metadata, *_dict_value_metadata(field.annotation)]:
        for name in ("ge", "gt", "le", "lt"):
            bound = getattr(item, name, None)
            if bound is None:
                continue
            if name in ("ge", "gt"):
                low, open_low = float(bound), name == "gt"
            else:
                high, open_high = float(bound), name == "lt"
    if math.isfinite(low) and math.isfinite(high):
        step = (high - low) / SLIDER_POSITIONS
        low, high = low + step * open_low, high - step * open_high
    return low, high


def _dict_value_metadata(annotation: Any) -> list[Any]:
    if typing.get_origin(annotation) is not dict:
        return []
    constraints: list[Any] = []
    for item in typing.get_args(typing.get_args(annotation)[1])[1:]:
        constraints.extend(getattr(item, "metadata", [item]))
    return constraints


def _humanise(name: str) -> str:
    return name.replace("_", " ").capitalize()


def current_value(scenario: Scenario, path: str, key: str | None = None) -> Any:
    """The scenario's value at a dotted ``path`` (an entry of a dict field if ``key``)."""
    node: Any = scenario
    for part in path.split("."):
        node = getattr(node, part)
    if key is not None:
        return node[key]
    return node.value if isinstance(node, Enum) else node


def override_key(control: Control, key: str | None = None) -> str:
    """The dotted override path of a control (with the dict key for keyed controls)."""
    return f"{control.path}.{key}" if key is not None else control.path


def apply_overrides(scenario: Scenario, overrides: Mapping[str, Any]) -> Scenario:
    """The scenario with the dashboard's overrides applied and validated.

    Raises
    ------
    ScenarioError
        If a value or a combination is invalid; the message names the field and
        the allowed range, exactly as for a scenario file.
    """
    return derive(scenario, overrides) if overrides else scenario
