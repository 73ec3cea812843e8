"""Demand block: elasticities, saturation, price pass-through, the non-AI trend."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import field_serializer, field_validator, model_validator

from sim.params._base import Elasticity, MajorGroupCode, OccupationCode, ParamBlock
from sim.params._field import Distribution, Plausible, Role, param
from sim.params.defaults import (
    DEFAULT_ELASTICITY_BY_MAJOR_GROUP,
    DEFAULT_ELASTICITY_BY_OCCUPATION,
)
from sim.params.overrides import merge_over_defaults, with_removals


class ElasticitySource(StrEnum):
    """Where each occupation's base price elasticity of demand comes from."""

    ESTIMATED = "estimated"
    MAJOR_GROUP = "major_group"


class CycleShape(StrEnum):
    """Shape of the demand cycle (sim/mechanisms/demand_cycle.py)."""

    PLUCK = "pluck"
    SINE = "sine"


#: The pluck's largest amplitude: required labour keeps at least half its trend (1 - 2a).
MAX_PLUCK_AMPLITUDE = 0.25
#: Quantile that selects the central elasticity of the estimated data set.
CENTRAL_QUANTILE = 0.5


class DemandParams(ParamBlock):
    """Price pass-through, price elasticity with saturation, and the non-AI demand trend."""

    price_pass_through: float = param(
        0.9,
        unit="elasticity",
        ge=0.0,
        le=1.0,
        description=(
            "Pass-through rho: elasticity of the output price with respect to unit labour "
            "cost; the rest of a cost saving raises profits (closure block)."
        ),
        source=(
            "Between the short-run firm-level estimate, about 0.7 for US manufacturing cost "
            "shocks (Ganapati, Shapiro & Walker 2020, AEJ: Applied 12(2)), and the long-run "
            "industry evidence that relative prices fall about one for one with relative "
            "productivity growth (Nordhaus 2008, BE J. Macroeconomics 8(1), US industries "
            "1948-2001); AI's cost cuts accrue over decades, so nearer the long run, and "
            "cuts may pass through less than increases, so below 1."
        ),
        role=Role.UNCERTAINTY,
        plausible=Plausible(
            0.4,
            1.0,
            source=(
                "Genakos & Pagliero (2022, J. Political Economy 130(4)): about 0.4 under "
                "monopoly to full pass-through with four or more competitors."
            ),
        ),
    )
    elasticity_source: ElasticitySource = param(
        ElasticitySource.ESTIMATED,
        unit="choice",
        description=(
            "estimated = per-occupation central, low and high elasticities of the data set "
            "(occupations/elasticities.csv, from 60 years of industry prices and output), "
            "moved by elasticity_quantile; major_group = elasticity_by_major_group with "
            "elasticity_by_occupation overrides (one value per SOC major group)."
        ),
        source="Issue 8; method and table in docs/elasticity.md.",
    )
    elasticity_quantile: float = param(
        CENTRAL_QUANTILE,
        unit="quantile",
        ge=0.0,
        le=1.0,
        description=(
            "With elasticity_source = estimated: 0 = every occupation's low value, 0.5 = "
            "central, 1 = high; piecewise linear in log elasticity in between."
        ),
        source=(
            "docs/elasticity.md: low and high are the 5th and 95th percentiles of a "
            "block bootstrap over 5-year windows."
        ),
        role=Role.UNCERTAINTY,
        plausible=Plausible(
            0.0,
            1.0,
            source=(
                "The whole range: from every occupation's 5th to its 95th bootstrap "
                "percentile (docs/elasticity.md)."
            ),
        ),
    )
    elasticity_by_major_group: dict[MajorGroupCode, Elasticity] = param(
        DEFAULT_ELASTICITY_BY_MAJOR_GROUP,
        unit="-dlnQ/dlnP",
        description=(
            "Price elasticity of demand for each SOC major group's output before saturation. "
            "Keys you give override the defaults; every group in the data needs a value. "
            "Keys must be major groups present in the occupation data."
        ),
        source="Per-group sources in sim/default_elasticities.py.",
    )
    elasticity_by_occupation: dict[OccupationCode, Elasticity] = param(
        DEFAULT_ELASTICITY_BY_OCCUPATION,
        unit="-dlnQ/dlnP",
        description=(
            "Per-occupation overrides of the elasticity. Keys you give override defaults; "
            'the value "unset" removes a default, so the occupation takes its group\'s value. '
            "Codes must exist in the occupation data."
        ),
        source="Per-occupation sources in sim/default_elasticities.py.",
    )
    elasticity_floor: float = param(
        0.1,
        unit="-dlnQ/dlnP",
        ge=0.0,
        le=10.0,
        description="Elasticity once demand is fully saturated.",
        source="Bessen (2019), Automation and jobs: textile and steel elasticities fell below 0.2.",
        role=Role.UNCERTAINTY,
        plausible=Plausible(
            0.05,
            0.3,
            source=("Assumption around Bessen's (2019) late-industry values below 0.2."),
        ),
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
        role=Role.UNCERTAINTY,
        plausible=Plausible(
            3.0,
            30.0,
            source=("Assumption: half-saturation within half to 1.5 OOM of extra output."),
            distribution=Distribution.LOG_UNIFORM,
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
    baseline_trend_multiplier: float = param(
        1.0,
        unit="x",
        ge=-5.0,
        le=5.0,
        description="Scale of the BLS 2022-32 projected growth used as the non-AI demand trend.",
        source="BLS Employment Projections 2022-32.",
        role=Role.UNCERTAINTY,
        plausible=Plausible(
            0.5,
            1.5,
            source=("Assumption: BLS projections miss by up to half their size."),
        ),
    )
    baseline_trend_end_year: float = param(
        2035.0,
        unit="year",
        ge=1990,
        le=2200,
        description="After this year the non-AI demand trend is flat.",
        source="Assumption: 10-year BLS projections are not extrapolated beyond ~a decade.",
    )

    cycle_shape: CycleShape = param(
        CycleShape.PLUCK,
        unit="choice",
        description=(
            "Shape of the business cycle in demand (used only when cycle_amplitude > 0): "
            "pluck = required labour falls from its trend by up to 2a and recovers back to it, "
            "never above it; sine = 1 + a sin(2 pi (t - base year) / cycle_period_years), "
            "booms above the trend as large as the slumps below (sim/mechanisms/demand_cycle.py)."
        ),
        source=(
            "Pluck: Dupraz, Nakamura & Steinsson (2025), 'A plucking model of business "
            "cycles', J. Monetary Economics 152, 103766 (NBER WP 26351, 2019): US unemployment "
            "rises from a floor in recessions and falls back by as much; a rise predicts the "
            "next fall, not the reverse; it rises much faster than it falls. Sine: the "
            "symmetric textbook cycle, kept for comparison."
        ),
    )
    cycle_amplitude: float = param(
        0.0,
        unit="share of required labour",
        ge=0.0,
        le=0.5,
        description=(
            "Amplitude a of a business cycle in demand, half its peak-to-trough swing: "
            "required labour in both worlds is multiplied by a factor that moves over 2a "
            "(cycle_shape). 0 = no cycle."
        ),
        source=(
            "Validation device (the Beveridge check, sim/validation/beveridge.py); 0 in "
            "every shipped scenario. The check's 0.03 (a 6% swing): positions over the labour "
            "force ((E + V) / LF, CPS and JOLTS) fell 3.7 points in 2000-12 to 2003-07 and 7.3 "
            "in 2007-03 to 2009-10 (sim/validation/labour_targets.py)."
        ),
        plausible=Plausible(
            0.0,
            0.04,
            source=("0 = no cycle, up to a swing 2a of 7.3% (the 2007-09 fall of (E + V) / LF)."),
        ),
    )
    cycle_period_years: float = param(
        9.0,
        unit="years",
        gt=0.0,
        le=100.0,
        description=(
            "Period of the demand cycle, peak to peak (used only when cycle_amplitude > 0)."
        ),
        source=(
            "The two US cycles of 2001-2019: (E + V) / LF peaked 2000-12, 2007-03 and 2018-11 "
            "(75 and 140 months apart, mean 9.0 years); NBER peaks 2001-03, 2007-12, 2020-02 "
            "(81 and 146 months)."
        ),
        plausible=Plausible(
            7.0,
            12.0,
            source=(
                "Dupraz, Nakamura & Steinsson (2025): US business cycles last 7 years on "
                "average; the 2007-2020 cycle about 12 years."
            ),
        ),
    )
    cycle_fall_share: float = param(
        0.3,
        unit="share of the period",
        gt=0.0,
        lt=1.0,
        description=(
            "With cycle_shape = pluck: share of the period over which required labour falls "
            "from its trend to the trough; it recovers over the rest."
        ),
        source=(
            "US 2001-2019, (E + V) / LF (CPS UNEMPLOY, CLF16OV; JOLTS JTSJOL): falls of 31 "
            "and 31 months, recoveries of 44 and 109, so 62 of 215 months falling (0.29); "
            "the unemployment rate rose 38 and 31 months and fell 45 and 119 (0.30)."
        ),
        plausible=Plausible(
            0.22,
            0.41,
            source="The two cycles apart: 31 / 140 months (2007-2018) and 31 / 75 (2000-2007).",
        ),
    )

    @model_validator(mode="after")
    def _pluck_keeps_half_the_trend(self) -> DemandParams:
        """A pluck (`demand.cycle_shape = "pluck"`) falls to 1 - 2a of the trend, so
        `demand.cycle_amplitude` must be at most 0.25 with it."""
        if self.cycle_shape == CycleShape.PLUCK and self.cycle_amplitude > MAX_PLUCK_AMPLITUDE:
            raise ValueError(
                f"demand.cycle_amplitude = {self.cycle_amplitude}: with cycle_shape = 'pluck' "
                "required labour falls to 1 - 2a of its trend, so a must be in "
                f"[0, {MAX_PLUCK_AMPLITUDE}] (at least half the trend at the trough, as the "
                "sine's least at a = 0.5)"
            )
        return self

    @model_validator(mode="after")
    def _elasticity_options_match_source(self) -> DemandParams:
        """`demand.elasticity_quantile` other than 0.5 needs `elasticity_source = "estimated"`;
        `demand.elasticity_by_major_group` and `elasticity_by_occupation` other than their
        defaults need `elasticity_source = "major_group"`."""
        estimated = self.elasticity_source == ElasticitySource.ESTIMATED
        if not estimated and self.elasticity_quantile != CENTRAL_QUANTILE:
            raise ValueError(
                f"elasticity_quantile = {self.elasticity_quantile} moves only estimated "
                "elasticities; set elasticity_source = 'estimated' or leave the quantile at 0.5"
            )
        if estimated and (
            self.elasticity_by_major_group != DEFAULT_ELASTICITY_BY_MAJOR_GROUP
            or self.elasticity_by_occupation != DEFAULT_ELASTICITY_BY_OCCUPATION
        ):
            raise ValueError(
                "elasticity_by_major_group and elasticity_by_occupation apply only with "
                "elasticity_source = 'major_group'; with 'estimated' the values come from "
                "occupations/elasticities.csv"
            )
        return self

    @field_validator("elasticity_by_major_group", mode="before")
    @classmethod
    def _merge_elasticity_groups(cls, value: Any) -> Any:
        return merge_over_defaults(value, DEFAULT_ELASTICITY_BY_MAJOR_GROUP)

    @field_validator("elasticity_by_occupation", mode="before")
    @classmethod
    def _merge_elasticity_occupations(cls, value: Any) -> Any:
        return merge_over_defaults(value, DEFAULT_ELASTICITY_BY_OCCUPATION)

    @field_serializer("elasticity_by_major_group")
    def _dump_groups(self, value: dict[str, float]) -> dict[str, Any]:
        return with_removals(value, DEFAULT_ELASTICITY_BY_MAJOR_GROUP)

    @field_serializer("elasticity_by_occupation")
    def _dump_occupations(self, value: dict[str, float]) -> dict[str, Any]:
        return with_removals(value, DEFAULT_ELASTICITY_BY_OCCUPATION)
