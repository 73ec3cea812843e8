"""Capability block: effective compute = hardware x spending x algorithms."""

from __future__ import annotations

from pydantic import model_validator

from sim.params._base import ParamBlock
from sim.params._field import Distribution, Plausible, Role, param


class CapabilityParams(ParamBlock):
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
        role=Role.UNCERTAINTY,
        plausible=Plausible(
            2.0,
            3.5,
            source=(
                "Assumption: around Hobbhahn & Besiroglu's 2.5 y; slower end for a "
                "slowing Moore's law, faster end the seed's 2 y."
            ),
        ),
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
        role=Role.UNCERTAINTY,
        plausible=Plausible(
            2.0,
            2.9,
            source=("Cottier et al. (2024): 2.4x/y, 95% CI 2.0-2.9x."),
        ),
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
        role=Role.UNCERTAINTY,
        plausible=Plausible(
            20.0,
            40.0,
            source=("Seed: budgets saturate at the cost of a new chip fab, USD 20-40B."),
            distribution=Distribution.LOG_UNIFORM,
        ),
    )
    algorithmic_halving_months: float = param(
        8.0,
        unit="months",
        ge=1.0,
        le=600.0,
        description="Months for the compute needed for a fixed capability to halve.",
        source="Ho et al. (2024), Algorithmic progress in language models: 8 months (95% CI 5-14).",
        role=Role.UNCERTAINTY,
        plausible=Plausible(
            5.0,
            14.0,
            source=("Ho et al. (2024): 95% CI 5-14 months."),
            distribution=Distribution.LOG_UNIFORM,
        ),
    )

    horizon_reference_minutes: float = param(
        45.0,
        unit="minutes of expert time",
        ge=0.01,
        le=1e7,
        description=(
            "Cognitive capability at the reference year's frontier: the METR 50% time "
            "horizon, the length (in human-expert minutes) of software and reasoning tasks "
            "the best model completes half the time."
        ),
        source=(
            "METR time horizons (Kwa et al. 2025, arXiv:2503.14499; benchmark_results_1_0/"
            "1_1.yaml): o1 (Dec 2024) 39-41 min, Claude 3.7 Sonnet (Feb 2025) 56-60 min; "
            "log-linear between them at 2025.0 gives ~45 min."
        ),
        role=Role.UNCERTAINTY,
        plausible=Plausible(
            25.0,
            80.0,
            source=(
                "METR 95% intervals of the frontier models around 2025.0 (o1 18-83 min, "
                "Claude 3.7 Sonnet 29-107 min), narrowed to the two suites' point spread."
            ),
            distribution=Distribution.LOG_UNIFORM,
        ),
    )
    horizon_doublings_per_oom: float = param(
        2.0,
        unit="doublings per OOM",
        ge=0.0,
        le=10.0,
        description=(
            "Doublings of the 50% time horizon per order of magnitude of effective compute "
            "(the exchange rate from compute to capability)."
        ),
        source=(
            "capability_anchors README: ~2 horizon doublings per OOM of training FLOP across "
            "12 METR models with Epoch compute; METR horizons double every 4-7 months while "
            "effective compute grows ~1 OOM a year."
        ),
        role=Role.UNCERTAINTY,
        plausible=Plausible(
            1.5,
            2.5,
            source="capability_anchors README: 1.5-2.5 doublings per OOM of effective compute.",
        ),
    )
    physical_lag_doublings: float = param(
        6.0,
        unit="doublings",
        ge=0.0,
        le=60.0,
        description=(
            "How many horizon doublings the physical and in-person capability track is "
            "behind the cognitive one at the reference year."
        ),
        source=(
            "METR cross-domain horizons: best simulated robot-manipulation horizon (RLBench) "
            "1.76 min in 2025 vs ~60-100 min for software, about 6 doublings; visual "
            "computer-use horizons 40-100x shorter (5.3-6.6 doublings)."
        ),
        role=Role.UNCERTAINTY,
        plausible=Plausible(
            4.0,
            10.0,
            source=(
                "Assumption around the 6-doubling RLBench gap: self-driving horizons (67-93 "
                "min in 2024-25) are nearer; real-world manipulation and care work lag "
                "simulation."
            ),
        ),
    )
    physical_growth_ratio: float = param(
        0.35,
        unit="physical doublings per cognitive doubling",
        ge=0.0,
        le=1.0,
        description=(
            "Growth of the physical and in-person track relative to the cognitive one: its "
            "horizon doubles this many times per doubling of the cognitive horizon."
        ),
        source=(
            "METR cross-domain horizons: self-driving (Tesla FSD) horizons double every "
            "14-18 months against 4-7 months for software; 5.5 / 16 ~ 0.35."
        ),
        role=Role.UNCERTAINTY,
        plausible=Plausible(
            0.22,
            0.5,
            source="4/18 to 7/14 months (software vs self-driving doubling times).",
        ),
    )

    @model_validator(mode="after")
    def _ceiling_above_reference(self) -> CapabilityParams:
        """`capability.spending_ceiling_usd_billion` must exceed
        `capability.spending_reference_usd_billion`."""
        if self.spending_ceiling_usd_billion <= self.spending_reference_usd_billion:
            raise ValueError(
                "spending_ceiling_usd_billion "
                f"({self.spending_ceiling_usd_billion}) must exceed "
                f"spending_reference_usd_billion ({self.spending_reference_usd_billion})"
            )
        return self
