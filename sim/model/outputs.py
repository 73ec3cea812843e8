"""Every recorded output declared once: name, unit and meaning, and how it is computed.

Each output table is a :class:`~typing.NamedTuple` whose fields are its columns,
each annotated with a :class:`Series` (unit, description).  The recorder's
storage, the result frames' columns and dtypes, ``results/README.md`` and the
docs are all built from these declarations, and each row is constructed by
keyword, so a new output is one annotated field plus one keyword in the row
function, never a column list kept in step with another by hand.

- :class:`CapabilityRow`: the capability path, one row per step (from
  :class:`~sim.mechanisms.capability.CapabilityPath`, field names identical);
- :class:`EconomyRow`: economy-wide totals and flows, one row per step;
- :class:`OccupationRow`: per-occupation state, one row per simulated year and
  occupation; flows are summed over the year that ends at the row.

The network, wage and policy columns of ``economy.parquet`` and the
``transitions.parquet`` table are declared in :mod:`sim.model.outputs_network`.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from typing import Annotated, NamedTuple

import numpy as np
from numpy.typing import NDArray

from sim.conventions import AI_WORLD, NO_AI_WORLD
from sim.mechanisms.labor import LaborFlows
from sim.model.run_arrays import ExogenousPaths, History

FloatArray = NDArray[np.float64]

#: US dollars in a billion: money outputs are reported in USD billion.
USD_PER_BILLION = 1e9
#: Employment total below which weighted means are taken as 0 (persons).
_NO_WEIGHT = 1e-300


@dataclass(frozen=True)
class Series:
    """Unit and meaning of one recorded column."""

    unit: str
    description: str


PERSONS = "persons"
PER_STEP = "persons/step"
PER_YEAR = "persons/year"
SHARE = "share, [0, 1]"
#: Differences AI minus no-AI world (issue 20's excess outputs).
SHARE_DIFFERENCE = "share difference, [-1, 1]"
PERSONS_DIFFERENCE = "persons (difference)"

#: Identifier columns of each frame, before the declared outputs.
#: First columns of both frames of a run (added by sim.experiments.runner).
RUN_ID_COLUMNS = {
    "run_id": Series("id", 'Run identifier, "<scenario>/<replication>" (unique in a batch).'),
    "scenario": Series("name", "Scenario name."),
    "replication": Series("index", "Replication index r (seed stream spawn key (r,))."),
}
ECONOMY_ID_COLUMNS = {
    "step": Series("step", "Step index from the base year (0 = base year)."),
    "year": Series("year", "Simulated time at the end of the step (decimal year)."),
}
OCCUPATION_ID_COLUMNS = {
    "year": Series("year", "Simulated year (rows at each year boundary)."),
    "occupation_code": Series("code", "SOC 2018 code, or an assumption-based row (ENTR-0001)."),
    "title": Series("text", "Occupation title."),
}


class CapabilityRow(NamedTuple):
    """Capability path columns of ``economy.parquet``."""

    log10_effective_compute: Annotated[
        FloatArray,
        Series("log10 (x vs reference year)", "Effective compute, OOM above the reference."),
    ]
    log10_hardware: Annotated[
        FloatArray, Series("log10 (x vs reference year)", "Hardware price-performance factor.")
    ]
    log10_spending: Annotated[
        FloatArray, Series("log10 (x vs reference year)", "Largest-training-run spending factor.")
    ]
    log10_algorithms: Annotated[
        FloatArray, Series("log10 (x vs reference year)", "Algorithmic efficiency factor.")
    ]
    spending_usd_billion: Annotated[
        FloatArray, Series("USD billion", "Spending on the largest training run.")
    ]


class EconomyRow(NamedTuple):
    """Economy-wide outcomes of one step (AI world unless the name ends in ``_no_ai``)."""

    employment_total: Annotated[FloatArray, Series(PERSONS, "Employed persons, all occupations.")]
    employment_total_no_ai: Annotated[FloatArray, Series(PERSONS, "The same without AI progress.")]
    unemployed: Annotated[FloatArray, Series(PERSONS, "Unemployed (base churn included).")]
    unemployed_no_ai: Annotated[FloatArray, Series(PERSONS, "The same without AI progress.")]
    exits_cumulative: Annotated[
        FloatArray, Series(PERSONS, "Left the labour force since the base year (employed or not).")
    ]
    entrants_cumulative: Annotated[
        FloatArray,
        Series(PERSONS, "Entered the labour force since the base year (into a job or a search)."),
    ]
    mean_exposure: Annotated[
        FloatArray, Series(SHARE, "Employment-weighted mean exposure (assisted level).")
    ]
    mean_exposure_autonomous: Annotated[
        FloatArray, Series(SHARE, "Employment-weighted mean exposure at the autonomous level.")
    ]
    mean_adoption: Annotated[FloatArray, Series(SHARE, "Employment-weighted adopted task share.")]
    mean_productivity_multiplier: Annotated[
        FloatArray, Series("x", "Employment-weighted output per worker vs no AI.")
    ]
    wage_bill_usd_billion: Annotated[
        FloatArray, Series("USD billion/year", "Employment x base-year mean wage.")
    ]
    wage_bill_no_ai_usd_billion: Annotated[
        FloatArray, Series("USD billion/year", "The same without AI progress.")
    ]
    hires: Annotated[FloatArray, Series(PER_STEP, "Hires, all occupations.")]
    hires_no_ai: Annotated[FloatArray, Series(PER_STEP, "The same without AI progress.")]
    layoffs: Annotated[
        FloatArray, Series(PER_STEP, "Separations into unemployment: base churn plus layoffs.")
    ]
    layoffs_no_ai: Annotated[FloatArray, Series(PER_STEP, "The same without AI progress.")]
    reemployed: Annotated[FloatArray, Series(PER_STEP, "Hires filled from the unemployed.")]
    reemployed_no_ai: Annotated[FloatArray, Series(PER_STEP, "The same without AI progress.")]
    entrants: Annotated[FloatArray, Series(PER_STEP, "Hires filled from outside the labour force.")]
    entrants_no_ai: Annotated[FloatArray, Series(PER_STEP, "The same without AI progress.")]
    unemployment_entrants: Annotated[
        FloatArray, Series(PER_STEP, "Entered unemployment from outside the labour force.")
    ]
    unemployment_entrants_no_ai: Annotated[
        FloatArray, Series(PER_STEP, "The same without AI progress.")
    ]
    exits: Annotated[
        FloatArray, Series(PER_STEP, "Left the labour force: attrition plus unemployed exits.")
    ]
    exits_no_ai: Annotated[FloatArray, Series(PER_STEP, "The same without AI progress.")]


class OccupationRow(NamedTuple):
    """Per-occupation outcomes (AI world unless the name ends in ``_no_ai``)."""

    employment: Annotated[FloatArray, Series(PERSONS, "Employed persons.")]
    employment_no_ai: Annotated[FloatArray, Series(PERSONS, "The same without AI progress.")]
    required_labour: Annotated[
        FloatArray, Series(PERSONS, "Labour needed for the demanded output (the target).")
    ]
    unemployed: Annotated[
        FloatArray, Series(PERSONS, "Unemployed whose last job was in this occupation.")
    ]
    unemployed_no_ai: Annotated[FloatArray, Series(PERSONS, "The same without AI progress.")]
    exposure: Annotated[
        FloatArray,
        Series(SHARE, "Share of task time AI can do well enough to assist (assisted level)."),
    ]
    exposure_autonomous: Annotated[
        FloatArray,
        Series(SHARE, "Share of task time AI can do without the worker (autonomous level)."),
    ]
    adoption: Annotated[FloatArray, Series(SHARE, "Share of task time done with AI.")]
    adoption_autonomous: Annotated[
        FloatArray, Series(SHARE, "Of that, the share of task time AI does autonomously.")
    ]
    adopter_share: Annotated[
        FloatArray, Series(SHARE, "Share of the work organised around AI (Bass f).")
    ]
    productivity_multiplier: Annotated[
        FloatArray, Series("x", "Output per worker relative to no AI (Amdahl).")
    ]
    demand_elasticity: Annotated[
        FloatArray, Series("dimensionless", "Saturated price elasticity of demand.")
    ]
    hires: Annotated[FloatArray, Series(PER_YEAR, "Hires in the year ending at the row.")]
    layoffs: Annotated[FloatArray, Series(PER_YEAR, "Layoffs into unemployment in that year.")]
    reemployed: Annotated[
        FloatArray, Series(PER_YEAR, "Hires filled from the unemployed in that year.")
    ]
    entrants: Annotated[
        FloatArray, Series(PER_YEAR, "Hires filled from outside the labour force in that year.")
    ]
    exits: Annotated[
        FloatArray,
        Series(PER_YEAR, "Left the labour force in that year: attrition plus unemployed exits."),
    ]
    long_term_unemployed: Annotated[FloatArray, Series(PERSONS, "Of those, unemployed 27+ weeks.")]
    long_term_unemployed_no_ai: Annotated[FloatArray, Series(PERSONS, "The same without AI.")]
    wage: Annotated[FloatArray, Series("USD/year", "Mean wage (bargained).")]
    wage_no_ai: Annotated[FloatArray, Series("USD/year", "The same without AI progress.")]
    vacancies: Annotated[FloatArray, Series(PERSONS, "Open vacancies (unfilled positions).")]
    vacancies_no_ai: Annotated[FloatArray, Series(PERSONS, "The same without AI progress.")]
    excess_unemployment_rate: Annotated[
        FloatArray,
        Series(SHARE_DIFFERENCE, "Unemployment rate by last occupation, minus the no-AI world's."),
    ]
    excess_long_term_unemployed: Annotated[
        FloatArray, Series(PERSONS_DIFFERENCE, "Long-term unemployed minus the no-AI world's.")
    ]


def series_of(row_type: type) -> dict[str, Series]:
    """The :class:`Series` declaration of every field of an output row type, in order."""
    hints = typing.get_type_hints(row_type, include_extras=True)
    return {name: hints[name].__metadata__[0] for name in row_type._fields}  # type: ignore[attr-defined]


def wage_bill_usd_billion(employment: FloatArray, mean_wage: FloatArray) -> FloatArray:
    """Annual wage bill at base-year wages, USD billion (sums over the last axis)."""
    return employment @ mean_wage / USD_PER_BILLION


def economy_rows(history: History, paths: ExogenousPaths, mean_wage: FloatArray) -> EconomyRow:
    """Economy-wide outcomes of every step, each field an array over steps."""
    employment = history.employment
    ai_employment = employment[:, AI_WORLD]
    head_count = employment.sum(axis=-1)
    unemployed = history.unemployed.sum(axis=-1)
    weight = ai_employment / np.maximum(head_count[:, AI_WORLD, None], _NO_WEIGHT)
    wage_bill = wage_bill_usd_billion(employment, mean_wage)
    flows = LaborFlows(*history.flow_totals)
    exits = flows.attrition + flows.unemployed_exits
    return EconomyRow(
        employment_total=head_count[:, AI_WORLD],
        employment_total_no_ai=head_count[:, NO_AI_WORLD],
        unemployed=unemployed[:, AI_WORLD],
        unemployed_no_ai=unemployed[:, NO_AI_WORLD],
        exits_cumulative=np.cumsum(exits[:, AI_WORLD]),
        entrants_cumulative=np.cumsum(
            flows.entrants[:, AI_WORLD] + flows.unemployment_entrants[:, AI_WORLD]
        ),
        mean_exposure=_weighted(paths.exposure[:, AI_WORLD], weight),
        mean_exposure_autonomous=_weighted(paths.exposure_autonomous[:, AI_WORLD], weight),
        mean_adoption=_weighted(paths.adopted_share[:, AI_WORLD], weight),
        mean_productivity_multiplier=_weighted(paths.productivity[:, AI_WORLD], weight),
        wage_bill_usd_billion=wage_bill[:, AI_WORLD],
        wage_bill_no_ai_usd_billion=wage_bill[:, NO_AI_WORLD],
        hires=flows.hires[:, AI_WORLD],
        hires_no_ai=flows.hires[:, NO_AI_WORLD],
        layoffs=flows.layoffs[:, AI_WORLD],
        layoffs_no_ai=flows.layoffs[:, NO_AI_WORLD],
        reemployed=flows.reemployed[:, AI_WORLD],
        reemployed_no_ai=flows.reemployed[:, NO_AI_WORLD],
        entrants=flows.entrants[:, AI_WORLD],
        entrants_no_ai=flows.entrants[:, NO_AI_WORLD],
        unemployment_entrants=flows.unemployment_entrants[:, AI_WORLD],
        unemployment_entrants_no_ai=flows.unemployment_entrants[:, NO_AI_WORLD],
        exits=exits[:, AI_WORLD],
        exits_no_ai=exits[:, NO_AI_WORLD],
    )


def _weighted(values: FloatArray, weight: FloatArray) -> FloatArray:
    """Row-wise weighted sums: ``sum_i values[t, i] * weight[t, i]``."""
    return np.einsum("ti,ti->t", values, weight)


def occupation_rows(history: History, paths: ExogenousPaths, steps_per_year: int) -> OccupationRow:
    """Per-occupation outcomes at every year boundary, arrays (years, occupations).

    Flows are the AI world's, summed over the year ending at the row (0 in the
    base year).
    """
    at_year = slice(None, None, steps_per_year)
    year_flows = LaborFlows(*history.year_flows.transpose(1, 0, 2))
    return OccupationRow(
        employment=history.employment[at_year, AI_WORLD],
        employment_no_ai=history.employment[at_year, NO_AI_WORLD],
        required_labour=history.required_labour[:, AI_WORLD],
        unemployed=history.unemployed[at_year, AI_WORLD],
        unemployed_no_ai=history.unemployed[at_year, NO_AI_WORLD],
        exposure=paths.exposure[at_year, AI_WORLD],
        exposure_autonomous=paths.exposure_autonomous[at_year, AI_WORLD],
        adoption=paths.adopted_share[at_year, AI_WORLD],
        adoption_autonomous=paths.adopted_autonomous[at_year, AI_WORLD],
        adopter_share=paths.adopter_share[at_year, AI_WORLD],
        productivity_multiplier=paths.productivity[at_year, AI_WORLD],
        demand_elasticity=history.elasticity[:, AI_WORLD],
        hires=year_flows.hires,
        layoffs=year_flows.layoffs,
        reemployed=year_flows.reemployed,
        entrants=year_flows.entrants,
        exits=year_flows.attrition + year_flows.unemployed_exits,
        long_term_unemployed=history.long_term_unemployed[:, AI_WORLD],
        long_term_unemployed_no_ai=history.long_term_unemployed[:, NO_AI_WORLD],
        wage=history.wage[:, AI_WORLD],
        wage_no_ai=history.wage[:, NO_AI_WORLD],
        vacancies=history.vacancies[:, AI_WORLD],
        vacancies_no_ai=history.vacancies[:, NO_AI_WORLD],
        excess_unemployment_rate=_rate(history, at_year, AI_WORLD)
        - _rate(history, at_year, NO_AI_WORLD),
        excess_long_term_unemployed=history.long_term_unemployed[:, AI_WORLD]
        - history.long_term_unemployed[:, NO_AI_WORLD],
    )


def _rate(history: History, at_year: slice, world: int) -> FloatArray:
    """Unemployed over employed plus unemployed, by occupation at each year boundary."""
    unemployed = history.unemployed[at_year, world]
    labour_force = history.employment[at_year, world] + unemployed
    return unemployed / np.maximum(labour_force, _NO_WEIGHT)
