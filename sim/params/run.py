"""Run control (simulated period, time step) and the occupation table a run loads."""

from __future__ import annotations

from typing import Any

from pydantic import field_validator, model_validator

from sim.params._base import Headcount, OccupationCode, ParamBlock
from sim.params._field import param
from sim.params.overrides import merge_over_defaults


class RunParams(ParamBlock):
    """Run control: simulated period and time step."""

    base_year: int = param(
        2025,
        unit="year",
        ge=1990,
        le=2100,
        description="First simulated year; employment starts from the occupation table.",
        source="OEWS May 2025 is the default occupation table, so 2025.",
    )
    horizon_year: int = param(
        2055,
        unit="year",
        ge=1991,
        le=2200,
        description="Last simulated year (inclusive).",
        source="Issue 3: 30-year horizon.",
    )
    steps_per_year: int = param(
        12,
        unit="steps/year",
        ge=1,
        le=52,
        description="Model steps per simulated year (12 = monthly).",
        source="Assumption: monthly resolves adoption and hiring dynamics.",
    )
    record_transitions: bool = param(
        True,
        unit="flag",
        description=(
            "Record occupation-to-occupation re-employment flows by year (transitions.parquet); "
            "sweeps that do not need them can turn this off to save time and memory."
        ),
        source="Run control.",
    )

    @model_validator(mode="after")
    def _horizon_after_base(self) -> RunParams:
        """`run.horizon_year` must be later than `run.base_year`."""
        if self.horizon_year <= self.base_year:
            raise ValueError(
                f"horizon_year ({self.horizon_year}) must be later than base_year "
                f"({self.base_year})"
            )
        return self


class OccupationsParams(ParamBlock):
    """Which occupation table to load and scenario-level overrides of its rows."""

    path: str = param(
        "",
        unit="path",
        description=(
            "Directory holding occupations.csv, tasks.csv.gz, transitions.csv.gz, skills.csv.gz; "
            "relative paths are resolved against the scenario file. Empty = the "
            "project's bundled occupations/ directory."
        ),
        source="Occupation data set built by occupations/build.py.",
    )
    employment_overrides: dict[OccupationCode, Headcount] = param(
        {},
        unit="persons",
        description=(
            "Replace the base-year employment of the listed occupations (codes must exist "
            'in the occupation data; "unset" removes an inherited entry).'
        ),
        source="Scenario choice, e.g. the assumption-based entrepreneurs row.",
    )

    @field_validator("employment_overrides", mode="before")
    @classmethod
    def _drop_unset(cls, value: Any) -> Any:
        return merge_over_defaults(value, {})
