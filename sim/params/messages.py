"""Turn pydantic validation errors into one actionable line per problem.

Each line names the file, the dotted field path, the offending value and the
allowed range (read from the field's own declaration), and for unknown keys
the closest valid keys.
"""

from __future__ import annotations

import difflib
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

#: Longest bad value quoted in a message, characters (a 100 kB value is not echoed).
MAX_QUOTED_CHARS = 200


#: Parameters that were removed, with what replaces them (shown instead of close matches).
REMOVED = {
    ("demand", "spending_recycling_share"): (
        "removed in issue 20: the demand closure replaces it (closure.consumer_mpc, "
        "closure.profit_respending_rate, closure.policy_offset_share, with "
        "demand.price_pass_through); closure.policy_offset_share = 1 is the old share 1"
    ),
    ("labor", "base_openings_rate"): (
        "removed in issue 20: every occupation starts at its own steady state of the base "
        "flows, so the openings rate comes out (sim/mechanisms/steady_state.py)"
    ),
    ("labor", "base_unemployment_rate"): (
        "removed in issue 20: every occupation starts at its own steady state of the base "
        "flows, so the unemployment rate comes out (sim/mechanisms/steady_state.py)"
    ),
}


def format_validation_error(error: ValidationError, root: type[BaseModel], origin: str) -> str:
    """Format every problem in ``error`` as ``origin: field 'a.b': ...`` lines."""
    return "\n".join(_format_one(item, root, origin) for item in error.errors())


def _format_one(item: Any, root: type[BaseModel], origin: str) -> str:
    loc = tuple(str(part) for part in item["loc"])
    dotted = ".".join(loc) if loc else "(top level)"
    removed = REMOVED.get((loc[-2], loc[-1])) if len(loc) >= 2 else None
    if item["type"] == "extra_forbidden" and removed is not None:
        return f"{origin}: unknown key '{dotted}': {removed}"
    if item["type"] == "extra_forbidden":
        return f"{origin}: unknown key '{dotted}'{_suggestion(root, loc)}"
    value = item.get("input")
    allowed = _allowed_range(root, loc)
    message = item["msg"].removeprefix("Value error, ")
    shown = "" if isinstance(value, dict) else f" = {quoted(value)}"
    suffix = f"; allowed: {allowed}" if allowed else ""
    return f"{origin}: field '{dotted}'{shown}: {message}{suffix}"


def quoted(value: object, limit: int = MAX_QUOTED_CHARS) -> str:
    """``repr(value)``, cut to ``limit`` characters with the full length said."""
    text = repr(value)
    if len(text) <= limit:
        return text
    return f"{text[:limit]}... ({len(text):,} characters)"


def _suggestion(root: type[BaseModel], loc: tuple[str, ...]) -> str:
    model = _model_at(root, loc[:-1])
    if model is None:
        return ""
    matches = difflib.get_close_matches(loc[-1], list(model.model_fields), n=3, cutoff=0.5)
    if matches:
        return " (did you mean " + " or ".join(f"'{m}'" for m in matches) + "?)"
    return f" (valid keys: {', '.join(model.model_fields)})"


def _model_at(root: type[BaseModel], path: tuple[str, ...]) -> type[BaseModel] | None:
    model: type[BaseModel] = root
    for key in path:
        field = model.model_fields.get(key)
        if field is None or not _is_model(field.annotation):
            return None
        model = field.annotation  # type: ignore[assignment]
    return model


def _field_at(root: type[BaseModel], loc: tuple[str, ...]) -> FieldInfo | None:
    model = _model_at(root, loc[:-1]) if len(loc) > 1 else root
    if model is None:
        # A dict-valued field: the constraint belongs to the dict's value type.
        parent = _field_at(root, loc[:-1]) if len(loc) > 1 else None
        return parent
    return model.model_fields.get(loc[-1]) if loc else None


def _allowed_range(root: type[BaseModel], loc: tuple[str, ...]) -> str:
    field = _field_at(root, loc)
    if field is None:
        return ""
    bounds = field_bounds(field)
    unit = (
        (field.json_schema_extra or {}).get("unit")
        if isinstance(field.json_schema_extra, dict)
        else None
    )
    text = bounds
    if unit and bounds:
        text = f"{bounds} {unit}"
    return text


def field_bounds(field: FieldInfo) -> str:
    """Allowed range of a field as text, e.g. ``[0, 1]``, or its enum choices."""
    lower = upper = None
    lower_open = upper_open = False
    for item in [*field.metadata, *dict_value_metadata(field.annotation)]:
        for name in ("ge", "gt", "le", "lt"):
            value = getattr(item, name, None)
            if value is None:
                continue
            if name in ("ge", "gt"):
                lower, lower_open = value, name == "gt"
            else:
                upper, upper_open = value, name == "lt"
    if lower is None and upper is None:
        choices = getattr(field.annotation, "__members__", None)
        return " | ".join(m.value for m in choices.values()) if choices else ""
    left = "(" if lower_open else "["
    right = ")" if upper_open else "]"
    return f"{left}{_num(lower, '-inf')}, {_num(upper, 'inf')}{right}"


def dict_value_metadata(annotation: Any) -> list[Any]:
    """Constraints declared on the value type of a ``dict[K, Annotated[V, ...]]`` field."""
    if typing.get_origin(annotation) is not dict:
        return []
    value_type = typing.get_args(annotation)[1]
    constraints: list[Any] = []
    for item in typing.get_args(value_type)[1:]:
        constraints.extend(getattr(item, "metadata", [item]))
    return constraints


def _num(value: Any, missing: str) -> str:
    return missing if value is None else f"{value:g}"


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)
