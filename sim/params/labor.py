"""Labour block: base churn, vacancies, search, hiring and layoff frictions, exits."""

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
    max_labour_share: float = param(
        1.0,
        unit="share",
        gt=0.0,
        le=1.0,
        description=(
            "Labour share of an occupation's output value beyond which employers are not held "
            "by the limits on layoffs and on the fall of positions: they shed workers and "
            "positions down to the employment at which wages take this share (wages bargain "
            "over output per worker, so fewer workers lower the share)."
        ),
        source=(
            "Assumption: a wage bill above the value of output is an operating loss that "
            "employers do not carry; the layoff limit (JOLTS) describes ordinary "
            "contractions, not an occupation whose output value no longer pays its workers. "
            "Must be at least wages.base_labour_share."
        ),
        plausible=Plausible(
            0.8,
            1.0,
            source=(
                "Assumption: from losses tolerated only briefly (1.0) to shedding before "
                "gross operating surplus falls below a fifth of output value (0.8)."
            ),
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
        14.37,
        unit="1/year",
        ge=0.0,
        le=52.0,
        description=(
            "Search intensity: hazard at which an unemployed worker (at full search "
            "effectiveness) applies for a vacancy; the job-finding rate follows from it, the "
            "vacancies on the network and urn-ball matching."
        ),
        source=(
            "Calibrated with entrant_fill_rate_per_month so that the no-AI world's monthly "
            "U->E rate and openings rate match the CPS and JOLTS 2015-2019 means (26.2%, "
            "4.15%) over its first ten years (scripts/calibrate_labour_market.py), given "
            "hiring_capacity_per_month, separation_response and entry_vacancy_elasticity; "
            "14.37/year is 70% of the (effective) unemployed applying in a month."
        ),
        role=Role.LEVER,
        plausible=Plausible(
            8.5,
            21.0,
            source=(
                "Assumption: placement services and job-search assistance move search "
                "intensity by tens of percent either way (0.6x-1.5x)."
            ),
        ),
    )
    unemployed_exit_rate_per_year: float = param(
        0.1,
        unit="1/year",
        ge=0.0,
        le=52.0,
        description="Hazard at which unemployed workers leave the labour force.",
        source=(
            "Assumption: retirement and discouragement. CPS gross U->N flows (24%/month) are "
            "mostly short spells and misclassification that BLS durations treat as "
            "continuing unemployment; the model keeps their net effect through "
            "unemployment_entry_rate_per_month."
        ),
    )
    separation_rate_per_month: float = param(
        0.01061,
        unit="share of employment per month",
        ge=0.0,
        le=0.2,
        description=(
            "Base separations into unemployment (quits and layoffs of the ordinary churn), "
            "in both worlds; demand-driven layoffs come on top."
        ),
        source="BLS CPS gross flows: E->U / (EE + EU + EN), 2015-2019 mean 1.061%/month.",
        role=Role.UNCERTAINTY,
        plausible=Plausible(
            0.0092,
            0.0115,
            source="BLS CPS gross flows: 2022-23 mean 0.96%, 2015 mean about 1.15%.",
        ),
    )
    separation_response: float = param(
        1.08,
        unit="share of employment per share of positions",
        ge=0.0,
        le=5.0,
        description=(
            "Cyclical separations: extra separations into unemployment, as a share of "
            "employment, per unit by which an occupation's positions grow more slowly in a "
            "step than on its starting growth path (fewer when they grow faster). A fall in "
            "positions is then carried partly by layoffs, not only by withdrawn vacancies; "
            "the extra layoffs count against max_layoff_rate_per_year."
        ),
        source=(
            "BLS CPS 2001-2019: the monthly E->U rate (EU / (EE + EU + EN)) regressed on the "
            "monthly growth of CPS employment (CLF16OV - UNEMPLOY) averaged over 6 months: "
            "slope -1.08 (r = -0.63; labour_market/, docs/model.md 5)."
        ),
        role=Role.UNCERTAINTY,
        plausible=Plausible(
            0.72,
            1.37,
            source=(
                "The same regression on JOLTS net growth (hires - separations rates, "
                "monthly: 0.72; JOLTS layoffs and discharges give 0.72 too) and on 12-month "
                "CPS employment growth (1.37); noise in monthly growth biases the slope down."
            ),
        ),
    )
    unemployment_entry_rate_per_month: float = param(
        0.00147,
        unit="share of employment per month",
        ge=0.0,
        le=0.1,
        description=(
            "Entry into unemployment from outside the labour force (new entrants and "
            "re-entrants who search before finding work), spread over occupations in "
            "proportion to employment."
        ),
        source=(
            "BLS CPS gross flows 2015-2019: net N->U (NU - UN) 0.108% of employment a month, "
            "plus the model's own U->N exits at unemployed_exit_rate_per_year at 4.4% "
            "unemployment (0.039%)."
        ),
    )
    entrant_fill_rate_per_month: float = param(
        0.0615,
        unit="share of open vacancies per month",
        ge=0.0,
        le=1.0,
        description=(
            "Share of the vacancies left open after matching with the unemployed that are "
            "filled from outside the labour force each month; the rest stay open."
        ),
        source=(
            "Calibrated with reemployment_rate_per_year (see there); the model has no "
            "job-to-job moves, so its vacancies are filled more slowly than JOLTS hires "
            "(1.15 months of hires) suggest."
        ),
    )
    entry_vacancy_elasticity: float = param(
        0.31,
        unit="elasticity (d ln N->E hires / d ln open vacancies)",
        ge=0.0,
        le=1.0,
        description=(
            "Elasticity of hires from outside the labour force to the open vacancies: "
            "entrants fill the share min(eta (V / V_ref)^(epsilon - 1), 1) of every "
            "occupation's vacancies left open after matching, V those of all occupations and "
            "V_ref the same on the non-AI trend path without the demand cycle, where the share "
            "is eta (entrant_fill_rate_per_month). 1 is a fixed share (entry proportional to "
            "vacancies); below 1 the outside pool is stable, so outsiders fill more of scarce "
            "vacancies and fewer of plentiful ones."
        ),
        source=(
            "US 2001-2019 monthly, least squares of ln(CPS N->E flow, LNS17200000) on "
            "ln(JOLTS openings, JTSJOL): slope 0.31 (s.e. 0.01, 228 months; "
            "sim.validation.entry_elasticity reproduces it from the committed series)."
        ),
        role=Role.UNCERTAINTY,
        plausible=Plausible(
            0.11,
            0.34,
            source=(
                "The same regression by sub-period (2001-2007: 0.23; 2008-2019: 0.32; "
                "2010-2019: 0.34) and with N->E as a share of employment "
                "(CLF16OV - UNEMPLOY), which takes out the common trend of population and "
                "openings (2001-2019: 0.18; 2001-2007: 0.11; 2008-2019: 0.20)."
            ),
        ),
    )
    hiring_capacity_per_month: float = param(
        0.55,
        unit="share of open vacancies per month",
        gt=0.0,
        le=1.0,
        description=(
            "Share of open vacancies that can complete a hire within a month when they have "
            "an applicant (screening, interviews and offers take time): a vacancy with "
            "applicants from the unemployed hires one of them with this probability a month, "
            "so urn-ball matching fills psi v (1 - exp(-a / v)). Below 1 it makes job finding "
            "respond to vacancies as the matching-function literature finds."
        ),
        source=(
            "Time to fill a vacancy: about 25-30 working days in 2015-2019 (DHI-DFH mean "
            "vacancy duration, after Davis, Faberman & Haltiwanger 2013, QJE 128(2)), "
            "36-42 calendar days in employer surveys (SHRM): 1 - exp(-30.4 / 38) = 0.55 a "
            "month with applicants present (0.52-0.57 over that range). With it (and the "
            "search intensity re-fitted) the no-AI world's elasticity of U->E to V/U over a "
            "demand cycle is 0.41, inside the 0.3-0.5 of Petrongolo & Pissarides (2001, JEL "
            "39(2)); at 1 (every vacancy with an applicant hires within the month) it is "
            "about 0.16."
        ),
        role=Role.UNCERTAINTY,
        plausible=Plausible(
            0.45,
            0.65,
            source=(
                "Time-to-fill evidence above (0.52-0.57), widened; 0.45 is about the lowest "
                "at which the search intensity can still be fitted (U->E then needs 94% of "
                "the unemployed to apply each month)."
            ),
        ),
    )
    long_term_search_effectiveness: float = param(
        0.5,
        unit="x search effectiveness at duration 0",
        gt=0.0,
        le=1.0,
        description=(
            "Search effectiveness of the long-term unemployed relative to the newly "
            "unemployed; it falls linearly with duration until the long-term threshold."
        ),
        source=(
            "Kroft, Lange & Notowidigdo (2013, QJE 128(3)): call-back rates fall by about "
            "45% over the first 8 months; Krueger, Cramer & Cho (2014, BPEA Spring): the "
            "long-term unemployed find jobs at about a third to half the rate of the "
            "short-term unemployed. The upper end of that range is taken because the "
            "network adds its own heterogeneity (occupations with few vacancies per "
            "searcher keep their unemployed longer); at 0.35 the no-AI world's 27+ week "
            "share is about 40%."
        ),
        role=Role.UNCERTAINTY,
        plausible=Plausible(
            0.2,
            0.6,
            source="Assumption around the two studies' ratios (about 1/3 to 1/2).",
        ),
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
