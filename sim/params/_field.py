"""One declaration per parameter: default, unit, range, description and source.

:func:`param` wraps :func:`pydantic.Field` so that the unit and the source travel
with the range checks into the JSON schema, where ``laborsim params`` and
``docs/parameters.md`` read them.  There is no second copy of any default.
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic import Field
from pydantic.config import JsonDict


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

    Returns
    -------
    pydantic.fields.FieldInfo
        The field declaration.
    """
    extra: JsonDict = {"unit": unit, "source": source}
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
