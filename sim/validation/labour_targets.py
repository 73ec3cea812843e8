"""Targets and bands of the labour-market checks, stated before any result (issue 20).

Every figure is a 2015-2019 mean of BLS series (CPS, JOLTS) from
``occupations/labour_market/labour_market_targets.csv`` (formulas there and in
its README), or a published estimate with its source.  The bands are fixed
here, in code, before the model's figures were known; they are never moved
to pass.  :mod:`sim.validation.labour_market` and
:mod:`sim.validation.beveridge` compare the model with them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.params.demand import CycleShape


@dataclass(frozen=True)
class Target:
    """A published figure and the band the model's figure must fall in (shares in [0, 1])."""

    value: float
    low: float
    high: float
    source: str

    def contains(self, figure: float) -> bool:
        """Whether ``figure`` lies in [low, high]."""
        return self.low <= figure <= self.high


#: Unemployment rate of the no-AI world.  Band: the range of US annual rates in the
#: expansions 2015-2019 (3.7-5.3%) and 2022-2025 (3.6-4.2%), rounded.
UNEMPLOYMENT_RATE = Target(
    0.0441, 0.036, 0.050, "BLS CPS, 100 UNEMPLOY/CLF16OV, 2015-2019 mean 4.41%"
)
#: Share of the unemployed out of work 27 weeks or more.  A constant monthly exit hazard
#: of 26% gives about 16% (0.74^6); the band asks for duration dependence or network
#: mismatch to supply most of the rest.
LONG_TERM_SHARE = Target(0.241, 0.18, 0.30, "BLS CPS LNS13025703, 2015-2019 mean 24.1%")
#: JOLTS openings rate, openings / (employment + openings): within 1 point.
OPENINGS_RATE = Target(0.0415, 0.0315, 0.0515, "BLS JOLTS JTSJOR, 2015-2019 mean 4.15%")
#: Monthly U->E transition rate.  Reported, and checked loosely: the search intensity is
#: chosen to give it (docs/model.md), so the band (+-6 points) only guards the calibration.
JOB_FINDING_RATE = Target(
    0.262, 0.20, 0.32, "BLS CPS gross flows, UE/(UE+UU+UN), 2015-2019 mean 26.2%/month"
)
#: Monthly E->U transition rate (an input, reported for completeness).
SEPARATION_RATE = Target(
    0.01061, 0.009, 0.0125, "BLS CPS gross flows, EU/(EE+EU+EN), 2015-2019 mean 1.06%/month"
)
#: Vacancies per unemployed person (reported; follows from the two rates above).
VACANCY_UNEMPLOYMENT_RATIO = Target(0.925, 0.6, 1.3, "JTSJOL/UNEMPLOY, 2015-2019 mean 0.93")
#: Share of workers re-employed after unemployment who change SOC major group.
#: Band 0.30-0.58 (+-14 points): the published 44% (SIPP, in the paper's 'major
#: occupational groups'; the source text said CPS until the fourth session) corrects
#: coding error; uncorrected rates are higher (about 0.5-0.55), and the model's network
#: comes from O*NET relatedness and skill similarity, not from observed moves, so only the order of
#: magnitude is a fair test: about half of moves within a major group, not nearly all or none.
SWITCHING_SHARE = Target(
    0.44,
    0.30,
    0.58,
    "Carrillo-Tudela & Visschers (2023), Econometrica 91(3): about 44% of the re-employed "
    "unemployed change major occupational group (SIPP, corrected for coding error)",
)

#: Elasticity of the monthly U->E rate to V / U over a demand cycle (slope of ln f on
#: ln theta, monthly).  US 2001-2019 gives 0.30 (0.26-0.30 in sub-periods, computed by
#: the check from the committed series); Shimer (2005) 0.28; Petrongolo & Pissarides
#: (2001) survey 0.3-0.5 (0.5-0.7 for unemployment's share).  Band 0.2-0.5, stated before
#: the model's figure was known: the survey's range, widened below to the sub-periods'
#: lowest with room for estimation error.
MATCHING_ELASTICITY = Target(
    0.30,
    0.20,
    0.50,
    "Shimer (2005) 0.28; Petrongolo & Pissarides (2001) 0.3-0.5",
)

#: Years after the base year over which the no-AI world's steady state is averaged
#: (the first year is left out: the initial duration profile settles in it).
STEADY_STATE_FIRST_YEAR_OFFSET = 1
STEADY_STATE_LAST_YEAR_OFFSET = 10
#: Stationarity: the yearly means of the no-AI unemployment rate in that window stay
#: within this many points of their mean (no drift; the BLS trend moves demand a little).
STATIONARY_SPREAD = 0.004


@dataclass(frozen=True)
class BeveridgeBand:
    """Pass conditions of the Beveridge check, stated before the result.

    Attributes
    ----------
    max_correlation : float
        Correlation of unemployment rate and vacancy rate over the cycle must be
        below this (a downward slope).
    min_loop_area : float
        Signed (shoelace) area of the path in (u, v) points^2, counter-clockwise
        positive, must exceed this: a loop, turning counter-clockwise.
    max_distance : float
        Each model point (u, v in percentage points) must lie within this distance
        of some US monthly point of 2001-2019, for at least ``min_near_share`` of them.
    min_near_share : float
        Share of model points that must be near the US points.
    """

    max_correlation: float = -0.5
    min_loop_area: float = 0.0
    max_distance: float = 0.5
    min_near_share: float = 0.9


BEVERIDGE = BeveridgeBand()


@dataclass(frozen=True)
class DemandCycle:
    """A demand cycle for the Beveridge check: the ``demand.cycle_*`` parameters it sets."""

    shape: CycleShape
    amplitude: float
    period_years: float
    fall_share: float = 0.5

    def overrides(self) -> dict[str, object]:
        """The scenario overrides (dotted names) that switch this cycle on."""
        return {
            "demand.cycle_shape": self.shape.value,
            "demand.cycle_amplitude": self.amplitude,
            "demand.cycle_period_years": self.period_years,
            "demand.cycle_fall_share": self.fall_share,
        }

    def formula(self) -> str:
        """The factor on required labour, in words, for the check's description."""
        if self.shape is CycleShape.SINE:
            return f"1 + {self.amplitude:g} sin(2 pi t / {self.period_years:g} years)"
        return (
            f"a pluck: falls from 1 to {1 - 2 * self.amplitude:g} over "
            f"{self.fall_share:.0%} of a {self.period_years:g}-year period, recovers over the rest"
        )


#: The demand cycle the Beveridge check judges (session 4 of issue 20; chosen from the
#: evidence below before it was run).  Why a pluck, not a sine: the no-AI world is
#: calibrated to the 2015-2019 means (u 4.41%, openings 4.15%; the model's steady state
#: is u 4.30%, v over the labour force 4.15%), the top of the 2001-2019 cycle, not its
#: middle (US 2001-2019 means: u 5.98%, v 2.90%; the largest v of the period is 4.66%,
#: 2018-11).  A sine around that state pushes v above anything the US recorded (the sine
#: below reached v 5.2-5.5% at u 3.5-3.7%: every one of its misses).  US cycles are not
#: symmetric around a natural rate: unemployment rises from a floor and falls back, a rise
#: predicts the next fall and not the reverse, and it rises faster than it falls (Dupraz,
#: Nakamura & Steinsson 2025, "A plucking model of business cycles", J. Monetary
#: Economics 152, 103766; NBER WP 26351, 2019).  So required labour falls from the
#: steady state and recovers to it, never above it.  Its numbers, from positions over the
#: labour force (E + V) / LF = 1 - u + v (CPS UNEMPLOY, CLF16OV; JOLTS JTSJOL), which is
#: what the cycle moves:
#:
#: * depth 2a = 6% (a = 0.03, the sine's swing, kept): (E + V) / LF fell 3.7 points from
#:   2000-12 (the first JOLTS month, just after the peak) to 2003-07 and 7.3 points from
#:   2007-03 to 2009-10, mean 5.5; CPS employment fell 1.5% and 5.9%;
#: * fall share 0.3: falls of 31 and 31 months, recoveries of 44 (to 2007-03) and 109 (to
#:   2018-11): 62 of 215 months falling, 0.29 (the unemployment rate: 69 of 233, 0.30);
#: * period 9 years: peaks 75 and 140 months apart, mean 107.5 months (NBER peaks 81
#:   and 146 months apart; Dupraz et al.: 7 years on average over the post-war cycles).
#:
#: The band (:data:`BEVERIDGE`) is the one stated with the sine, unchanged.
BEVERIDGE_CYCLE = DemandCycle(CycleShape.PLUCK, amplitude=0.03, period_years=9.0, fall_share=0.3)
#: The symmetric cycle the check used until session 4, still run and reported beside the
#: pluck (not judged): required labour times 1 + a sin(2 pi t / P), a = 0.03, P = 8 years
#: (NBER cycles since 1945: 6-10 years peak to peak).  It failed: 83% of points near.
SINE_CYCLE = DemandCycle(CycleShape.SINE, amplitude=0.03, period_years=8.0)
#: Cycles run; the first is left out (the start is not on the cycle's path).
CYCLES = 3
US_BEVERIDGE_YEARS = (2001, 2019)
