"""The design of a scenario's uncertainty ensemble: which parameters are drawn, and how.

See :mod:`sim.experiments.ensemble` for the whole picture.  Nothing here lists
parameter names: the draw list is read from the ``param()`` declarations.
"""

from __future__ import annotations

from sim.errors import ScenarioError
from sim.io.sweep_files import (
    FactorSpec,
    OutcomeSpec,
    Sampler,
    SeedScheme,
    Sweep,
    SweepSpec,
    resolve,
)
from sim.params import Scenario, derive
from sim.params._field import Plausible, Role
from sim.params.sweepable import declared

#: Draws when none is given: chosen so that ``make run`` (data summary, central
#: run, ensemble on 2 workers, analysis, report) stays near a minute on 2 cores
#: (README); a run costs ~0.15 s of CPU since issue 20's base flows.
DEFAULT_DRAWS = 256
#: The policy milestone reported beside the horizon (where inside the run).
MILESTONE_YEAR = 2035


def drawn_parameters(scenario: Scenario) -> tuple[list[str], list[str]]:
    """Names of the uncertainties the ensemble draws, and of those it holds.

    Drawn: declared with role *uncertainty*, numeric (not integer), with a
    plausible range, at the declared default in ``scenario``, and accepted by
    the scenario at both ends of the range.  Held: set to another value by the
    scenario, or not applicable to it (a cross-field check of the scenario
    refuses the value, e.g. an elasticity quantile with elasticities that
    carry no range).
    """
    defaults = Scenario()
    drawn: list[str] = []
    held: list[str] = []
    for item in declared(Role.UNCERTAINTY):
        if item.plausible is None or item.integer:
            continue
        block, _, field = item.name.partition(".")
        value = getattr(getattr(scenario, block), field)
        default = getattr(getattr(defaults, block), field)
        applies = value == default and _accepts(scenario, item.name, item.plausible)
        (drawn if applies else held).append(item.name)
    return drawn, held


def _accepts(scenario: Scenario, name: str, plausible: Plausible) -> bool:
    try:
        for value in (plausible.low, plausible.high):
            derive(scenario, {name: value})
    except ScenarioError:
        return False
    return True


def ensemble_sweep(
    scenario: Scenario, draws: int = DEFAULT_DRAWS, seed: int | None = None
) -> Sweep:
    """The sweep that runs ``scenario``'s ensemble (see the module docstring).

    ``seed`` replaces the scenario's seed (as ``laborsim run --seed`` does).

    Raises
    ------
    ScenarioError
        If ``draws`` is below 2 or the scenario leaves nothing to draw.
    """
    if draws < 2:
        raise ScenarioError(f"--uncertainty needs at least 2 draws, got {draws}")
    drawn, _ = drawn_parameters(scenario)
    if not drawn:
        raise ScenarioError(
            f"scenario '{scenario.name}': it sets every uncertain parameter, so an uncertainty "
            "ensemble has nothing to draw"
        )
    run = scenario.run
    years: list[int | str] = ["horizon"]
    if run.base_year < MILESTONE_YEAR < run.horizon_year:
        years.insert(0, MILESTONE_YEAR)
    spec = SweepSpec(
        name=f"{scenario.name}-ensemble",
        description=f"uncertainty ensemble of scenario '{scenario.name}'",
        base=scenario.name,
        sampler=Sampler.LATIN_HYPERCUBE,
        samples=draws,
        seed=seed,
        seeds=SeedScheme.INDEPENDENT,
        uncertainties={name: FactorSpec() for name in drawn},
        outcomes=OutcomeSpec(years=years, all_occupations=True),
    )
    return resolve(spec, scenario, origin=f"ensemble of '{scenario.name}'")
