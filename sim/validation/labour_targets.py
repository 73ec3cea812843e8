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
#: Band 0.30-0.58 (+-14 points): the published 44% corrects CPS coding error; uncorrected
#: CPS rates are higher (about 0.5-0.55), and the model's network comes from O*NET
#: relatedness and skill similarity, not from observed moves, so only the order of
#: magnitude is a fair test: about half of moves within a major group, not nearly all or none.
SWITCHING_SHARE = Target(
    0.44,
    0.30,
    0.58,
    "Carrillo-Tudela & Visschers (2023), Econometrica 91(3): about 44% of the re-employed "
    "unemployed change SOC major group (CPS, corrected for coding error)",
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
#: The demand cycle of the Beveridge check: required labour times 1 + a sin(2 pi t / P).
#: Amplitude 3% of jobs and an 8-year period: the US expansions and recessions of
#: 2001-2019 (NBER: 2001, 2007-09), peak-to-trough employment falls of 2-6%.
CYCLE_AMPLITUDE = 0.03
CYCLE_PERIOD_YEARS = 8.0
#: Cycles run; the first is left out (the start is not on the cycle's path).
CYCLES = 3
US_BEVERIDGE_YEARS = (2001, 2019)
