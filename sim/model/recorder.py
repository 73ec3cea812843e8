"""Record model state into preallocated arrays and return tidy frames.

Economy-wide outcomes are recorded every step; occupation outcomes every
simulated year (and at the base year), with the year's labour flows summed.
Storage and columns come from the row declarations in
:mod:`sim.model.outputs`.  Values are copied on record, never referenced, so
later steps cannot change what was collected.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from sim.conventions import AI_WORLD
from sim.mechanisms.capability import CapabilityPath
from sim.mechanisms.labor import LaborFlows
from sim.model.inputs import ModelInputs
from sim.model.outputs import (
    CapabilityRow,
    EconomyRow,
    OccupationRow,
    StepState,
    economy_row,
    occupation_row,
)

FloatArray = NDArray[np.float64]


class Recorder:
    """Preallocated storage for one run.

    Each step adds one :class:`~sim.model.outputs.EconomyRow` and adds the AI
    world's flows to the running year; on year boundaries it copies one
    :class:`~sim.model.outputs.OccupationRow` and restarts the year.
    """

    def __init__(self, n_steps: int, steps_per_year: int, inputs: ModelInputs) -> None:
        self.steps_per_year = steps_per_year
        self.inputs = inputs
        self.economy = np.full((n_steps + 1, len(EconomyRow._fields)), np.nan)
        n_years = n_steps // steps_per_year + 1
        self.yearly = np.full((len(OccupationRow._fields), n_years, inputs.n_occupations), np.nan)
        self._year_flows = self._no_flows()

    def _no_flows(self) -> LaborFlows:
        return LaborFlows(*np.zeros((len(LaborFlows._fields), self.inputs.n_occupations)))

    def record(self, step: int, state: StepState) -> None:
        """Store the economy row of ``step``; on year boundaries the occupation rows too."""
        self.economy[step] = economy_row(state, self.inputs.mean_wage)
        for total, flow in zip(self._year_flows, state.flows, strict=True):
            total += flow[AI_WORLD]
        if step % self.steps_per_year == 0:
            year_index = step // self.steps_per_year
            self.yearly[:, year_index] = occupation_row(state, self._year_flows)
            for total in self._year_flows:
                total.fill(0.0)

    def economy_frame(self, capability: CapabilityPath) -> pd.DataFrame:
        """One row per step: capability decomposition and economy-wide outcomes."""
        columns: dict[str, object] = {
            "step": np.arange(capability.years.size, dtype=np.int64),
            "year": capability.years,
        }
        columns.update({name: getattr(capability, name) for name in CapabilityRow._fields})
        columns.update(zip(EconomyRow._fields, self.economy.T, strict=True))
        return pd.DataFrame(columns)

    def occupation_frame(self, base_year: int) -> pd.DataFrame:
        """One row per year x occupation (long/tidy); codes and titles are categorical."""
        _, n_years, n = self.yearly.shape
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
        for name, values in zip(OccupationRow._fields, self.yearly, strict=True):
            frame[name] = values.ravel()
        return frame
