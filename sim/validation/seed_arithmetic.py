"""Check 7: effective-compute growth under the seed's own figures.

The seed gives hardware price-performance 2x every 2 years (Moore's law),
largest-run spending 2-4x a year and algorithmic efficiency 2x every 9-16
months.  Before spending saturates, the implied growth of log10 effective
compute is, in OOM per year::

    g = log10(2) / 2 + log10(spending factor) + 12 / (halving months) * log10(2)

which spans 0.68 (2x, 16 months) to 1.15 (4x, 9 months).  Once spending reaches
its ceiling, growth falls to hardware plus algorithms.  The check evaluates
:func:`sim.mechanisms.capability.capability_path` on ``scenarios/seed-podcast.toml`` (3x a
year, 16 months, USD 30B ceiling) and on the two corners of the seed's range.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from sim.mechanisms.capability import LOG10_TWO, MONTHS_PER_YEAR, capability_path
from sim.params import CapabilityParams
from sim.params.scenario import Scenario, derive
from sim.validation.inputs import ValidationInputs
from sim.validation.result import CheckResult

FloatArray = NDArray[np.float64]

#: The seed's ranges: spending growth (x per year) and algorithmic halving (months).
SEED_SPENDING_GROWTH = (2.0, 4.0)
SEED_ALGORITHMIC_HALVING_MONTHS = (16.0, 9.0)  # slow, fast
#: The decade whose mean growth stands for "late" growth (spending saturated).
LATE_DECADE = (2050.0, 2060.0)
#: Corners may fall short of the saturation-free arithmetic by at most this much
#: (OOM per year): in 2025 spending is 0.8% of the USD 30B ceiling, which slows the
#: first year's spending growth by log10(1 + (g - 1) S_ref / K) <= 0.011 OOM for
#: g <= 4; twice that allows for the shape of the S-curve.
CORNER_TOLERANCE_OOM = 0.02
#: Late growth must equal hardware + algorithms within this (OOM per year): by the
#: 2050s spending is within 1e-9 of the ceiling at the seed's growth rates.
LATE_TOLERANCE_OOM = 0.01
#: Growth may not rise from one year to the next by more than rounding (OOM/year).
MONOTONE_TOLERANCE_OOM = 1e-12


def implied_growth(params: CapabilityParams) -> float:
    """Saturation-free growth of log10 effective compute (OOM per year)."""
    hardware = LOG10_TWO / params.hardware_doubling_years
    algorithms = MONTHS_PER_YEAR / params.algorithmic_halving_months * LOG10_TWO
    return hardware + float(np.log10(params.spending_growth_per_year)) + algorithms


def annual_growth(params: CapabilityParams, start: float, end: float) -> FloatArray:
    """Growth of log10 effective compute in each year from ``start`` to ``end`` (OOM)."""
    years = np.arange(start, end + 1.0)
    return np.diff(capability_path(years, params).log10_effective_compute)


@dataclass(frozen=True)
class SeedGrowth:
    """Growth of log10 effective compute under the seed's figures (OOM per year).

    Attributes
    ----------
    range_low, range_high : float
        Saturation-free arithmetic at the slow (2x, 16 months) and fast (4x, 9
        months) corners of the seed's ranges.
    first_year : float
        Growth in the first year of the seed scenario's path.
    corner_first_year : tuple of float
        Growth in the first year of the two corner paths.
    late : float
        Mean yearly growth of the seed scenario over :data:`LATE_DECADE`.
    hardware_plus_algorithms : float
        The seed scenario's growth without the spending term.
    yearly : FloatArray
        Yearly growth from the reference year to the end of the late decade.
    """

    range_low: float
    range_high: float
    first_year: float
    corner_first_year: tuple[float, float]
    late: float
    hardware_plus_algorithms: float
    yearly: FloatArray

    def corners_match(self) -> bool:
        """Each corner is at most :data:`CORNER_TOLERANCE_OOM` below its arithmetic."""
        bounds = (self.range_low, self.range_high)
        return all(
            0.0 <= bound - value <= CORNER_TOLERANCE_OOM
            for bound, value in zip(bounds, self.corner_first_year, strict=True)
        )

    def never_rises(self) -> bool:
        """Yearly growth is non-increasing (up to rounding)."""
        return bool(np.all(np.diff(self.yearly) <= MONOTONE_TOLERANCE_OOM))

    def passes(self) -> bool:
        """All conditions of the band."""
        return (
            self.range_low <= self.first_year <= self.range_high
            and self.corners_match()
            and self.late < self.first_year
            and abs(self.late - self.hardware_plus_algorithms) <= LATE_TOLERANCE_OOM
            and self.never_rises()
        )


def seed_growth(seed: Scenario) -> SeedGrowth:
    """Evaluate the seed scenario's capability path and the corners of the seed's ranges."""
    capability = seed.capability
    start = capability.reference_year
    corners = [
        derive(
            seed,
            {
                "capability.spending_growth_per_year": spending,
                "capability.algorithmic_halving_months": months,
            },
        ).capability
        for spending, months in zip(
            SEED_SPENDING_GROWTH, SEED_ALGORITHMIC_HALVING_MONTHS, strict=True
        )
    ]
    low, high = (implied_growth(corner) for corner in corners)
    yearly = annual_growth(capability, start, LATE_DECADE[1])
    corner_first = [float(annual_growth(c, start, start + 1.0)[0]) for c in corners]
    spending = float(np.log10(capability.spending_growth_per_year))
    return SeedGrowth(
        range_low=low,
        range_high=high,
        first_year=float(yearly[0]),
        corner_first_year=(corner_first[0], corner_first[1]),
        late=float(annual_growth(capability, *LATE_DECADE).mean()),
        hardware_plus_algorithms=implied_growth(capability) - spending,
        yearly=yearly,
    )


def seed_arithmetic_check(inputs: ValidationInputs) -> CheckResult:
    """First-year growth inside the seed's range; saturation lowers it to hardware + algorithms."""
    growth = seed_growth(inputs.seed_podcast)
    low, high = growth.corner_first_year
    return CheckResult(
        name="seed_compute_arithmetic",
        description=(
            "Effective-compute growth under the seed's figures (scenarios/seed-podcast.toml "
            "and the corners of the seed's ranges) lands in the range the seed implies, "
            "and spending saturation makes the growth rate fall."
        ),
        published=(
            "seed: 2x/2 y hardware, 2-4x/y spending, 2x per 9-16 months algorithms => "
            f"{growth.range_low:.2f}-{growth.range_high:.2f} OOM/y before saturation"
        ),
        source="Project seed (as stated in the issue); arithmetic in the check's docstring",
        ours=(
            f"first year {growth.first_year:.3f} OOM/y (corners {low:.3f}, {high:.3f}); "
            f"{LATE_DECADE[0]:.0f}s {growth.late:.3f} OOM/y (hardware + algorithms "
            f"{growth.hardware_plus_algorithms:.3f})"
        ),
        band=(
            f"first year in range; corners within {CORNER_TOLERANCE_OOM} below their "
            f"arithmetic; late < first and within {LATE_TOLERANCE_OOM} of hardware + "
            "algorithms; growth never rises"
        ),
        passed=growth.passes(),
        notes=_notes(inputs.seed_podcast.capability, growth),
        metrics={
            "first_year_growth": growth.first_year,
            "late_growth": growth.late,
            "hardware_plus_algorithms": growth.hardware_plus_algorithms,
            "range_low": growth.range_low,
            "range_high": growth.range_high,
            "corner_low_first_year": low,
            "corner_high_first_year": high,
        },
    )


def _notes(capability: CapabilityParams, growth: SeedGrowth) -> str:
    saturation_years = np.log(
        capability.spending_ceiling_usd_billion / capability.spending_reference_usd_billion
    ) / np.log(capability.spending_growth_per_year)
    return (
        "Capability is anchored at 2025 (log10 effective compute 0); growth is the change "
        "of log10 effective compute over one calendar year. Spending follows the logistic "
        f"S-curve toward the ceiling (USD {capability.spending_ceiling_usd_billion:g}B) "
        f"from USD {capability.spending_reference_usd_billion:g}B in 2025, which unchecked "
        f"growth at {capability.spending_growth_per_year:g}x a year would reach in "
        f"{saturation_years:.1f} years; the corners keep the seed scenario's hardware "
        "doubling and ceiling. Yearly growth "
        f"{'never rises' if growth.never_rises() else 'RISES in some year'} from "
        f"{capability.reference_year:.0f} to {LATE_DECADE[1]:.0f}."
    )
