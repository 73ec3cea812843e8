"""The arrays of one run: its exogenous paths and what the recorder keeps.

- :class:`ExogenousPaths`: exposure, adoption and productivity of every step,
  computed at set-up (:mod:`sim.model.exogenous`);
- :class:`History`: the recorded history, written by the compiled loop
  (:func:`sim.model.kernel.record_step`) and turned into frames by
  :mod:`sim.model.outputs` and :mod:`sim.model.outputs_network`.

The live state of the stages is the mechanism modules' own types
(:class:`sim.model.kernel.KernelState`).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]


class History(NamedTuple):
    """What the recorder keeps of a run (a few MB, whatever the number of outputs).

    Head counts every step, arrays (steps, worlds, occupations); labour flows
    summed over occupations every step, (flows, steps, worlds); the AI world's
    flows summed over each year and the state that is only reported yearly,
    (years, ...); network, wage and vacancy totals (sim.model.outputs_network), (6, steps, worlds).
    """

    employment: FloatArray
    unemployed: FloatArray
    flow_totals: FloatArray
    year_flows: FloatArray
    elasticity: FloatArray
    required_labour: FloatArray
    search_totals: FloatArray
    long_term_unemployed: FloatArray
    wage: FloatArray
    vacancies: FloatArray


#: The axis of each :class:`History` array that holds the worlds (None: the AI world's only).
HISTORY_WORLD_AXIS: dict[str, int | None] = {
    "employment": 1,
    "unemployed": 1,
    "flow_totals": 2,
    "year_flows": None,
    "elasticity": 1,
    "required_labour": 1,
    "search_totals": 2,
    "long_term_unemployed": 1,
    "wage": 1,
    "vacancies": 1,
}


class ExogenousPaths(NamedTuple):
    """Paths computed at set-up for every step, arrays (steps, worlds, occupations)."""

    exposure: FloatArray
    adopter_share: FloatArray
    adopted_share: FloatArray
    productivity: FloatArray
    exposure_autonomous: FloatArray
    adopted_autonomous: FloatArray
