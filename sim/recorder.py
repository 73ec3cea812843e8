"""Record model state into preallocated arrays and return tidy frames.

Economy-wide outcomes are recorded every step; occupation outcomes every
simulated year (and at the base year).  Values are copied on record, never
referenced, so later steps cannot change what was collected.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from sim import metrics
from sim.agents import AI_WORLD, NO_AI_WORLD
from sim.capability import CapabilityPath
from sim.labor import LaborState
from sim.model_inputs import ModelInputs

FloatArray = NDArray[np.float64]

ECONOMY_COLUMNS = (
    "employment_total",
    "employment_total_no_ai",
    "unemployed",
    "unemployed_no_ai",
    "exits_cumulative",
    "entrants_cumulative",
    "mean_exposure",
    "mean_adoption",
    "mean_productivity_multiplier",
    "wage_bill_usd_billion",
    "wage_bill_no_ai_usd_billion",
)
#: Employment total below which weighted means are taken as 0 (persons).
_NO_WEIGHT = 1e-300
OCCUPATION_COLUMNS = (
    "employment",
    "employment_no_ai",
    "required_labour",
    "unemployed",
    "exposure",
    "adoption",
    "adopter_share",
    "productivity_multiplier",
    "demand_elasticity",
)


class StepState(NamedTuple):
    """What the model exposes to the recorder after a step; arrays are (worlds, occupations)."""

    labor: LaborState
    exposure: FloatArray
    adopter_share: FloatArray
    adopted_share: FloatArray
    productivity: FloatArray
    elasticity: FloatArray
    required_labour: FloatArray


class Recorder:
    """Preallocated storage for one run.

    Each step adds one row of economy-wide outcomes (a few reductions over the
    occupations); on year boundaries it also copies the per-occupation outputs.
    Storage is touched at set-up, so recording never faults in fresh memory.
    """

    def __init__(self, n_steps: int, steps_per_year: int, inputs: ModelInputs) -> None:
        self.steps_per_year = steps_per_year
        self.inputs = inputs
        self.economy = np.full((n_steps + 1, len(ECONOMY_COLUMNS)), np.nan)
        n_years = n_steps // steps_per_year + 1
        shape = (n_years, inputs.n_occupations)
        self.yearly = {name: np.full(shape, np.nan) for name in OCCUPATION_COLUMNS}

    def record(self, step: int, state: StepState) -> None:
        """Store the economy row of ``step``; on year boundaries the occupation rows too."""
        self.economy[step] = economy_row(state, self.inputs.mean_wage)
        if step % self.steps_per_year == 0:
            year_index = step // self.steps_per_year
            for name, values in occupation_row(state).items():
                self.yearly[name][year_index] = values

    def economy_frame(self, capability: CapabilityPath) -> pd.DataFrame:
        """One row per step: capability decomposition and economy-wide outcomes."""
        frame = pd.DataFrame(
            {
                "step": np.arange(capability.years.size, dtype=np.int64),
                "year": capability.years,
                "log10_effective_compute": capability.log10_effective_compute,
                "log10_hardware": capability.log10_hardware,
                "log10_spending": capability.log10_spending,
                "log10_algorithms": capability.log10_algorithms,
                "spending_usd_billion": capability.spending_usd_billion,
            }
        )
        for column, name in enumerate(ECONOMY_COLUMNS):
            frame[name] = self.economy[:, column]
        return frame

    def occupation_frame(self, base_year: int) -> pd.DataFrame:
        """One row per year x occupation (long/tidy); codes and titles are categorical."""
        n_years, n = self.yearly["employment"].shape
        years = base_year + np.repeat(np.arange(n_years), n)
        rows = np.tile(np.arange(n), n_years)
        title_codes, titles = pd.factorize(self.inputs.titles)
        frame = pd.DataFrame(
            {
                "year": years.astype(np.int64),
                "occupation_code": pd.Categorical.from_codes(rows, self.inputs.codes),
                "title": pd.Categorical.from_codes(title_codes[rows], titles),
            }
        )
        for name in OCCUPATION_COLUMNS:
            frame[name] = self.yearly[name].ravel()
        return frame


def economy_row(state: StepState, mean_wage: FloatArray) -> FloatArray:
    """Economy-wide outcomes of one step, in the order of :data:`ECONOMY_COLUMNS`."""
    employment = state.labor.employment
    ai_employment = employment[AI_WORLD]
    head_count = employment.sum(axis=-1)
    unemployed = state.labor.unemployed.sum(axis=-1)
    shares = np.stack(
        (state.exposure[AI_WORLD], state.adopted_share[AI_WORLD], state.productivity[AI_WORLD])
    )
    means = shares @ ai_employment / max(head_count[AI_WORLD], _NO_WEIGHT)
    wage_bill = metrics.wage_bill_usd_billion(employment, mean_wage)
    return np.array(
        [
            head_count[AI_WORLD],
            head_count[NO_AI_WORLD],
            unemployed[AI_WORLD],
            unemployed[NO_AI_WORLD],
            state.labor.exits[AI_WORLD].sum(),
            state.labor.entrants[AI_WORLD].sum(),
            *means,
            wage_bill[AI_WORLD],
            wage_bill[NO_AI_WORLD],
        ]
    )


def occupation_row(state: StepState) -> dict[str, FloatArray]:
    """Per-occupation outcomes of one step (views; the recorder copies them)."""
    return {
        "employment": state.labor.employment[AI_WORLD],
        "employment_no_ai": state.labor.employment[NO_AI_WORLD],
        "required_labour": state.required_labour[AI_WORLD],
        "unemployed": state.labor.unemployed[AI_WORLD],
        "exposure": state.exposure[AI_WORLD],
        "adoption": state.adopted_share[AI_WORLD],
        "adopter_share": state.adopter_share[AI_WORLD],
        "productivity_multiplier": state.productivity[AI_WORLD],
        "demand_elasticity": state.elasticity[AI_WORLD],
    }
