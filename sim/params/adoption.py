"""Adoption block: Bass diffusion behind feasibility, regulation, speed-ups on adopted tasks."""

from __future__ import annotations

from typing import Any

from pydantic import field_serializer, field_validator, model_validator

from sim.params._base import MajorGroupCode, OccupationCode, ParamBlock, Slowdown
from sim.params._field import Distribution, Plausible, Role, param
from sim.params.defaults import DEFAULT_REGULATORY_SLOWDOWN_BY_MAJOR_GROUP
from sim.params.overrides import merge_over_defaults, with_removals


class AdoptionParams(ParamBlock):
    """Bass diffusion of AI use behind exposure; speed-ups on assisted and autonomous tasks."""

    initial_adopter_share: float = param(
        0.059,
        unit="share",
        ge=0.0,
        le=1.0,
        description=(
            "Share of each occupation's work already organised around AI in the base year "
            "(f_0); the adopted task share starts at f_0 times exposure."
        ),
        source=(
            "Calibration (sim/model/calibration.py, calibrate_initial_adopter_share): the "
            "base-year adopted task share, weighted by employment (f_0 x 0.507), equals 3% "
            "of work hours, the centre of Bick, Blandin & Deming's 1-5% of US work hours "
            "assisted by generative AI in late 2024 (NBER w32966, revised Feb 2025)."
        ),
        role=Role.UNCERTAINTY,
        plausible=Plausible(
            0.020,
            0.098,
            source=(
                "f_0 that gives 1% and 5% of work hours at the base-year exposure (0.507): "
                "the ends of Bick, Blandin & Deming's range."
            ),
        ),
    )
    bass_innovation_per_year: float = param(
        0.03,
        unit="1/year",
        ge=0.0,
        le=10.0,
        description="Bass innovation coefficient p at full feasibility.",
        source="Sultan, Farley & Lehmann (1990) meta-analysis mean p = 0.03.",
        role=Role.UNCERTAINTY,
        plausible=Plausible(
            0.01,
            0.05,
            source=("Assumption: a factor ~3 either side of the Sultan et al. mean p."),
        ),
    )
    bass_imitation_per_year: float = param(
        0.38,
        unit="1/year",
        ge=0.0,
        le=20.0,
        description="Bass imitation coefficient q at full feasibility.",
        source="Sultan, Farley & Lehmann (1990) meta-analysis mean q = 0.38.",
        role=Role.UNCERTAINTY,
        plausible=Plausible(
            0.2,
            0.6,
            source=("Assumption: about half to 1.6 times the Sultan et al. mean q."),
        ),
    )
    value_speedup: float = param(
        1.0,
        unit="dimensionless",
        ge=0.0,
        le=1.9,
        description=(
            "Diffusion speed multiplier is 1 + value_speedup x (economic_value - 0.5): "
            "higher stakes, stronger incentive to adopt."
        ),
        source="Assumption (seed: value at stake drives adoption).",
    )
    regulatory_slowdown_by_major_group: dict[MajorGroupCode, Slowdown] = param(
        DEFAULT_REGULATORY_SLOWDOWN_BY_MAJOR_GROUP,
        unit="divisor >= 1",
        description=(
            "Diffusion speed is divided by this factor (licensing, liability, sign-off). "
            "Keys you give override the defaults; unlisted groups use 1; the value "
            '"unset" removes a default. Keys must be major groups present in the data.'
        ),
        source="Assumption; see sim/default_elasticities.py for the per-group notes.",
        role=Role.LEVER,
    )
    regulatory_slowdown_by_occupation: dict[OccupationCode, Slowdown] = param(
        {},
        unit="divisor >= 1",
        description=(
            "Per-occupation override of the regulatory slowdown; codes must exist in the "
            'occupation data; "unset" removes an inherited entry.'
        ),
        source="Scenario choice.",
        role=Role.LEVER,
    )
    assisted_speedup: float = param(
        1.7,
        unit="x",
        ge=1.0,
        le=1000.0,
        description=(
            "Speed-up of a worker on an assisted task (AI output checked and used by the "
            "worker), at any capability."
        ),
        source=(
            "Field experiments: Noy & Zhang (2023, Science) writing 40% less time (1.67x); "
            "Peng et al. (2023) coding 55.8% faster (2.26x); Dell'Acqua et al. (2023) 25% "
            "faster (1.33x); Brynjolfsson, Li & Raymond (2025, QJE) +14% output per hour "
            "over all of an agent's work (+34% for novices)."
        ),
        role=Role.UNCERTAINTY,
        plausible=Plausible(
            1.25,
            2.3,
            source="Spans the task-level experiments: 1.33x (Dell'Acqua) to 2.26x (Peng).",
        ),
    )
    autonomous_speedup: float = param(
        20.0,
        unit="x",
        ge=1.0,
        le=1e6,
        description=(
            "Speed-up of a worker on an autonomous task: the AI does it, the worker keeps "
            "1/autonomous_speedup of its time for oversight."
        ),
        source=(
            "Assumption: a worker still reviews and integrates AI output, at least 5% of "
            "the task's original time."
        ),
        role=Role.UNCERTAINTY,
        plausible=Plausible(
            5.0,
            100.0,
            source=("Assumption: review and integration take 1-20% of the original task time."),
            distribution=Distribution.LOG_UNIFORM,
        ),
    )

    @field_validator("regulatory_slowdown_by_major_group", mode="before")
    @classmethod
    def _merge_group_defaults(cls, value: Any) -> Any:
        return merge_over_defaults(value, DEFAULT_REGULATORY_SLOWDOWN_BY_MAJOR_GROUP)

    @field_validator("regulatory_slowdown_by_occupation", mode="before")
    @classmethod
    def _drop_unset(cls, value: Any) -> Any:
        return merge_over_defaults(value, {})

    @field_serializer("regulatory_slowdown_by_major_group")
    def _dump_groups(self, value: dict[str, float]) -> dict[str, Any]:
        return with_removals(value, DEFAULT_REGULATORY_SLOWDOWN_BY_MAJOR_GROUP)

    @model_validator(mode="after")
    def _speedup_bounds(self) -> AdoptionParams:
        """`adoption.autonomous_speedup` must be at least `adoption.assisted_speedup`."""
        if self.autonomous_speedup < self.assisted_speedup:
            raise ValueError(
                f"autonomous_speedup ({self.autonomous_speedup}) must be at least "
                f"assisted_speedup ({self.assisted_speedup})"
            )
        return self
