"""Record model state into preallocated arrays and return tidy frames.

Each step keeps head counts by occupation, flow totals and the AI world's
flows summed over the running year (a few array operations per step).  The frames
are computed once, at the end, by the row functions of
:mod:`sim.model.outputs`: economy-wide outcomes for every step, occupation
outcomes for every simulated year (with the year's labour flows summed).
Values are copied on record, never referenced, so later steps cannot change
what was collected.
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
    ExogenousPaths,
    History,
    OccupationRow,
    StepState,
    economy_rows,
    occupation_rows,
)

FloatArray = NDArray[np.float64]


class Recorder:
    """Preallocated :class:`~sim.model.outputs.History` of one run."""

    def __init__(
        self, n_steps: int, steps_per_year: int, inputs: ModelInputs, paths: ExogenousPaths
    ) -> None:
        self.steps_per_year = steps_per_year
        self.inputs = inputs
        self.paths = paths
        worlds_by_occupation = paths.exposure.shape[1:]
        steps, years = n_steps + 1, n_steps // steps_per_year + 1
        n_flows = len(LaborFlows._fields)
        self.history = History(
            employment=np.empty((steps, *worlds_by_occupation)),
            unemployed=np.empty((steps, *worlds_by_occupation)),
            flow_totals=np.empty((n_flows, steps, worlds_by_occupation[0])),
            year_flows=np.zeros((years, n_flows, worlds_by_occupation[1])),
            elasticity=np.empty((years, *worlds_by_occupation)),
            required_labour=np.empty((years, *worlds_by_occupation)),
        )

    def record(self, step: int, state: StepState) -> None:
        """Copy what the history keeps of the state after ``step``."""
        history = self.history
        history.employment[step] = state.employment
        history.unemployed[step] = state.unemployed
        flows = np.stack(state.flows)
        history.flow_totals[:, step] = flows.sum(axis=-1)
        year, into_year = divmod(step, self.steps_per_year)
        if into_year == 0:
            history.elasticity[year] = state.elasticity
            history.required_labour[year] = state.required_labour
        if step > 0:
            history.year_flows[year + (into_year > 0)] += flows[:, AI_WORLD]

    def economy_frame(self, capability: CapabilityPath) -> pd.DataFrame:
        """One row per step: capability decomposition and economy-wide outcomes."""
        columns: dict[str, object] = {
            "step": np.arange(capability.years.size, dtype=np.int64),
            "year": capability.years,
        }
        columns.update({name: getattr(capability, name) for name in CapabilityRow._fields})
        rows = economy_rows(self.history, self.paths, self.inputs.mean_wage)
        columns.update(zip(EconomyRow._fields, rows, strict=True))
        return pd.DataFrame(columns)

    def occupation_frame(self, base_year: int) -> pd.DataFrame:
        """One row per year x occupation (long/tidy); codes and titles are categorical."""
        rows = occupation_rows(self.history, self.paths, self.steps_per_year)
        n_years, n = rows.employment.shape
        years = base_year + np.repeat(np.arange(n_years), n)
        index = np.tile(np.arange(n), n_years)
        title_codes, titles = pd.factorize(self.inputs.titles)
        frame = pd.DataFrame(
            {
                "year": years.astype(np.int64),
                "occupation_code": pd.Categorical.from_codes(index, self.inputs.codes),
                "title": pd.Categorical.from_codes(title_codes[index], titles),
            }
        )
        for name, values in zip(OccupationRow._fields, rows, strict=True):
            frame[name] = np.ascontiguousarray(values).ravel()
        return frame
