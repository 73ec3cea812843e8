"""Labour block: attrition, hiring and layoff frictions, re-employment, exits from unemployment."""

from __future__ import annotations

from sim.params._base import ParamBlock
from sim.params._field import Plausible, Role, param


class LaborParams(ParamBlock):
    """Hiring and separation frictions, re-employment and exits."""

    adjustment_speed_per_year: float = param(
        1.0,
        unit="1/year",
        ge=0.0,
        le=52.0,
        description="Rate at which employment closes the gap to required labour.",
        source="Assumption: about 63% of a gap closes within a year.",
        role=Role.UNCERTAINTY,
        plausible=Plausible(0.5, 2.0, source="Assumption: half to twice the default speed."),
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
        role=Role.LEVER,
        plausible=Plausible(
            0.05, 0.3, source="Assumption: strict to lax employment protection around JOLTS."
        ),
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
        role=Role.LEVER,
        plausible=Plausible(
            1.5,
            4.0,
            source=(
                "Assumption: mean unemployment duration of 13-35 weeks (CPS range in recent "
                "cycles), a placement and retraining lever."
            ),
        ),
    )
    unemployed_exit_rate_per_year: float = param(
        0.1,
        unit="1/year",
        ge=0.0,
        le=52.0,
        description="Hazard at which displaced unemployed workers leave the labour force.",
        source="Assumption: retirement and discouragement.",
    )
    labour_force_ceiling_multiple: float = param(
        1.66,
        unit="x base-year employment",
        ge=1.0,
        le=10.0,
        description=(
            "Ceiling on total required labour in each world, as a multiple of base-year "
            "total employment: when the occupations together would need more workers than "
            "the working-age population, every occupation's target is scaled down in "
            "proportion (rationing), and hiring stops at the ceiling. Never binds in the "
            "shipped scenarios (largest total target 1.05x base employment); binds with "
            "demand.elasticity_quantile = 1 (targets reach 2.3x by 2055)."
        ),
        source=(
            "BLS CPS: civilian noninstitutional population aged 16+ about 268 million "
            "(2025) vs 161.6 million employed in the default occupation table, so 1.66; "
            "held at the base year (the model has no population growth). Keeps the "
            "ends of the valid ranges (x5 demand trends to 2200, maximum AI speed-up with "
            "elastic unsaturated demand) from demanding 1e18+ workers (issue 13)."
        ),
    )
