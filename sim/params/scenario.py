"""The composite scenario: every parameter block, plus identity and seed.

A :class:`Scenario` is immutable.  Variants are derived with :func:`derive`,
which applies dotted-path overrides and re-validates, so a derived scenario is
checked exactly like one read from a file.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from sim.errors import ScenarioError
from sim.params.adoption import AdoptionParams
from sim.params.capability import CapabilityParams
from sim.params.closure import ClosureParams
from sim.params.demand import DemandParams
from sim.params.exposure import ExposureParams
from sim.params.labor import LaborParams
from sim.params.messages import format_validation_error
from sim.params.policy import AdoptionRegulationParams, ComputeGovernanceParams, RetrainingParams
from sim.params.reallocation import ReallocationParams
from sim.params.run import OccupationsParams, RunParams
from sim.params.wages import WageParams

SCHEMA_VERSION: Literal[1] = 1


class Scenario(BaseModel):
    """A complete, validated model configuration."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, validate_default=True, ser_json_inf_nan="strings"
    )

    schema_version: Literal[1] = Field(SCHEMA_VERSION, description="Scenario file format version.")
    name: str = Field(
        "unnamed",
        pattern=r"^[A-Za-z0-9_-][A-Za-z0-9_.-]*$",
        max_length=100,
        description=(
            "Short identifier (file stem); names the results directory, so letters, digits, "
            "'_', '-' and '.' only, not starting with '.', at most 100 characters."
        ),
    )
    description: str = Field("", description="What the scenario represents and why.")
    seed: int = Field(
        20251128, ge=0, lt=2**63, description="Root seed of all random streams of a run."
    )
    run: RunParams = Field(default_factory=RunParams)
    occupations: OccupationsParams = Field(default_factory=OccupationsParams)
    capability: CapabilityParams = Field(default_factory=CapabilityParams)
    exposure: ExposureParams = Field(default_factory=ExposureParams)
    adoption: AdoptionParams = Field(default_factory=AdoptionParams)
    demand: DemandParams = Field(default_factory=DemandParams)
    closure: ClosureParams = Field(default_factory=ClosureParams)
    labor: LaborParams = Field(default_factory=LaborParams)
    reallocation: ReallocationParams = Field(default_factory=ReallocationParams)
    wages: WageParams = Field(default_factory=WageParams)
    retraining: RetrainingParams = Field(default_factory=RetrainingParams)
    adoption_regulation: AdoptionRegulationParams = Field(default_factory=AdoptionRegulationParams)
    compute_governance: ComputeGovernanceParams = Field(default_factory=ComputeGovernanceParams)

    @model_validator(mode="after")
    def _outflows_fit_in_one_step(self) -> Scenario:
        """`labor.max_layoff_rate_per_year` / `run.steps_per_year` must be at most 0.5
        (no step lays off more than half of employment)."""
        step_years = 1.0 / self.run.steps_per_year
        layoffs = self.labor.max_layoff_rate_per_year * step_years
        if layoffs > 0.5:
            raise ValueError(
                f"labor.max_layoff_rate_per_year ({self.labor.max_layoff_rate_per_year}) "
                f"lays off more than half of employment in one step of {step_years:g} years; "
                "use more steps_per_year"
            )
        return self

    @model_validator(mode="after")
    def _viable_share_above_base(self) -> Scenario:
        """`labor.max_labour_share` must be at least `wages.base_labour_share`."""
        if self.labor.max_labour_share < self.wages.base_labour_share:
            raise ValueError(
                f"labor.max_labour_share ({self.labor.max_labour_share}) is below "
                f"wages.base_labour_share ({self.wages.base_labour_share}): every occupation "
                "would shed workers in the base year; allowed: from the base labour share to 1"
            )
        return self

    @property
    def step_years(self) -> float:
        """Length of one model step in years."""
        return 1.0 / self.run.steps_per_year

    @property
    def n_steps(self) -> int:
        """Number of steps from the base year to the horizon."""
        return (self.run.horizon_year - self.run.base_year) * self.run.steps_per_year

    def to_dict(self) -> dict[str, Any]:
        """Return the scenario as JSON-safe plain data (``inf`` as ``"Infinity"``)."""
        return self.model_dump(mode="json")


def scenario_from_mapping(data: Mapping[str, Any], *, origin: str = "<scenario>") -> Scenario:
    """Validate plain data into a :class:`Scenario`.

    Parameters
    ----------
    data
        Nested mapping, e.g. parsed TOML.
    origin
        File name or label used in error messages.

    Raises
    ------
    ScenarioError
        With one line per problem naming ``origin``, the field, the value and the
        allowed range, and suggestions for misspelt keys.
    """
    try:
        return Scenario.model_validate(dict(data))
    except ValidationError as error:
        raise ScenarioError(format_validation_error(error, Scenario, origin)) from None


def derive(scenario: Scenario, overrides: Mapping[str, Any]) -> Scenario:
    """Return a new scenario with dotted-path overrides applied and re-validated.

    Examples
    --------
    >>> s = derive(Scenario(), {"capability.algorithmic_halving_months": 16})
    >>> s.capability.algorithmic_halving_months
    16.0
    """
    data = scenario.to_dict()
    for dotted, value in overrides.items():
        node = data
        *parents, leaf = dotted.split(".")
        for key in parents:
            node = node.setdefault(key, {})
            if not isinstance(node, dict):
                raise ScenarioError(f"override '{dotted}': '{key}' is not a parameter block")
        node[leaf] = value
    return scenario_from_mapping(data, origin=f"scenario '{scenario.name}' with overrides")
