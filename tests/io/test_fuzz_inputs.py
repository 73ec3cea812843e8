"""Generated hostile inputs (a bounded sample; ``make fuzz`` tries 12,000): each is either
accepted and runs to valid results, or refused with the project's error, never anything else."""

import warnings

from hypothesis import HealthCheck, given, settings

from sim.data import load_occupation_tables
from sim.errors import LaborsimError
from sim.experiments.runner import RunSpec, run_spec
from sim.io.scenario_files import load_scenario
from sim.params.scenario import Scenario, derive
from tests.conftest import make_tables
from tests.strategies import SCENARIO_NAME, scenario_cases, table_cases, write_tree

TOY = make_tables([{"occupation_code": f"43-900{i}", "economic_value": 0.3 * i} for i in (1, 2, 3)])
SHORT = {"run.steps_per_year": 1, "demand.elasticity_source": "major_group"}
CHECKS = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


def accepted_or_refused(action) -> None:
    """Run ``action``; anything but success or a LaborsimError with a message fails the test."""
    message = "accepted"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            action()
    except LaborsimError as error:
        message = str(error).strip()
    assert message  # a refusal always says why


@settings(max_examples=60, deadline=None, suppress_health_check=CHECKS)
@given(scenario_cases())
def test_scenario_files(tmp_path_factory, files):
    directory = write_tree(tmp_path_factory.mktemp("case"), files)

    def action() -> None:
        scenario = derive(load_scenario(directory / SCENARIO_NAME), SHORT)
        run_spec(RunSpec(scenario, scenario.seed), tables=TOY)

    accepted_or_refused(action)


@settings(max_examples=15, deadline=None, suppress_health_check=CHECKS)
@given(table_cases(TOY))
def test_occupation_tables(tmp_path_factory, files):
    directory = write_tree(tmp_path_factory.mktemp("case"), files)

    def action() -> None:
        tables = load_occupation_tables(directory / "data")
        scenario = derive(Scenario(), {"run.horizon_year": 2030, **SHORT})
        run_spec(RunSpec(scenario, 1), tables=tables)

    accepted_or_refused(action)
