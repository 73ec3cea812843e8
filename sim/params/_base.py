"""What every parameter block shares: the frozen, closed base model and override-table key types."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from sim.conventions import MAJOR_GROUP_PATTERN, OCCUPATION_CODE_PATTERN

#: Key of a per-major-group table: two digits ("29").
MajorGroupCode = Annotated[str, Field(pattern=f"^{MAJOR_GROUP_PATTERN}$")]
#: Key of a per-occupation table: an occupation code ("29-1224", "ENTR-0001").
OccupationCode = Annotated[str, Field(pattern=f"^({OCCUPATION_CODE_PATTERN})$")]
Elasticity = Annotated[float, Field(ge=0.0, le=10.0)]
Slowdown = Annotated[float, Field(ge=1.0, le=100.0)]
Headcount = Annotated[float, Field(ge=0.0, le=1e9)]


class ParamBlock(BaseModel):
    """Base for all parameter blocks: frozen, unknown keys rejected."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)
