"""Validate what a user wrote in a file with strict types: no silent conversions.

Pydantic's default (lax) mode turns ``true`` into 1, ``"4"`` into 4 and
``"1_0"`` into 10.  A value written in a scenario or sweep file must already
have the type of its field: an integer for an integer field, a number for a
number field (an integer is a number), a boolean for a switch, a string for a
name or a choice.  The parsed file is validated in Pydantic's strict JSON mode,
where choices (enums, literals) are still matched by their string value.
Values built in code (:func:`~sim.params.scenario.derive`, sweeps, metadata read
back) keep the lax mode, where a sampled 3.0 is the integer 3.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from sim.errors import ScenarioError
from sim.params.messages import format_validation_error


def validate_strictly[M: BaseModel](model: type[M], data: Mapping[str, Any], origin: str) -> M:
    """Validate parsed file data as ``model`` with strict types.

    Raises
    ------
    ScenarioError
        One line per problem (file, field, value, allowed type or range).
    """
    try:
        text = json.dumps(dict(data), default=_not_json)
    except ValueError as error:  # a date or time where no field takes one
        raise ScenarioError(f"{origin}: {error}") from None
    try:
        return model.model_validate_json(text, strict=True)
    except ValidationError as error:
        raise ScenarioError(format_validation_error(error, model, origin)) from None


def _not_json(value: object) -> Any:
    raise ValueError(
        f"value {str(value)[:60]!r} ({type(value).__name__}) is not allowed; "
        "allowed: numbers, booleans, strings, arrays and tables"
    )
