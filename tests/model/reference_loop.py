"""The model's step written with the numpy mechanism functions: the compiled loop's reference.

:mod:`sim.model.kernel` runs demand, labour, matching, wages and recording as
one compiled loop; this module steps a freshly built model through the same
stages with the documented numpy functions of :mod:`sim.mechanisms`, in the
order of the model docstring, recording with :meth:`Recorder.record`.
"""

from __future__ import annotations

from sim.mechanisms import demand, labor, reallocation, wages
from sim.model import LaborMarketModel


def reference_step(model: LaborMarketModel, t: int) -> None:
    """Advance ``model`` (built, not yet stepped by the kernel) through step ``t``."""
    model._read_exogenous(t)
    model.demand = demand.advance(
        model.demand,
        model.demand_curves,
        model.log_productivity_by_step[t],
        model.base_log_productivity,
        model.base_labour_trend[t],
    )
    target = labor.ration_to_ceiling(model.demand.required_labour, model.labour_ceiling)
    model.labor, model.labor_flows, model.search, model.moves = reallocation.advance(
        model.labor, model.search, target, model.labor_rates, model.matching
    )
    model.wages = wages.advance(
        model.wage_rule,
        model.labor.employment,
        model.demand.required_labour,
        model.log_productivity_by_step[t] - model.base_log_productivity,
    )
    model.recorder.record(t, model.snapshot())


def reference_run(model: LaborMarketModel) -> LaborMarketModel:
    """Step ``model`` to its horizon with the numpy reference stages."""
    for t in range(1, model.config.n_steps + 1):
        reference_step(model, t)
    return model
