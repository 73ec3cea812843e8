"""laborsim: an agent-based labor-automation exposure simulator.

Effective compute (hardware x spending x algorithms) raises AI capability (a
time horizon), and with it the probability that AI assists with or does each
of the occupations' tasks; adoption diffuses behind that exposure and
amplifies output per worker; demand elasticity decides whether amplified
occupations expand or shrink; labour adjusts through frictions.

The public API below is loaded on first use (PEP 562 module ``__getattr__``):
``import sim`` itself imports nothing heavy, so the ``laborsim`` command can
install its Ctrl-C handling before numpy, pandas, Mesa or Numba load
(``sim/entry_point.py``).  ``from sim import run`` and ``sim.run`` work as usual.
"""

# typing.TYPE_CHECKING without importing typing (type checkers read the name).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from sim.data import OccupationTables, load_occupation_tables
    from sim.errors import DataValidationError, LaborsimError, ScenarioError
    from sim.experiments.ensemble import Ensemble, load_ensemble, run_ensemble
    from sim.experiments.runner import RunSpec, batch_specs, run, run_batch
    from sim.experiments.sweep import SweepHandle, sweep
    from sim.io.results import RunResult, load_result
    from sim.io.scenario_files import load_scenario
    from sim.model import LaborMarketModel
    from sim.params import Scenario, derive

    __version__: str

#: The module defining each public name (imported when the name is first used).
_HOMES = {
    "DataValidationError": "sim.errors",
    "Ensemble": "sim.experiments.ensemble",
    "LaborMarketModel": "sim.model",
    "LaborsimError": "sim.errors",
    "OccupationTables": "sim.data",
    "RunResult": "sim.io.results",
    "RunSpec": "sim.experiments.runner",
    "SweepHandle": "sim.experiments.sweep",
    "Scenario": "sim.params",
    "ScenarioError": "sim.errors",
    "batch_specs": "sim.experiments.runner",
    "derive": "sim.params",
    "load_ensemble": "sim.experiments.ensemble",
    "load_occupation_tables": "sim.data",
    "load_result": "sim.io.results",
    "load_scenario": "sim.io.scenario_files",
    "run": "sim.experiments.runner",
    "run_batch": "sim.experiments.runner",
    "run_ensemble": "sim.experiments.ensemble",
    "sweep": "sim.experiments.sweep",
}

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


def __getattr__(name: str) -> object:
    """Import a public name, ``__version__`` or a subpackage on first use and keep it."""
    import importlib
    import importlib.util

    if name == "__version__":
        value: object = importlib.import_module("sim.io.provenance").package_version()
    elif name in _HOMES:
        value = getattr(importlib.import_module(_HOMES[name]), name)
    elif not name.startswith("_") and importlib.util.find_spec(f"sim.{name}") is not None:
        value = importlib.import_module(f"sim.{name}")  # a subpackage: sim.io, sim.cli ...
    else:
        raise AttributeError(f"module 'sim' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__, "__version__"})
