"""The Solara page: scenario controls in the sidebar, Mesa's SolaraViz for the rest.

SolaraViz supplies the app bar, the Play / Step / Reset controls and the grid
of views; its model is a :class:`~sim.dashboard.model.DashboardModel`.  The
scenario controls live in their own sidebar card because SolaraViz applies
``model_params`` only on *Reset*, while here every change re-runs at once:
the new model replaces the old one, keeping the year on display.  *Reset*
rebuilds the model from the same settings (``model_params`` holds the reactive
settings) and goes back to the base year.

The scenario shown first is read from :data:`SCENARIO_ENV` (set by
``laborsim dashboard --scenario``), else ``scenarios/baseline.toml``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import solara
from mesa.visualization import Slider, SolaraViz

from sim.dashboard.controls_view import ScenarioControls, settings_for_file
from sim.dashboard.model import DashboardModel, Settings
from sim.dashboard.server import DEFAULT_SCENARIO, SCENARIO_DIR, SCENARIO_ENV
from sim.dashboard.views import dashboard_components

#: Milliseconds between years while playing.
PLAY_INTERVAL_MS = 400
#: Mesa's own model parameter: which independent random stream to run (applied on Reset).
REPLICATION_SLIDER = Slider("Replication (on Reset)", value=0, min=0, max=9, step=1)


def scenario_files(first: Path) -> dict[str, Path]:
    """Scenario picker entries: every file in ``scenarios/`` plus ``first``, by stem."""
    files = {path.stem: path for path in sorted(SCENARIO_DIR.glob("*.toml"))}
    return {first.stem: first, **{k: v for k, v in files.items() if k != first.stem}}


def first_scenario() -> Path:
    """The scenario file to show first."""
    return Path(os.environ.get(SCENARIO_ENV, str(DEFAULT_SCENARIO)))


#: Extra component levels that put the scenario card below SolaraViz's cards.
SIDEBAR_EXTRA_DEPTH = 3


@solara.component
def SidebarAfterMesa(*args: Any, depth: int = SIDEBAR_EXTRA_DEPTH) -> None:
    """The scenario card, added from deeper in the page than SolaraViz's sidebar cards.

    Solara orders what components add to the sidebar by their depth in the
    component tree (shallower first).  SolaraViz adds Controls (Play / Step /
    Reset), Model Parameters and Information at the same depth as a card added
    from the page, so the scenario card is added a few levels deeper to come
    after Play / Step / Reset, which then stay in view without scrolling.
    """
    if depth > 0:
        SidebarAfterMesa(*args, depth=depth - 1)
    else:
        ScenarioControls(*args)


@solara.component
def Page() -> None:
    """The whole dashboard for one browser session."""
    first = solara.use_memo(first_scenario, [])
    files = solara.use_memo(lambda: scenario_files(first), [first])
    settings: solara.Reactive[Settings] = solara.use_reactive(
        solara.use_memo(lambda: settings_for_file(first), [])
    )
    model: solara.Reactive[DashboardModel] = solara.use_reactive(
        solara.use_memo(lambda: DashboardModel(settings), [])
    )

    def change(new: Settings) -> None:
        settings.set(new)
        current = model.value
        model.set(DashboardModel(settings, current.replication, current.year_index))

    reference = model.value.run.reference
    group_titles = {
        code[:2]: title.removesuffix(" Occupations")
        for code, title in zip(
            reference["major_group_code"], reference["major_group_title"], strict=True
        )
    }
    SidebarAfterMesa(settings, files, group_titles, change)
    SolaraViz(
        model,
        components=dashboard_components(),
        model_params={"settings": settings, "replication": REPLICATION_SLIDER},
        name="laborsim: AI, effective compute and employment",
        play_interval=PLAY_INTERVAL_MS,
    )
