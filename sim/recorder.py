"""Record model state into preallocated arrays and return tidy frames.

Economy-wide outcomes are recorded every step; occupation outcomes every
simulated year (and at the base year).  Values are copied on record, never
referenced, so later steps cannot change what was collected.
"""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class StepState:
    """What the model exposes to the recorder after a step; arrays are (worlds, occupations)."""

    labor: LaborState
    exposure: FloatArray
    adopter_share: FloatArray
    adopted_share: FloatArray
    productivity: FloatArray
    elasticity: FloatArray
    required_labour: FloatArray


class Recorder:
    """Preallocated storage for one run."""

    def __init__(self, n_steps: int, steps_per_year: int, inputs: ModelInputs) -> None:
        self.steps_per_year = steps_per_year
        self.inputs = inputs
        n_years = n_steps // steps_per_year + 1
        self.economy = {name: np.full(n_steps + 1, np.nan) for name in ECONOMY_COLUMNS}
        shape = (n_years, inputs.n_occupations)
        self.occupation = {name: np.full(shape, np.nan) for name in OCCUPATION_COLUMNS}

    def record(self, step: int, state: StepState) -> None:
        """Store the economy row of ``step`` and, on year boundaries, the occupation rows."""
        for name, value in economy_row(state, self.inputs).items():
            self.economy[name][step] = value
        if step % self.steps_per_year == 0:
            year_index = step // self.steps_per_year
            for name, values in occupation_row(state).items():
                self.occupation[name][year_index] = values

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
        for name in ECONOMY_COLUMNS:
            frame[name] = self.economy[name]
        return frame

    def occupation_frame(self, base_year: int) -> pd.DataFrame:
        """One row per year x occupation (long/tidy)."""
        n_years, n = self.occupation["employment"].shape
        years = base_year + np.repeat(np.arange(n_years), n)
        frame = pd.DataFrame(
            {
                "year": years.astype(np.int64),
                "occupation_code": np.tile(self.inputs.codes, n_years),
                "title": np.tile(self.inputs.titles, n_years),
            }
        )
        for name in OCCUPATION_COLUMNS:
            frame[name] = self.occupation[name].ravel()
        return frame


def economy_row(state: StepState, inputs: ModelInputs) -> dict[str, float]:
    """Economy-wide outcomes of one step (persons, shares, USD billion)."""
    employment = state.labor.employment
    ai = employment[AI_WORLD]
    wage_bill = metrics.wage_bill_usd_billion(employment, inputs.mean_wage)
    return {
        "employment_total": float(ai.sum()),
        "employment_total_no_ai": float(employment[NO_AI_WORLD].sum()),
        "unemployed": float(state.labor.unemployed[AI_WORLD].sum()),
        "unemployed_no_ai": float(state.labor.unemployed[NO_AI_WORLD].sum()),
        "exits_cumulative": float(state.labor.exits[AI_WORLD].sum()),
        "entrants_cumulative": float(state.labor.entrants[AI_WORLD].sum()),
        "mean_exposure": metrics.weighted_mean(state.exposure[AI_WORLD], ai),
        "mean_adoption": metrics.weighted_mean(state.adopted_share[AI_WORLD], ai),
        "mean_productivity_multiplier": metrics.weighted_mean(state.productivity[AI_WORLD], ai),
        "wage_bill_usd_billion": float(wage_bill[AI_WORLD]),
        "wage_bill_no_ai_usd_billion": float(wage_bill[NO_AI_WORLD]),
    }


def occupation_row(state: StepState) -> dict[str, FloatArray]:
    """Per-occupation outcomes of one step (copies)."""
    return {
        "employment": state.labor.employment[AI_WORLD].copy(),
        "employment_no_ai": state.labor.employment[NO_AI_WORLD].copy(),
        "required_labour": state.required_labour[AI_WORLD].copy(),
        "unemployed": state.labor.unemployed[AI_WORLD].copy(),
        "exposure": state.exposure[AI_WORLD].copy(),
        "adoption": state.adopted_share[AI_WORLD].copy(),
        "adopter_share": state.adopter_share[AI_WORLD].copy(),
        "productivity_multiplier": state.productivity[AI_WORLD].copy(),
        "demand_elasticity": state.elasticity[AI_WORLD].copy(),
    }
