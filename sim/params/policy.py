"""Policy levers: retraining, adoption regulation and compute governance, each acting on a stage.

All levers are off by default.  Wage insurance or other income support is not
offered: the model's unemployed do not choose among offers by wage, so such a
lever could only rescale search intensity by a number we cannot ground here.
"""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import Field

from sim.params._base import MajorGroupCode, OccupationCode, ParamBlock
from sim.params._field import Plausible, Role, param

DelayYears = Annotated[float, Field(ge=0.0, le=50.0)]


class RetrainingParams(ParamBlock):
    """Retraining opens occupations two steps away on the network to a share of the unemployed."""

    participation_share: float = param(
        0.0,
        unit="share of the unemployed",
        ge=0.0,
        le=1.0,
        description=(
            "Share of searching unemployed in retraining; they apply to the occupation's "
            "two-step (neighbour-of-neighbour) occupations that are not its neighbours."
        ),
        source="Scenario lever (0 = no programme).",
        role=Role.LEVER,
        plausible=Plausible(
            0.0, 0.5, source="Assumption: from no programme to half of the searching unemployed."
        ),
    )
    reach_per_occupation: int = param(
        20,
        unit="occupations",
        ge=1,
        le=200,
        description=(
            "Non-neighbour occupations opened per origin by retraining: the strongest "
            "two-step paths of the network."
        ),
        source="Assumption: about the number of O*NET related occupations listed (20).",
    )
    cost_usd_per_participant_year: float = param(
        10_000.0,
        unit="USD per participant-year",
        ge=0.0,
        le=1e6,
        description="Programme cost per person in retraining per year.",
        source=(
            "Assumption: WIOA individual training accounts are typically capped at "
            "USD 5,000-10,000 per participant."
        ),
    )


class AdoptionRegulationParams(ParamBlock):
    """Extra delay before AI adoption may proceed in chosen occupations (e.g. sign-off rules)."""

    delay_years_by_major_group: dict[MajorGroupCode, DelayYears] = param(
        {},
        unit="years",
        description=(
            "Adoption, feasibility and AI speed-up of these SOC major groups follow the "
            "path they would have had this many years earlier (nothing moves before)."
        ),
        source="Scenario lever.",
        role=Role.LEVER,
    )
    delay_years_by_occupation: dict[OccupationCode, DelayYears] = param(
        {},
        unit="years",
        description="Per-occupation delay; overrides the major-group delay.",
        source="Scenario lever (e.g. radiology sign-off: {'29-1224': 5}).",
        role=Role.LEVER,
    )


class ComputeGovernanceParams(ParamBlock):
    """Caps on the largest training run's spending from a start year (via the capability path)."""

    start_year: float = param(
        2027.0,
        unit="year",
        ge=1950.0,
        le=2200.0,
        description="Year from which the caps apply.",
        source="Scenario lever.",
    )
    spending_cap_usd_billion: float = param(
        math.inf,
        unit="USD billion",
        gt=0.0,
        description="Ceiling on the largest training run's spending (inf = none).",
        source="Scenario lever.",
    )
    max_spending_growth_per_year: float = param(
        math.inf,
        unit="x/year",
        ge=1.0,
        description=(
            "Largest growth factor of that spending per year after the start year (inf = none)."
        ),
        source="Scenario lever.",
    )
