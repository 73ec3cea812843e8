"""laborsim: an agent-based labor-automation exposure simulator.

Effective compute (hardware x spending x algorithms) raises AI capability (a
time horizon), and with it the probability that AI assists with or does each
of the occupations' tasks; adoption diffuses behind that exposure and
amplifies output per worker; demand elasticity decides whether amplified
occupations expand or shrink; labour adjusts through frictions.
"""

from sim.data import OccupationTables, load_occupation_tables
from sim.errors import DataValidationError, LaborsimError, ScenarioError
from sim.experiments.ensemble import Ensemble, load_ensemble, run_ensemble
from sim.experiments.runner import RunSpec, batch_specs, run, run_batch
from sim.experiments.sweep import SweepHandle, sweep
from sim.io.provenance import package_version
from sim.io.results import RunResult, load_result
from sim.io.scenario_files import load_scenario
from sim.model import LaborMarketModel
from sim.params import Scenario, derive

__version__ = package_version()

__all__ = [
    "DataValidationError",
    "Ensemble",
    "LaborMarketModel",
    "LaborsimError",
    "OccupationTables",
    "RunResult",
    "RunSpec",
    "SweepHandle",
    "Scenario",
    "ScenarioError",
    "batch_specs",
    "derive",
    "load_ensemble",
    "load_occupation_tables",
    "load_result",
    "load_scenario",
    "run",
    "run_batch",
    "run_ensemble",
    "sweep",
]
