"""The sweep file as written: its fields, their types and ranges (see :mod:`sim.io.sweep_files`).

Pydantic models, closed to unknown keys and validated with strict types by
:func:`sim.io.sweep_files.load_sweep`; what needs the base scenario or the
parameter declarations (names, bounds, years) is checked there.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sim.conventions import OCCUPATION_CODE_PATTERN
from sim.params._field import Distribution

HORIZON = "horizon"
MAX_RUNS = 10_000_000
#: Longest sweep name: it names the sweep's directory (letters, digits, '_', '-', '.', not
#: starting with '.', the rule of scenario names).
MAX_NAME_CHARS = 100


class Sampler(StrEnum):
    """How uncertainties are sampled; ``samples`` (N) means a different thing for each."""

    #: Full factorial, N evenly spaced levels per uncertainty: N^D points.
    GRID = "grid"
    #: Latin hypercube (SALib ``latin``): N points.
    LATIN_HYPERCUBE = "latin_hypercube"
    #: Saltelli's scheme on a scrambled Sobol' sequence (SALib): N (D + 2) points.
    SOBOL = "sobol"
    #: Morris elementary effects (SALib): N trajectories, N (D + 1) points.
    MORRIS = "morris"


class SeedScheme(StrEnum):
    """Which seed stream each run draws from."""

    #: Replication r of every design point uses stream r (common random numbers).
    COMMON = "common"
    #: Every run its own stream, spawn key (design_id, replication).
    INDEPENDENT = "independent"


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FactorSpec(_Closed):
    """How one parameter varies; empty means its declared plausible range."""

    low: float | None = None
    high: float | None = None
    distribution: Distribution | None = None
    values: list[float] | None = Field(None, min_length=1, max_length=1000)
    levels: int | None = Field(None, ge=2, le=1000)


Year = int | Literal["horizon"]
DEFAULT_YEARS: tuple[Year, ...] = (2035, "horizon")


class OutcomeSpec(_Closed):
    """Which outcomes each run is reduced to (see :mod:`sim.experiments.sweep_outcomes`)."""

    years: list[Year] = Field(default_factory=lambda: list(DEFAULT_YEARS), min_length=1)
    by_major_group: bool = False
    occupations: list[Annotated[str, Field(pattern=f"^({OCCUPATION_CODE_PATTERN})$")]] = []
    all_occupations: bool = False
    yearly_totals: bool = False


class DiscoverySpec(_Closed):
    """A case of interest for PRIM: an outcome below or above a threshold."""

    outcome: Literal["employment_vs_no_ai", "displaced_unemployed", "wage_bill_vs_no_ai"]
    year: Year
    scope: str = "total"
    below: float | None = None
    above: float | None = None

    @model_validator(mode="after")
    def _has_a_threshold(self) -> DiscoverySpec:
        if self.below is None and self.above is None:
            raise ValueError("a discovery rule needs 'below' or 'above' (or both, for a band)")
        if self.below is not None and self.above is not None and self.above >= self.below:
            raise ValueError(
                f"'above' ({self.above:g}) must be less than 'below' ({self.below:g}): "
                "no value lies in the band"
            )
        return self

    def described(self, year: int) -> str:
        """The case of interest in words, e.g. ``employment_vs_no_ai 2035 total < -0.05``."""
        parts = [f"> {self.above:g}" if self.above is not None else ""]
        parts.append(f"< {self.below:g}" if self.below is not None else "")
        return f"{self.outcome} {year} {self.scope} " + " and ".join(p for p in parts if p)


class SweepSpec(_Closed):
    """The sweep file as written."""

    schema_version: Literal[1] = 1
    name: str = Field(
        "unnamed", pattern=r"^[A-Za-z0-9_-][A-Za-z0-9_.-]*$", max_length=MAX_NAME_CHARS
    )
    description: str = ""
    base: str = Field(min_length=1)
    sampler: Sampler
    samples: int = Field(ge=1, le=1_000_000)
    replications: int = Field(1, ge=1, le=10_000)
    seed: int | None = Field(None, ge=0, lt=2**63)
    seeds: SeedScheme = SeedScheme.COMMON
    uncertainties: dict[str, FactorSpec] = {}
    levers: dict[str, FactorSpec] = {}
    outcomes: OutcomeSpec = Field(default_factory=OutcomeSpec)
    discovery: list[DiscoverySpec] = []
