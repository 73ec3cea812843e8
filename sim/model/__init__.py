"""The Mesa model: assembles inputs and stages, steps them in order, records outputs.

- :mod:`~sim.model.inputs` fixed per-occupation and per-task arrays of a run
  (data x scenario), built once before the first step;
- :mod:`~sim.model.calibration` the threshold level calibrated to Eloundou et al.;
- :mod:`~sim.model.model` :class:`LaborMarketModel`: ``step`` calls the stages
  of :mod:`sim.mechanisms` in the documented order;
- :mod:`~sim.model.agents` one thin Mesa agent per occupation (views of the state);
- :mod:`~sim.model.outputs` every recorded column declared once (unit, meaning);
- :mod:`~sim.model.recorder` preallocated storage and the tidy result frames;
- :mod:`~sim.model.override_check` override-table keys checked against the data;
- :mod:`~sim.model.integrity` output invariants checked before a result is saved.

The model reads :mod:`sim.params`, :mod:`sim.data` and :mod:`sim.mechanisms`;
it never does file I/O and never runs other models.
"""

from sim.model.agents import OccupationAgent
from sim.model.model import LaborMarketModel

__all__ = ["LaborMarketModel", "OccupationAgent"]
