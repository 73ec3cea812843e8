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
