"""Labour-market checks: the no-AI world's steady state and occupational switching (issue 20).

The baseline runs once; its no-AI world (the same economy with effective
compute frozen at the base year) carries the base flows of the labour market
alone: separations into unemployment, entry from outside the labour force,
vacancies posted and filled or withdrawn, search and matching on the mobility
network.  Its unemployment rate, long-term share, openings rate and monthly
job-finding rate are compared with the 2015-2019 US figures of
:mod:`sim.validation.labour_targets`, and the share of re-employed workers
who change SOC major group with Carrillo-Tudela & Visschers (2023).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.experiments.runner import run
from sim.io.results import RunResult
from sim.validation.inputs import ValidationInputs, percent
from sim.validation.labour_targets import (
    JOB_FINDING_RATE,
    LONG_TERM_SHARE,
    OPENINGS_RATE,
    STATIONARY_SPREAD,
    STEADY_STATE_FIRST_YEAR_OFFSET,
    STEADY_STATE_LAST_YEAR_OFFSET,
    SWITCHING_SHARE,
    UNEMPLOYMENT_RATE,
    VACANCY_UNEMPLOYMENT_RATIO,
    Target,
)
from sim.validation.result import CheckResult

SOC_MAJOR_LENGTH = 2
"""Characters of a SOC code that name its major group ('15-1251' -> '15')."""


def steady_state_window(economy: pd.DataFrame, base_year: float) -> pd.DataFrame:
    """Economy rows of the steady-state window (years after the base year, module targets)."""
    elapsed = economy["year"] - base_year
    inside = (elapsed > STEADY_STATE_FIRST_YEAR_OFFSET - 1e-9) & (
        elapsed <= STEADY_STATE_LAST_YEAR_OFFSET + 1e-9
    )
    return economy.loc[inside]


def no_ai_figures(result: RunResult, base_year: float) -> dict[str, float]:
    """The no-AI world's steady-state figures: rates as shares, monthly where stated."""
    economy = result.economy
    window = steady_state_window(economy, base_year)
    unemployed = window["unemployed_no_ai"]
    previous = economy["unemployed_no_ai"].shift(1).loc[window.index]
    steps_per_month = _steps_per_month(economy)
    finding_per_step = window["reemployed_no_ai"] / previous
    yearly = window.groupby(np.floor(window["year"] - 1e-9))["unemployment_rate_no_ai"].mean()
    return {
        "unemployment_rate": float(window["unemployment_rate_no_ai"].mean()),
        "long_term_share": float((window["long_term_unemployed_no_ai"] / unemployed).mean()),
        "openings_rate": float(window["openings_rate_no_ai"].mean()),
        "job_finding_rate_monthly": float(1.0 - (1.0 - finding_per_step.mean()) ** steps_per_month),
        "vacancies_per_unemployed": float((window["vacancies_no_ai"] / unemployed).mean()),
        "yearly_unemployment_spread": float((yearly - yearly.mean()).abs().max()),
    }


def _steps_per_month(economy: pd.DataFrame) -> float:
    """Steps per month of the run (1 for monthly steps)."""
    step_years = float(economy["year"].iloc[1] - economy["year"].iloc[0])
    return 1.0 / (12.0 * step_years)


def _in(target: Target, figure: float) -> str:
    return f"{percent(figure)} (target {percent(target.value)}, band {_band(target)})"


def _band(target: Target) -> str:
    return f"{percent(target.low)}-{percent(target.high)}"


def steady_state_check(inputs: ValidationInputs) -> CheckResult:
    """The no-AI world: unemployment rate, long-term share and openings rate in their bands."""
    result = run(inputs.baseline, tables=inputs.tables)
    figures = no_ai_figures(result, inputs.baseline.run.base_year)
    checks = {
        "unemployment_rate": UNEMPLOYMENT_RATE.contains(figures["unemployment_rate"]),
        "long_term_share": LONG_TERM_SHARE.contains(figures["long_term_share"]),
        "openings_rate": OPENINGS_RATE.contains(figures["openings_rate"]),
        "job_finding_rate": JOB_FINDING_RATE.contains(figures["job_finding_rate_monthly"]),
        "stationary": figures["yearly_unemployment_spread"] <= STATIONARY_SPREAD,
    }
    failed = [name for name, ok in checks.items() if not ok]
    return CheckResult(
        name="no_ai_steady_state",
        description=(
            "Baseline's no-AI world, years 2-10 after the base year: unemployment rate, "
            "share unemployed 27+ weeks, JOLTS-style openings rate and monthly U->E rate "
            "against their 2015-2019 US means; yearly unemployment stationary."
        ),
        published=(
            f"u {percent(UNEMPLOYMENT_RATE.value)}, 27+ weeks {percent(LONG_TERM_SHARE.value)}, "
            f"openings {percent(OPENINGS_RATE.value, 2)}, U->E "
            f"{percent(JOB_FINDING_RATE.value)}/month, V/U {VACANCY_UNEMPLOYMENT_RATIO.value:.2f}"
        ),
        source=f"{UNEMPLOYMENT_RATE.source}; {LONG_TERM_SHARE.source}; {OPENINGS_RATE.source}; "
        f"{JOB_FINDING_RATE.source}",
        ours=(
            f"u {percent(figures['unemployment_rate'], 2)}, 27+ weeks "
            f"{percent(figures['long_term_share'])}, openings "
            f"{percent(figures['openings_rate'], 2)}, U->E "
            f"{percent(figures['job_finding_rate_monthly'])}/month, V/U "
            f"{figures['vacancies_per_unemployed']:.2f}"
        ),
        band=(
            f"u {_band(UNEMPLOYMENT_RATE)}; 27+ weeks {_band(LONG_TERM_SHARE)}; openings "
            f"{_band(OPENINGS_RATE)}; U->E {_band(JOB_FINDING_RATE)}; yearly u within "
            f"{100 * STATIONARY_SPREAD:.1f} points of its mean"
        ),
        passed=not failed,
        notes=(
            "What is fitted and what comes out: the separation rate (E->U) and entry into "
            "unemployment are CPS inputs; the search intensity and the entrants' vacancy-"
            "filling rate are chosen so that U->E and the openings rate come near their "
            "targets (docs/model.md); the unemployment rate, the long-term share, V/U and the "
            "switching share come out. "
            + (f"Outside the band: {', '.join(failed)}." if failed else "")
        ),
        metrics=figures,
    )


def switching_share(transitions: pd.DataFrame, column: str, years: tuple[float, float]) -> float:
    """Share of re-employment flows (``column``) into another SOC major group, in ``years``."""
    inside = transitions["year"].between(*years)
    flows = transitions.loc[inside]
    origin = flows["from_code"].str[:SOC_MAJOR_LENGTH]
    destination = flows["to_code"].str[:SOC_MAJOR_LENGTH]
    total = float(flows[column].sum())
    return float(flows.loc[origin != destination, column].sum() / total) if total > 0 else 0.0


def switching_check(inputs: ValidationInputs) -> CheckResult:
    """Share of the re-employed unemployed who change SOC major group, no-AI world."""
    result = run(inputs.baseline, tables=inputs.tables)
    base = inputs.baseline.run.base_year
    years = (base + STEADY_STATE_FIRST_YEAR_OFFSET, base + STEADY_STATE_LAST_YEAR_OFFSET)
    no_ai = switching_share(result.transitions, "workers_no_ai", years)
    with_ai = switching_share(result.transitions, "workers", years)
    return CheckResult(
        name="occupational_switching",
        description=(
            "Share of workers re-employed after unemployment whose new occupation is in "
            "another SOC major group (no-AI world, years 2-10 after the base year)."
        ),
        published=f"about {percent(SWITCHING_SHARE.value, 0)}",
        source=SWITCHING_SHARE.source,
        ours=f"{percent(no_ai)} (AI world {percent(with_ai)})",
        band=_band(SWITCHING_SHARE),
        passed=SWITCHING_SHARE.contains(no_ai),
        notes=(
            "Moves follow the mobility network: a searcher applies to their last "
            "occupation with weight reallocation.self_loop_share and along O*NET-related "
            "and skill-similar occupations with the rest, in proportion to vacancies; the "
            "band's width is explained in sim/validation/labour_targets.py."
        ),
        metrics={"switching_share_no_ai": no_ai, "switching_share_ai": with_ai},
    )
