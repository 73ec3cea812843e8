"""Parameter declarations: one frozen block per stage of the model, and the composite scenario.

Every number in the model that is not data is declared here exactly once, with
:func:`~sim.params._field.param`: default, unit, valid range, description and
source or stated assumption.  The same declaration drives scenario
validation, ``laborsim params`` and ``docs/parameters.md``.

- :mod:`~sim.params.run` run control and the occupation table to load;
- :mod:`~sim.params.capability`, :mod:`~sim.params.exposure`,
  :mod:`~sim.params.adoption`, :mod:`~sim.params.demand`, :mod:`~sim.params.closure`,
  :mod:`~sim.params.labor`, :mod:`~sim.params.reallocation`,
  :mod:`~sim.params.wages` one block per mechanism stage;
- :mod:`~sim.params.policy` the policy levers (retraining, adoption
  regulation, compute governance), each acting on a stage;
- :mod:`~sim.params.defaults` the default elasticity and slowdown tables with sources;
- :mod:`~sim.params.scenario` the composite :class:`Scenario` and :func:`derive`;
- :mod:`~sim.params.messages` validation errors as one line per problem;
- :mod:`~sim.params.table` the parameter table (``laborsim params``, docs).

A new stage adds one block module here and one field on :class:`Scenario`.
This package imports nothing from the data, model or I/O layers.
"""

from sim.params.adoption import AdoptionParams
from sim.params.capability import CapabilityParams
from sim.params.closure import ClosureParams
from sim.params.demand import DemandParams, ElasticitySource
from sim.params.exposure import EloundouRater, ExposureParams, ExposureSource
from sim.params.labor import LaborParams
from sim.params.policy import AdoptionRegulationParams, ComputeGovernanceParams, RetrainingParams
from sim.params.reallocation import ReallocationParams
from sim.params.run import OccupationsParams, RunParams
from sim.params.scenario import Scenario, derive, scenario_from_mapping
from sim.params.wages import WageParams

__all__ = [
    "AdoptionParams",
    "AdoptionRegulationParams",
    "CapabilityParams",
    "ClosureParams",
    "ComputeGovernanceParams",
    "DemandParams",
    "ElasticitySource",
    "EloundouRater",
    "ExposureParams",
    "ExposureSource",
    "LaborParams",
    "OccupationsParams",
    "ReallocationParams",
    "RetrainingParams",
    "RunParams",
    "Scenario",
    "WageParams",
    "derive",
    "scenario_from_mapping",
]
