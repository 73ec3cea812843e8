"""The Mesa model SolaraViz drives: one whole run, replayed one year per step.

SolaraViz re-instantiates its model on *Reset* with the keyword arguments of
``model_params`` and calls ``step()`` on *Step* and *Play*.  Building a
:class:`DashboardModel` runs the current scenario whole (the vectorised run of
:func:`sim.run`, cached); ``step()`` only moves the displayed year through the
recorded years, so playing never re-simulates.

A new model shows the horizon year, where the scenario's outcome is; the first
*Step* (or *Play*) goes back to the base year and replays the run year by year
until the horizon, where it stops (``running`` is false until *Reset*).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Protocol

import mesa

from sim.dashboard.data import DashboardRun, run_scenario
from sim.params import Scenario


@dataclass(frozen=True)
class Settings:
    """The dashboard's current choice: a scenario file and the overrides set on top of it.

    Attributes
    ----------
    label : str
        Name of the scenario file shown in the picker.
    base : Scenario
        The scenario as loaded from the file.
    overrides : dict
        Dotted path -> value set with the controls (validated).
    scenario : Scenario
        ``base`` with ``overrides`` applied.
    """

    label: str
    base: Scenario
    overrides: dict[str, Any] = field(default_factory=dict)
    scenario: Scenario | None = None

    @property
    def effective(self) -> Scenario:
        """The scenario to run."""
        return self.base if self.scenario is None else self.scenario


class SettingsSource(Protocol):
    """Anything holding the current :class:`Settings` in ``.value`` (a Solara reactive)."""

    @property
    def value(self) -> Settings: ...  # pragma: no cover - protocol


class DashboardModel(mesa.Model):
    """A completed run of the current settings and the year on display.

    Parameters
    ----------
    settings
        Holder of the current settings; read once, at construction (so SolaraViz's
        *Reset* picks up the latest controls).
    replication
        Replication index of the run (an independent random stream of the same scenario).
    year_index
        Index of the year shown first (0 = the base year); ``None`` = the horizon.
    """

    def __init__(
        self, settings: SettingsSource, replication: int = 0, year_index: int | None = None
    ) -> None:
        scenario = settings.value.effective
        super().__init__(rng=scenario.seed)
        started = time.perf_counter()
        self.replication = replication
        self.run: DashboardRun = run_scenario(scenario, replication)
        self.build_seconds = time.perf_counter() - started
        self.settings = settings.value
        last = len(self.run.years) - 1
        self.year_index = last if year_index is None else min(max(year_index, 0), last)
        self.running = True

    @property
    def year(self) -> int:
        """The year on display."""
        return self.run.years[self.year_index]

    @property
    def horizon_year(self) -> int:
        """The last recorded year."""
        return self.run.years[-1]

    def step(self) -> None:
        """Show the next recorded year (from the horizon: the base year); stop at the horizon."""
        last = len(self.run.years) - 1
        self.year_index = 0 if self.year_index >= last else self.year_index + 1
        self.running = self.year_index < last
