"""The sidebar's scenario controls, built from :func:`sim.dashboard.controls.available_controls`.

A slider applies its value when released (or on a key press), a select when
chosen: the new overrides are validated exactly like a scenario file
(:func:`sim.derive`); a valid change re-runs the scenario at once, an invalid
one shows the validation message and keeps the last valid run.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import solara
import solara.lab
from reacton import ipyvue

from sim.dashboard.controls import (
    SLIDER_POSITIONS,
    Control,
    apply_overrides,
    available_controls,
    current_value,
    override_key,
)
from sim.dashboard.model import Settings
from sim.errors import LaborsimError
from sim.io.scenario_files import load_scenario

OnChange = Callable[[str, Any], None]


def settings_for_file(path: Path) -> Settings:
    """Settings of a scenario file with no overrides (raises ``LaborsimError`` if invalid)."""
    return Settings(label=path.stem, base=load_scenario(path))


def with_override(settings: Settings, path: str, value: Any) -> Settings:
    """Settings with one more override, validated (raises ``ScenarioError`` if invalid)."""
    overrides = {**settings.overrides, path: value}
    return Settings(
        settings.label, settings.base, overrides, apply_overrides(settings.base, overrides)
    )


@solara.component
def ScenarioControls(
    settings: solara.Reactive[Settings],
    scenario_files: dict[str, Path],
    group_titles: dict[str, str],
    on_settings: Callable[[Settings], None],
) -> None:
    """Scenario picker, one control per exposed parameter, and the validation message."""
    error = solara.use_reactive("")

    def attempt(make: Callable[[], Settings]) -> None:
        try:
            new = make()
        except LaborsimError as problem:
            error.set(str(problem))
            return
        error.set("")
        on_settings(new)

    current = settings.value
    with solara.Sidebar(), solara.Card("Scenario"):
        solara.Select(
            "Scenario file",
            values=list(scenario_files),
            value=current.label,
            on_value=lambda name: attempt(lambda: settings_for_file(scenario_files[name])),
        )
        solara.Button(
            f"Undo {len(current.overrides)} change(s)" if current.overrides else "No changes",
            text=True,
            disabled=not current.overrides,
            on_click=lambda: attempt(lambda: Settings(current.label, current.base)),
        )
        if error.value:
            solara.Error(error.value).key("error")
        on_change: OnChange = lambda path, value: attempt(  # noqa: E731
            lambda: with_override(settings.value, path, value)
        )
        for title, controls in available_controls():
            # keys keep each control's widgets in place when elements above come or go
            with solara.Column(gap="2px").key(f"group-{title}"):
                solara.Text(title, style="font-weight: bold; margin-top: 10px")
                for control in controls:
                    ControlInput(control, current, group_titles, on_change).key(control.path)


@solara.component
def ControlInput(
    control: Control, settings: Settings, group_titles: dict[str, str], on_change: OnChange
) -> None:
    """One control: a select (choices), or a slider for a number or a dict entry."""
    scenario = settings.effective
    chosen_key = solara.use_reactive("")
    if control.kind == "choice":
        with solara.Tooltip(control.help):
            solara.Select(
                control.label,
                values=list(control.choices),
                value=current_value(scenario, control.path),
                on_value=lambda value: on_change(control.path, value),
            )
        return
    key = None
    if control.kind == "keyed":
        names = {
            key: f"{key} {group_titles.get(key, '')}".strip()
            for key in sorted(current_value(scenario, control.path))
        }
        key = chosen_key.value if chosen_key.value in names else next(iter(names))
        solara.Select(
            f"{control.label} of SOC major group",
            values=list(names.values()),
            value=names[key],
            on_value=lambda name: chosen_key.set(name.split(" ", 1)[0]),
        )
    value = current_value(scenario, control.path, key)
    NumberSlider(control, float(value), lambda v: on_change(override_key(control, key), v))


@solara.component
def NumberSlider(control: Control, value: float, on_value: Callable[[float], None]) -> None:
    """A slider over the declared range that applies its value on release."""
    label = f"{control.label}: {value:g} {control.unit}"

    def released(*args: Any) -> None:
        position = int(args[-1])
        on_value(control.from_position(position))

    with solara.Tooltip(control.help):
        with solara.Column(gap="0px"):
            solara.Text(label, style="font-size: 0.9em")
            slider = solara.v.Slider(
                v_model=control.to_position(value),
                min=0,
                max=SLIDER_POSITIONS,
                step=1,
                dense=True,
                hide_details=True,
                class_="laborsim-slider",
                attributes={"data-path": control.path},
            )
    ipyvue.use_event(slider, "change", released)
