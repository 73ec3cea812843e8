"""Typed, validated parameter blocks: one block per stage of the model.

Every number in the model that is not data is declared here exactly once, with
its unit, default, valid range and a source or stated assumption.  The same
declaration drives scenario validation, ``laborsim params`` and
``docs/parameters.md``.  Blocks are frozen pydantic models that reject unknown
keys; the composite :class:`~sim.scenario.Scenario` assembles them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from sim._param_field import param
from sim.default_elasticities import (
    DEFAULT_ELASTICITY_BY_MAJOR_GROUP,
    DEFAULT_ELASTICITY_BY_OCCUPATION,
    DEFAULT_REGULATORY_SLOWDOWN_BY_MAJOR_GROUP,
)
from sim.occupation_schema import TASK_TYPE_WEIGHT

MajorGroupCode = Annotated[str, Field(pattern=r"^\d{2}$")]
OccupationCode = Annotated[str, Field(pattern=r"^(\d{2}-\d{4}|[A-Z]{4}-\d{4})$")]
Elasticity = Annotated[float, Field(ge=0.0, le=10.0)]
Slowdown = Annotated[float, Field(ge=1.0, le=100.0)]
Headcount = Annotated[float, Field(ge=0.0, le=1e9)]


class _Block(BaseModel):
    """Base for all parameter blocks: frozen, unknown keys rejected."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)


class ExposureSource(StrEnum):
    """Which occupation-level index sets task difficulty."""

    CRITERIA = "criteria"
    ELOUNDOU = "eloundou"
    FREY_OSBORNE = "frey_osborne"


class EloundouRater(StrEnum):
    """Whose task labels to use when ``exposure.source = "eloundou"``."""

    GPT4 = "gpt4"
    HUMAN = "human"


class RunParams(_Block):
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

    @model_validator(mode="after")
    def _horizon_after_base(self) -> RunParams:
        if self.horizon_year <= self.base_year:
            raise ValueError(
                f"horizon_year ({self.horizon_year}) must be later than base_year "
                f"({self.base_year})"
            )
        return self


class OccupationsParams(_Block):
    """Which occupation table to load and scenario-level overrides of its rows."""

    path: str = param(
        "",
        unit="path",
        description=(
            "Directory holding occupations.csv, tasks.csv.gz, transitions.csv.gz; "
            "relative paths are resolved against the scenario file. Empty = the "
            "project's bundled occupations/ directory."
        ),
        source="Occupation data set built by occupations/build.py.",
    )
    employment_overrides: dict[OccupationCode, Headcount] = param(
        {},
        unit="persons",
        description="Replace the base-year employment of the listed occupations.",
        source="Scenario choice, e.g. the assumption-based entrepreneurs row.",
    )


class CapabilityParams(_Block):
    """Effective compute = hardware x spending x algorithms, relative to a reference year."""

    reference_year: float = param(
        2025.0,
        unit="year",
        ge=1990,
        le=2100,
        description=(
            "Year at which log10 effective compute is 0; task thresholds are measured "
            "in orders of magnitude (OOM) above this frontier."
        ),
        source="Assumption: the frontier of 2025, the year of the default data.",
    )
    hardware_doubling_years: float = param(
        2.5,
        unit="years",
        ge=0.3,
        le=50.0,
        description="Doubling time of hardware price-performance (FLOP/s per dollar).",
        source="Hobbhahn & Besiroglu (2022), Trends in GPU price-performance, Epoch AI: ~2.5 y.",
    )
    spending_reference_usd_billion: float = param(
        0.25,
        unit="USD billion",
        ge=0.001,
        le=10_000.0,
        description="Cost of the largest training run in the reference year.",
        source=(
            "Cottier et al. (2024), The rising costs of training frontier AI models, "
            "arXiv:2405.21015: ~USD 40M for GPT-4 (2023) grown at 2.4x/y to 2025."
        ),
    )
    spending_growth_per_year: float = param(
        2.4,
        unit="x per year",
        ge=1.0,
        le=20.0,
        description="Growth factor of the largest-run spending while far below the ceiling.",
        source="Cottier et al. (2024): amortised cost grew 2.4x/y since 2016.",
    )
    spending_ceiling_usd_billion: float = param(
        30.0,
        unit="USD billion",
        ge=0.001,
        le=100_000.0,
        description=(
            "Ceiling of the spending S-curve (logistic): spending bends toward it and "
            "never exceeds it."
        ),
        source="Seed: budgets saturate at the cost of a new chip fab, USD 20-40B.",
    )
    algorithmic_halving_months: float = param(
        8.0,
        unit="months",
        ge=1.0,
        le=600.0,
        description="Months for the compute needed for a fixed capability to halve.",
        source="Ho et al. (2024), Algorithmic progress in language models: 8 months (95% CI 5-14).",
    )

    @model_validator(mode="after")
    def _ceiling_above_reference(self) -> CapabilityParams:
        if self.spending_ceiling_usd_billion <= self.spending_reference_usd_billion:
            raise ValueError(
                "spending_ceiling_usd_billion "
                f"({self.spending_ceiling_usd_billion}) must exceed "
                f"spending_reference_usd_billion ({self.spending_reference_usd_billion})"
            )
        return self


class ExposureParams(_Block):
    """Task feasibility thresholds in effective compute, from the criteria or a published index."""

    source: ExposureSource = param(
        ExposureSource.CRITERIA,
        unit="choice",
        description=(
            "criteria = the data set's three criteria and two barriers; eloundou = "
            "Eloundou et al. task labels; frey_osborne = Frey-Osborne probability."
        ),
        source="Issue 3.",
    )
    eloundou_rater: EloundouRater = param(
        EloundouRater.GPT4,
        unit="choice",
        description="Task labels used when source = eloundou: gpt4 or human annotators.",
        source="Eloundou et al. (2024), Science 384(6702).",
    )
    threshold_ready_log10: float = param(
        -6.0,
        unit="OOM vs reference",
        ge=-60.0,
        le=60.0,
        description=(
            "Feasibility threshold (log10 effective compute) of a task with full readiness "
            "and no barrier."
        ),
        source=(
            "Calibration (docs/model.md): with the default spans, the employment-weighted "
            "mean criteria exposure in 2025 matches Eloundou et al.'s GPT-4 beta (0.35)."
        ),
    )
    readiness_span_oom: float = param(
        20.0,
        unit="OOM per unit readiness",
        ge=0.0,
        le=100.0,
        description=(
            "How much later (OOM of effective compute) a task becomes feasible per unit of "
            "missing readiness (1 - readiness)."
        ),
        source=(
            "Assumption: the least and most ready barrier-free work are about 20 OOM apart, "
            "two decades of baseline growth."
        ),
    )
    barrier_span_oom: float = param(
        40.0,
        unit="OOM per unit barrier",
        ge=0.0,
        le=100.0,
        description=(
            "How much later a task becomes feasible per unit of physical or interpersonal "
            "barrier (robotics, presence, care)."
        ),
        source=(
            "Assumption (seed: physical, hands-on and caring work is far from automatable): "
            "a fully physical or caring task at full readiness stays infeasible through the "
            "2055 horizon of the baseline (threshold_ready + span = 22.4 > 19.2 OOM)."
        ),
    )
    threshold_noise_sd_log10: float = param(
        1.0,
        unit="OOM",
        ge=0.0,
        le=10.0,
        description="Standard deviation of the task-level random threshold shift.",
        source="Assumption: task heterogeneity not captured by the data (one OOM).",
    )
    weight_task_definedness: float = param(
        1.0,
        unit="weight",
        ge=0.0,
        le=10.0,
        description="Weight of task definedness in an occupation's readiness.",
        source="Assumption: the three seed criteria weigh equally.",
    )
    weight_data_availability: float = param(
        1.0,
        unit="weight",
        ge=0.0,
        le=10.0,
        description="Weight of data availability in an occupation's readiness.",
        source="Assumption: the three seed criteria weigh equally.",
    )
    weight_economic_value: float = param(
        1.0,
        unit="weight",
        ge=0.0,
        le=10.0,
        description="Weight of economic value in an occupation's readiness.",
        source="Assumption: the three seed criteria weigh equally.",
    )
    occupation_barrier_threshold: float = param(
        0.9,
        unit="percentile rank",
        ge=0.0,
        lt=1.0,
        description=(
            "Occupations whose physical or interpersonal barrier rank exceeds this carry a "
            "job-wide barrier floor under every task, rising linearly from 0 here to 1 at "
            "the top rank (work bound to presence, such as nursing or childcare)."
        ),
        source=(
            "Assumption: O*NET's physical-proximity work context is not available, so the "
            "top decile of the barrier ranks stands in for work that must be done in person."
        ),
    )
    supplemental_task_weight: float = param(
        TASK_TYPE_WEIGHT["supplemental"],
        unit="weight",
        ge=0.0,
        le=1.0,
        description="Time weight of a supplemental task relative to a core task (1).",
        source=(
            "Assumption: O*NET task ratings are not available; core tasks take more time. "
            "Same weight as the data build uses (sim.occupation_schema.TASK_TYPE_WEIGHT)."
        ),
    )

    @model_validator(mode="after")
    def _positive_readiness_weights(self) -> ExposureParams:
        weights = (
            self.weight_task_definedness,
            self.weight_data_availability,
            self.weight_economic_value,
        )
        if sum(weights) <= 0:
            raise ValueError("at least one readiness weight must be positive")
        return self


class AdoptionParams(_Block):
    """Bass diffusion of AI use behind feasibility, and the AI speed-up on adopted tasks."""

    initial_adopter_share: float = param(
        0.1,
        unit="share",
        ge=0.0,
        le=1.0,
        description="Share of each occupation's work already using AI in the base year.",
        source=(
            "Calibration: gives 1-4% of work hours AI-assisted in 2025, as Bick, Blandin & "
            "Deming (2024) estimate 0.5-3.5%."
        ),
    )
    bass_innovation_per_year: float = param(
        0.03,
        unit="1/year",
        ge=0.0,
        le=10.0,
        description="Bass innovation coefficient p at full feasibility.",
        source="Sultan, Farley & Lehmann (1990) meta-analysis mean p = 0.03.",
    )
    bass_imitation_per_year: float = param(
        0.38,
        unit="1/year",
        ge=0.0,
        le=20.0,
        description="Bass imitation coefficient q at full feasibility.",
        source="Sultan, Farley & Lehmann (1990) meta-analysis mean q = 0.38.",
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
            "Keys you give override the defaults; unlisted groups use 1."
        ),
        source="Assumption; see sim/default_elasticities.py for the per-group notes.",
    )
    regulatory_slowdown_by_occupation: dict[OccupationCode, Slowdown] = param(
        {},
        unit="divisor >= 1",
        description="Per-occupation override of the regulatory slowdown.",
        source="Scenario choice.",
    )
    ai_speedup_reference: float = param(
        2.0,
        unit="x",
        ge=1.0,
        le=1000.0,
        description="Speed-up of AI on an adopted task at the reference year's capability.",
        source=(
            "Peng et al. (2023) coding 55.8% faster (2.3x); Noy & Zhang (2023) writing "
            "40% less time (1.7x)."
        ),
    )
    ai_speedup_per_oom: float = param(
        0.15,
        unit="log10 speed-up per OOM",
        ge=0.0,
        le=2.0,
        description="Growth of log10 speed-up per order of magnitude of effective compute.",
        source="Assumption: each 10x of effective compute makes AI ~1.4x faster on its tasks.",
    )
    ai_speedup_max: float = param(
        20.0,
        unit="x",
        ge=1.0,
        le=1e6,
        description="Upper bound of the AI speed-up on an adopted task.",
        source=(
            "Assumption: a worker still reviews and integrates AI output, at least 5% of "
            "the task's original time."
        ),
    )

    @field_validator("regulatory_slowdown_by_major_group", mode="before")
    @classmethod
    def _merge_group_defaults(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {**DEFAULT_REGULATORY_SLOWDOWN_BY_MAJOR_GROUP, **value}
        return value

    @model_validator(mode="after")
    def _speedup_bounds(self) -> AdoptionParams:
        if self.ai_speedup_max < self.ai_speedup_reference:
            raise ValueError(
                f"ai_speedup_max ({self.ai_speedup_max}) must be at least "
                f"ai_speedup_reference ({self.ai_speedup_reference})"
            )
        return self


class DemandParams(_Block):
    """Price pass-through, price elasticity with saturation, and the non-AI demand trend."""

    price_pass_through: float = param(
        1.0,
        unit="elasticity",
        ge=0.0,
        le=1.0,
        description="Elasticity of the output price with respect to unit labour cost.",
        source="Assumption: competitive markets pass cost savings through in full.",
    )
    elasticity_by_major_group: dict[MajorGroupCode, Elasticity] = param(
        DEFAULT_ELASTICITY_BY_MAJOR_GROUP,
        unit="-dlnQ/dlnP",
        description=(
            "Price elasticity of demand for each SOC major group's output before saturation. "
            "Keys you give override the defaults."
        ),
        source="Per-group sources in sim/default_elasticities.py.",
    )
    elasticity_by_occupation: dict[OccupationCode, Elasticity] = param(
        DEFAULT_ELASTICITY_BY_OCCUPATION,
        unit="-dlnQ/dlnP",
        description="Per-occupation overrides of the elasticity. Keys you give override defaults.",
        source="Per-occupation sources in sim/default_elasticities.py.",
    )
    elasticity_floor: float = param(
        0.1,
        unit="-dlnQ/dlnP",
        ge=0.0,
        le=10.0,
        description="Elasticity once demand is fully saturated.",
        source="Bessen (2019), Automation and jobs: textile and steel elasticities fell below 0.2.",
    )
    saturation_output_multiple: float = param(
        10.0,
        unit="x no-AI output",
        gt=1.0,
        le=float("inf"),
        description=(
            "Output relative to the no-AI path at which elasticity has fallen halfway to "
            "the floor; inf disables saturation."
        ),
        source=(
            "Assumption: demand for most outputs is half-saturated within an order of "
            "magnitude of extra output (Bessen 2019 shows cloth, steel and cars saturating "
            "after decades of growth)."
        ),
    )
    saturation_steepness: float = param(
        3.0,
        unit="Hill exponent",
        ge=0.5,
        le=10.0,
        description=(
            "How sharply elasticity falls around the saturation multiple: elasticity moves "
            "from its base toward the floor as x^h / (1 + x^h), x = ln(output) / ln(multiple)."
        ),
        source=(
            "Calibration to Bessen (2019): a sigmoid in log output, like the elasticity of "
            "his lognormal demand; h = 3 lets elasticity fall from 2.5 to below 0.2 within "
            "a century of textile-like productivity growth (validation check 4)."
        ),
    )
    spending_recycling_share: float = param(
        0.5,
        unit="share",
        ge=0.0,
        le=1.0,
        description=(
            "Share of the spending freed by cheaper inelastic output that is spent again "
            "on all outputs (income effect); 0 = partial equilibrium, 1 = constant total "
            "nominal spending."
        ),
        source=(
            "Assumption: midpoint between the seed's partial-equilibrium demand (0; "
            "capital gains at labour's expense) and full recycling (1); the scenarios "
            "partial-equilibrium.toml and income-recycling.toml bracket it."
        ),
    )
    baseline_trend_multiplier: float = param(
        1.0,
        unit="x",
        ge=-5.0,
        le=5.0,
        description="Scale of the BLS 2022-32 projected growth used as the non-AI demand trend.",
        source="BLS Employment Projections 2022-32.",
    )
    baseline_trend_end_year: float = param(
        2035.0,
        unit="year",
        ge=1990,
        le=2200,
        description="After this year the non-AI demand trend is flat.",
        source="Assumption: 10-year BLS projections are not extrapolated beyond ~a decade.",
    )

    @field_validator("elasticity_by_major_group", mode="before")
    @classmethod
    def _merge_elasticity_groups(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {**DEFAULT_ELASTICITY_BY_MAJOR_GROUP, **value}
        return value

    @field_validator("elasticity_by_occupation", mode="before")
    @classmethod
    def _merge_elasticity_occupations(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {**DEFAULT_ELASTICITY_BY_OCCUPATION, **value}
        return value


class LaborParams(_Block):
    """Hiring and separation frictions, re-employment and exits."""

    adjustment_speed_per_year: float = param(
        1.0,
        unit="1/year",
        ge=0.0,
        le=52.0,
        description="Rate at which employment closes the gap to required labour.",
        source="Assumption: about 63% of a gap closes within a year.",
    )
    max_hiring_rate_per_year: float = param(
        0.25,
        unit="share of employment per year",
        ge=0.0,
        le=5.0,
        description="Cap on net expansion hires.",
        source="Assumption, below the JOLTS gross hires rate (~45%/y).",
    )
    max_layoff_rate_per_year: float = param(
        0.15,
        unit="share of employment per year",
        ge=0.0,
        le=5.0,
        description="Cap on layoffs beyond attrition.",
        source="JOLTS layoffs and discharges ~1.0-1.2% a month (~13%/y).",
    )
    exit_rate_multiplier: float = param(
        1.0,
        unit="x",
        ge=0.0,
        le=10.0,
        description="Scale of the BLS labour-force exit rate of employed workers (attrition).",
        source="BLS Employment Projections 2022-32 separations table.",
    )
    reemployment_rate_per_year: float = param(
        2.5,
        unit="1/year",
        ge=0.0,
        le=52.0,
        description="Hazard at which unemployed workers fill open positions, if any.",
        source="BLS CPS: mean unemployment duration ~20 weeks (2024), so ~2.5 per year.",
    )
    unemployed_exit_rate_per_year: float = param(
        0.1,
        unit="1/year",
        ge=0.0,
        le=52.0,
        description="Hazard at which displaced unemployed workers leave the labour force.",
        source="Assumption: retirement and discouragement.",
    )
