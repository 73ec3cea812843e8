"""Reduce one finished model run to the named outcomes of a sweep, inside the worker.

Outcomes are tidy rows ``(outcome, year, scope, value)``:

- ``employment_vs_no_ai``: employment / employment without AI progress - 1
  (share), scope ``total``, ``soc:NN`` (SOC major group) or ``occ:CODE``;
- ``displaced_unemployed``: unemployed minus unemployed without AI (persons),
  scope ``total``;
- ``wage_bill_vs_no_ai``: wage bill at base-year wages / its no-AI value - 1
  (share), scope ``total``.

Values are read from the recorder's history at year boundaries (the same rows
as the occupation frame); the frames are never built, so only a few numbers
leave a worker.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from sim.conventions import AI_WORLD, NO_AI_WORLD
from sim.io.sweep_files import OutcomeSpec
from sim.model import LaborMarketModel

FloatArray = NDArray[np.float64]
TOTAL = "total"
EMPLOYMENT = "employment_vs_no_ai"
DISPLACED = "displaced_unemployed"
WAGE_BILL = "wage_bill_vs_no_ai"
#: Columns of the optional yearly series of totals.
YEARLY_COLUMNS = (
    "employment_total",
    "employment_total_no_ai",
    "unemployed",
    "unemployed_no_ai",
    "wage_bill_usd_billion",
    "wage_bill_no_ai_usd_billion",
)
USD_PER_BILLION = 1e9


class OutcomeRow(NamedTuple):
    """One named outcome of one run."""

    outcome: str
    year: int
    scope: str
    value: float


def _relative(value: FloatArray | float, reference: FloatArray | float) -> FloatArray | float:
    return np.divide(value, reference) - 1.0


def _yearly_heads(model: LaborMarketModel) -> tuple[FloatArray, FloatArray]:
    """Employment and unemployed at every year boundary, arrays (years, worlds, occupations)."""
    history = model.recorder.history
    at_year = slice(None, None, model.config.run.steps_per_year)
    return history.employment[at_year], history.unemployed[at_year]


def run_outcomes(
    model: LaborMarketModel, spec: OutcomeSpec, years: tuple[int, ...]
) -> list[OutcomeRow]:
    """The outcomes ``spec`` asks for, at each of ``years``, from a finished run."""
    inputs = model.inputs
    employment_by_year, unemployed_by_year = _yearly_heads(model)
    rows: list[OutcomeRow] = []
    for year in years:
        index = year - model.config.run.base_year
        employment = employment_by_year[index, AI_WORLD]
        employment_no_ai = employment_by_year[index, NO_AI_WORLD]
        unemployed = unemployed_by_year[index].sum(axis=-1)
        total = float(_relative(employment.sum(), employment_no_ai.sum()))
        wage = inputs.mean_wage
        wage_bill = float(_relative(employment @ wage, employment_no_ai @ wage))
        rows.append(OutcomeRow(EMPLOYMENT, year, TOTAL, total))
        rows.append(
            OutcomeRow(
                DISPLACED, year, TOTAL, float(unemployed[AI_WORLD] - unemployed[NO_AI_WORLD])
            )
        )
        rows.append(OutcomeRow(WAGE_BILL, year, TOTAL, wage_bill))
        if spec.by_major_group:
            rows += _by_group(year, inputs.major_groups, employment, employment_no_ai)
        rows += _by_occupation(year, inputs.codes, spec.occupations, employment, employment_no_ai)
    return rows


def _by_group(
    year: int, groups: NDArray[np.str_], employment: FloatArray, employment_no_ai: FloatArray
) -> list[OutcomeRow]:
    labels, codes = np.unique(groups, return_inverse=True)
    with_ai = np.bincount(codes, weights=employment, minlength=labels.size)
    without = np.bincount(codes, weights=employment_no_ai, minlength=labels.size)
    return [
        OutcomeRow(EMPLOYMENT, year, f"soc:{label}", float(_relative(a, b)))
        for label, a, b in zip(labels, with_ai, without, strict=True)
    ]


def _by_occupation(
    year: int,
    codes: NDArray[np.str_],
    wanted: list[str],
    employment: FloatArray,
    employment_no_ai: FloatArray,
) -> list[OutcomeRow]:
    position = {code: i for i, code in enumerate(codes)}
    return [
        OutcomeRow(
            EMPLOYMENT, year, f"occ:{code}", float(_relative(employment[i], employment_no_ai[i]))
        )
        for code in wanted
        if (i := position.get(code)) is not None
    ]


def yearly_totals(model: LaborMarketModel) -> FloatArray:
    """Per simulated year: the :data:`YEARLY_COLUMNS` totals (years x columns)."""
    employment, unemployed = _yearly_heads(model)
    wage = model.inputs.mean_wage
    return np.column_stack(
        (
            employment[:, AI_WORLD].sum(axis=1),
            employment[:, NO_AI_WORLD].sum(axis=1),
            unemployed[:, AI_WORLD].sum(axis=1),
            unemployed[:, NO_AI_WORLD].sum(axis=1),
            employment[:, AI_WORLD] @ wage / USD_PER_BILLION,
            employment[:, NO_AI_WORLD] @ wage / USD_PER_BILLION,
        )
    )
