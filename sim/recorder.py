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
from sim.agents import AI_WORLD, N_WORLDS, NO_AI_WORLD
from sim.capability import CapabilityPath
from sim.labor import LaborState
from sim.model_inputs import ModelInputs

FloatArray = NDArray[np.float64]

YEARLY_ONLY_COLUMNS = ("required_labour", "adopter_share", "demand_elasticity")
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

    Every step copies the state arrays the economy metrics need into per-step
    buffers (cheap copies, no reductions in the step); the metrics themselves are
    computed once, vectorised over all steps, when the frame is built.
    Occupation-only outputs are kept at year boundaries.
    """

    def __init__(self, n_steps: int, steps_per_year: int, inputs: ModelInputs) -> None:
        self.steps_per_year = steps_per_year
        self.inputs = inputs
        n, n_rows = inputs.n_occupations, n_steps + 1
        self.employment = np.empty((n_rows, N_WORLDS, n))
        self.unemployed = np.empty((n_rows, N_WORLDS, n))
        self.exposure = np.empty((n_rows, n))
        self.adoption = np.empty((n_rows, n))
        self.productivity = np.empty((n_rows, n))
        self.exits = np.empty(n_rows)
        self.entrants = np.empty(n_rows)
        n_years = n_steps // steps_per_year + 1
        self.yearly = {name: np.full((n_years, n), np.nan) for name in YEARLY_ONLY_COLUMNS}

    def record(self, step: int, state: StepState) -> None:
        """Copy the state of ``step``; on year boundaries also the occupation-only outputs."""
        self.employment[step] = state.labor.employment
        self.unemployed[step] = state.labor.unemployed
        self.exposure[step] = state.exposure[AI_WORLD]
        self.adoption[step] = state.adopted_share[AI_WORLD]
        self.productivity[step] = state.productivity[AI_WORLD]
        self.exits[step] = state.labor.exits[AI_WORLD].sum()
        self.entrants[step] = state.labor.entrants[AI_WORLD].sum()
        if step % self.steps_per_year == 0:
            year_index = step // self.steps_per_year
            self.yearly["required_labour"][year_index] = state.required_labour[AI_WORLD]
            self.yearly["adopter_share"][year_index] = state.adopter_share[AI_WORLD]
            self.yearly["demand_elasticity"][year_index] = state.elasticity[AI_WORLD]

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
        for name, values in self.economy_metrics().items():
            frame[name] = values
        return frame

    def economy_metrics(self) -> dict[str, FloatArray]:
        """Economy-wide outcomes per step (persons, shares, USD billion)."""
        totals = self.employment.sum(axis=-1)
        unemployed = self.unemployed.sum(axis=-1)
        ai_employment = self.employment[:, AI_WORLD]
        wage_bill = metrics.wage_bill_usd_billion(self.employment, self.inputs.mean_wage)
        return {
            "employment_total": totals[:, AI_WORLD],
            "employment_total_no_ai": totals[:, NO_AI_WORLD],
            "unemployed": unemployed[:, AI_WORLD],
            "unemployed_no_ai": unemployed[:, NO_AI_WORLD],
            "exits_cumulative": self.exits,
            "entrants_cumulative": self.entrants,
            "mean_exposure": metrics.weighted_mean(self.exposure, ai_employment),
            "mean_adoption": metrics.weighted_mean(self.adoption, ai_employment),
            "mean_productivity_multiplier": metrics.weighted_mean(self.productivity, ai_employment),
            "wage_bill_usd_billion": wage_bill[:, AI_WORLD],
            "wage_bill_no_ai_usd_billion": wage_bill[:, NO_AI_WORLD],
        }

    def occupation_frame(self, base_year: int) -> pd.DataFrame:
        """One row per year x occupation (long/tidy)."""
        n_years, n = self.yearly["required_labour"].shape
        every_year = slice(0, None, self.steps_per_year)
        columns = {
            "employment": self.employment[every_year, AI_WORLD],
            "employment_no_ai": self.employment[every_year, NO_AI_WORLD],
            "required_labour": self.yearly["required_labour"],
            "unemployed": self.unemployed[every_year, AI_WORLD],
            "exposure": self.exposure[every_year],
            "adoption": self.adoption[every_year],
            "adopter_share": self.yearly["adopter_share"],
            "productivity_multiplier": self.productivity[every_year],
            "demand_elasticity": self.yearly["demand_elasticity"],
        }
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
            frame[name] = columns[name].ravel()
        return frame
