"""Reduce one finished model run to the named outcomes of a sweep, inside the worker.

Outcomes are tidy rows ``(outcome, year, scope, value)``:

- ``employment_vs_no_ai``: employment / employment without AI progress - 1
  (share), scope ``total``, ``soc:NN`` (SOC major group) or ``occ:CODE`` (the
  occupations the spec names, or every occupation with ``all_occupations``);
- ``displaced_unemployed``: unemployed minus unemployed without AI (persons),
  scope ``total``;
- ``wage_bill_vs_no_ai``: wage bill at base-year wages / its no-AI value - 1
  (share), scope ``total``.

Values are read from the recorder's history at year boundaries (the same rows
as the occupation frame); the frames are never built, so only a few numbers
leave a worker.  Which rows feed each grouped outcome (:class:`OutcomeLayout`)
depends only on the occupations, so a worker works it out once per sweep.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from sim.conventions import AI_WORLD, NO_AI_WORLD
from sim.io.sweep_files import OutcomeSpec
from sim.model import LaborMarketModel
from sim.model.inputs import ModelInputs
from sim.model.outputs import wage_bill_usd_billion

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


@dataclass(frozen=True)
class OutcomeLayout:
    """Which occupation rows feed the grouped outcomes: fixed by the occupations of a sweep."""

    codes: NDArray[np.str_]
    major_groups: NDArray[np.str_]
    group_labels: NDArray[np.str_]
    group_index: NDArray[np.intp]
    occupations: tuple[tuple[str, int], ...]

    @classmethod
    def of(cls, inputs: ModelInputs, spec: OutcomeSpec) -> OutcomeLayout:
        """The layout of ``inputs``' occupations for the outcomes ``spec`` asks for."""
        labels, index = np.unique(inputs.major_groups, return_inverse=True)
        position = {code: i for i, code in enumerate(inputs.codes.tolist())}
        codes = list(position) if spec.all_occupations else spec.occupations
        wanted = tuple((code, position[code]) for code in codes if code in position)
        return cls(inputs.codes, inputs.major_groups, labels, index, wanted)

    def fits(self, inputs: ModelInputs) -> bool:
        """Whether ``inputs`` has these occupations in this order, in these groups."""
        return bool(
            np.array_equal(self.codes, inputs.codes)
            and np.array_equal(self.major_groups, inputs.major_groups)
        )


def run_outcomes(
    model: LaborMarketModel,
    spec: OutcomeSpec,
    years: tuple[int, ...],
    layout: OutcomeLayout | None = None,
) -> list[OutcomeRow]:
    """The outcomes ``spec`` asks for, at each of ``years``, from a finished run.

    ``layout`` (from an earlier run of the same occupations) saves working it out again.
    """
    inputs = model.inputs
    if layout is None or not layout.fits(inputs):
        layout = OutcomeLayout.of(inputs, spec)
    employment_by_year, unemployed_by_year = _yearly_heads(model)
    wage = inputs.mean_wage
    rows: list[OutcomeRow] = []
    for year in years:
        index = year - model.config.run.base_year
        employment = employment_by_year[index, AI_WORLD]
        employment_no_ai = employment_by_year[index, NO_AI_WORLD]
        unemployed = unemployed_by_year[index].sum(axis=-1)
        total = float(_relative(employment.sum(), employment_no_ai.sum()))
        wage_bill = float(
            _relative(
                wage_bill_usd_billion(employment, wage),
                wage_bill_usd_billion(employment_no_ai, wage),
            )
        )
        displaced = float(unemployed[AI_WORLD] - unemployed[NO_AI_WORLD])
        rows.append(OutcomeRow(EMPLOYMENT, year, TOTAL, total))
        rows.append(OutcomeRow(DISPLACED, year, TOTAL, displaced))
        rows.append(OutcomeRow(WAGE_BILL, year, TOTAL, wage_bill))
        if spec.by_major_group:
            rows += _by_group(year, layout, employment, employment_no_ai)
        rows += [
            OutcomeRow(EMPLOYMENT, year, f"occ:{code}", value)
            for (code, _), value in zip(
                layout.occupations,
                _relative_list(employment, employment_no_ai, layout.occupations),
                strict=True,
            )
        ]
    return rows


def _relative_list(
    value: FloatArray, reference: FloatArray, rows: tuple[tuple[str, int], ...]
) -> list[float]:
    picked = np.array([row for _, row in rows], dtype=np.intp)
    return (np.divide(value[picked], reference[picked]) - 1.0).tolist()


def _by_group(
    year: int, layout: OutcomeLayout, employment: FloatArray, employment_no_ai: FloatArray
) -> list[OutcomeRow]:
    size = layout.group_labels.size
    with_ai = np.bincount(layout.group_index, weights=employment, minlength=size)
    without = np.bincount(layout.group_index, weights=employment_no_ai, minlength=size)
    relative = (np.divide(with_ai, without) - 1.0).tolist()
    return [
        OutcomeRow(EMPLOYMENT, year, f"soc:{label}", value)
        for label, value in zip(layout.group_labels.tolist(), relative, strict=True)
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
            wage_bill_usd_billion(employment[:, AI_WORLD], wage),
            wage_bill_usd_billion(employment[:, NO_AI_WORLD], wage),
        )
    )
