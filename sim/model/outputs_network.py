"""Network, wage and policy outputs, declared once: economy columns and the transitions table.

Like :mod:`sim.model.outputs` (which holds the other declarations): each
table is a :class:`~typing.NamedTuple` whose annotated fields are its columns
(unit, description), and each is built by keyword.

- :class:`NetworkRow`: unemployment and vacancy rates, long-term unemployment,
  occupation changes, retraining, labour income, output value and labour share,
  columns of ``economy.parquet`` after :class:`~sim.model.outputs.EconomyRow`;
- :class:`TransitionRow`: ``transitions.parquet``, re-employment flows by year
  and mobility-network edge.

The compiled loop keeps the per-step totals of :data:`SEARCH_TOTALS`
(``History.search_totals``, :func:`sim.model.kernel.record_step`) and
:func:`network_rows` turns them into columns.
"""

from __future__ import annotations

from typing import Annotated, NamedTuple

import numpy as np
from numpy.typing import NDArray

from sim.conventions import AI_WORLD, NO_AI_WORLD
from sim.mechanisms.labor import LaborFlows
from sim.model.outputs import (
    PER_STEP,
    PER_YEAR,
    PERSONS,
    PERSONS_DIFFERENCE,
    SHARE,
    SHARE_DIFFERENCE,
    USD_PER_BILLION,
    Series,
)

FloatArray = NDArray[np.float64]

RATE = "share of employment per step"
USD_YEAR = "USD billion/year"
#: Denominator floor (persons, USD) below which a ratio is taken as 0.
_TINY = 1e-300


def _no_ai(unit: str) -> Series:
    return Series(unit, "The same without AI progress.")


class NetworkRow(NamedTuple):
    """Network, wage and policy columns of ``economy.parquet`` (AI world unless ``_no_ai``)."""

    unemployment_rate: Annotated[
        FloatArray, Series(SHARE, "Unemployed over employed plus unemployed (base churn included).")
    ]
    unemployment_rate_no_ai: Annotated[FloatArray, _no_ai(SHARE)]
    long_term_unemployed: Annotated[
        FloatArray,
        Series(PERSONS, "Unemployed for reallocation.long_term_unemployment_weeks (27) or more."),
    ]
    long_term_unemployed_no_ai: Annotated[FloatArray, _no_ai(PERSONS)]
    vacancies: Annotated[
        FloatArray, Series(PERSONS, "Open vacancies at the end of the step (unfilled positions).")
    ]
    vacancies_no_ai: Annotated[FloatArray, _no_ai(PERSONS)]
    openings_rate: Annotated[
        FloatArray,
        Series(SHARE, "Vacancies over employment plus vacancies (the JOLTS openings rate)."),
    ]
    openings_rate_no_ai: Annotated[FloatArray, _no_ai(SHARE)]
    excess_unemployment_rate: Annotated[
        FloatArray, Series(SHARE_DIFFERENCE, "Unemployment rate minus the no-AI world's.")
    ]
    excess_long_term_unemployed: Annotated[
        FloatArray, Series(PERSONS_DIFFERENCE, "Long-term unemployed minus the no-AI world's.")
    ]
    occupation_changes: Annotated[
        FloatArray,
        Series(PER_STEP, "Unemployed re-employed in an occupation other than their last."),
    ]
    occupation_changes_no_ai: Annotated[FloatArray, _no_ai(PER_STEP)]
    retraining_participants: Annotated[
        FloatArray, Series(PERSONS, "Unemployed in retraining (policy lever).")
    ]
    retraining_cost_usd_billion: Annotated[
        FloatArray, Series(USD_YEAR, "Cost of the retraining programme at this step's rate.")
    ]
    labour_income_usd_billion: Annotated[
        FloatArray, Series(USD_YEAR, "Employment x current (bargained) wages.")
    ]
    labour_income_no_ai_usd_billion: Annotated[FloatArray, _no_ai(USD_YEAR)]
    output_value_usd_billion: Annotated[
        FloatArray, Series(USD_YEAR, "Value of the occupations' output (sim.mechanisms.wages).")
    ]
    output_value_no_ai_usd_billion: Annotated[FloatArray, _no_ai(USD_YEAR)]
    labour_share: Annotated[
        FloatArray,
        Series(SHARE, "Labour income over output value; capital (AI included) earns the rest."),
    ]
    labour_share_no_ai: Annotated[FloatArray, _no_ai(SHARE)]


class TransitionRow(NamedTuple):
    """Columns of ``transitions.parquet`` besides ``year``, ``from_code`` and ``to_code``."""

    workers: Annotated[
        FloatArray,
        Series(PER_YEAR, "Unemployed whose last job was in from_code, hired in to_code that year."),
    ]
    workers_no_ai: Annotated[FloatArray, _no_ai(PER_YEAR)]


TRANSITION_ID_COLUMNS = {
    "year": Series("year", "Simulated year whose flows the row sums."),
    "from_code": Series("code", "Last occupation of the unemployed worker."),
    "to_code": Series("code", "Occupation they were hired in (= from_code: the same again)."),
}

#: Per-step totals the recorder keeps, in this order, each (worlds,).
SEARCH_TOTALS = (
    "long_term_unemployed",  # persons
    "same_occupation",  # re-employed in their last occupation, persons/step
    "participants",  # unemployed in retraining, persons
    "labour_income",  # USD/year
    "output_value",  # USD/year
    "vacancies",  # open at the end of the step, persons
)


def _by_world(totals: tuple[FloatArray, FloatArray]) -> FloatArray:
    """(AI, no-AI) arrays over steps as one (steps, worlds) array."""
    by_world = np.empty((totals[0].size, 2))
    by_world[:, AI_WORLD], by_world[:, NO_AI_WORLD] = totals
    return by_world


def network_rows(
    search: FloatArray,
    employment: tuple[FloatArray, FloatArray],
    unemployed: tuple[FloatArray, FloatArray],
    flows: LaborFlows,
    cost_per_participant_year: float,
) -> NetworkRow:
    """Every step's :class:`NetworkRow`, each field an array over steps.

    ``search`` is ``History.search_totals``; ``employment`` and ``unemployed``
    are the (AI, no-AI) totals over occupations, each (steps,); ``flows`` the
    labour flow totals (steps, worlds) each.
    """
    totals = dict(zip(SEARCH_TOTALS, search, strict=True))
    head_count, jobless = _by_world(employment), _by_world(unemployed)
    income = totals["labour_income"] / USD_PER_BILLION
    value = totals["output_value"] / USD_PER_BILLION
    by_world = {
        "unemployment_rate": jobless / np.maximum(head_count + jobless, _TINY),
        "long_term_unemployed": totals["long_term_unemployed"],
        "vacancies": totals["vacancies"],
        "openings_rate": totals["vacancies"] / np.maximum(head_count + totals["vacancies"], _TINY),
        "occupation_changes": flows.reemployed - totals["same_occupation"],
        "labour_share": income / np.maximum(value, _TINY),
    }
    columns = {}
    for name, values in by_world.items():
        columns[name] = values[:, AI_WORLD]
        columns[f"{name}_no_ai"] = values[:, NO_AI_WORLD]
    participants = totals["participants"][:, AI_WORLD]
    excess = {
        name: columns[name] - columns[f"{name}_no_ai"]
        for name in ("unemployment_rate", "long_term_unemployed")
    }
    return NetworkRow(
        **columns,
        excess_unemployment_rate=excess["unemployment_rate"],
        excess_long_term_unemployed=excess["long_term_unemployed"],
        retraining_participants=participants,
        retraining_cost_usd_billion=participants * cost_per_participant_year / USD_PER_BILLION,
        labour_income_usd_billion=income[:, AI_WORLD],
        labour_income_no_ai_usd_billion=income[:, NO_AI_WORLD],
        output_value_usd_billion=value[:, AI_WORLD],
        output_value_no_ai_usd_billion=value[:, NO_AI_WORLD],
    )
