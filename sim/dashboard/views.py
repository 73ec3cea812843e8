"""The dashboard's live views, which SolaraViz lays out on its grid.

Each view takes the :class:`~sim.dashboard.model.DashboardModel` and shows the
year on display (``model.year``) of its completed run.  The exposure-vs-elasticity
picture is drawn by the report's :func:`sim.report.seed_picture.seed_picture`.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Sequence
from html import escape
from typing import Any, cast

import pandas as pd
import solara
from matplotlib.figure import Figure

from sim.dashboard.data import CRITERIA_COLUMNS
from sim.dashboard.figures import compute_figure, group_figure, occupation_figure
from sim.dashboard.model import DashboardModel
from sim.report.seed_picture import seed_picture
from sim.report.style import report_style

MILLION = 1e6
PERCENT = 100.0
#: Occupation shown in the search view until the user picks another (the seed's example).
DEFAULT_OCCUPATION = "29-1224"
#: Matches listed by the occupation search.
MAX_MATCHES = 60
#: Resolution of the figures sent to the browser (dots per inch): a card is ~560 px wide.
SCREEN_DPI = 100
#: Style of table cells holding numbers: right-aligned, never wrapped.
NUMBER_CELL = "text-align:right;white-space:nowrap"
#: CSS class of the "updating" mark shown while a figure is redrawn.
DRAWING_CLASS = "laborsim-drawing"
#: One figure is drawn at a time (matplotlib's rc settings are process-wide).
_DRAWING = threading.Lock()
#: CSS class of the headline employment figure (the browser test reads it).
HORIZON_EMPLOYMENT_CLASS = "laborsim-horizon-employment"


def _figure(figure_factory, model: DashboardModel, *extra: object) -> None:
    """Show a figure of the (run, year, ``extra``) on display, drawn off the render thread.

    The text and tables of a view update at once; the figure keeps its previous
    image, marked "updating", until the new one is drawn.
    """
    dependencies = [id(model.run), model.year_index, *extra]

    def draw(cancel: threading.Event) -> bytes | None:
        return png_bytes(figure_factory, cancel)

    drawn = solara.use_thread(draw, dependencies=dependencies, intrusive_cancel=False)
    last = solara.use_ref(cast(bytes | None, None))
    if drawn.state == solara.ResultState.FINISHED and drawn.value is not None:
        last.current = drawn.value
    if drawn.state == solara.ResultState.ERROR:
        solara.Error(f"figure failed: {drawn.error}")
    elif drawn.state != solara.ResultState.FINISHED:
        solara.Text("updating…", classes=[DRAWING_CLASS], style="color: #888; font-size: 0.8em")
    if last.current is not None:
        solara.Image(last.current)


def png_bytes(
    figure_factory: Callable[[], Figure], cancel: threading.Event | None = None
) -> bytes | None:
    """Draw a figure in the report's style and encode it as PNG at screen resolution.

    Matplotlib's style settings are process-wide, so figures are drawn one at a
    time; a drawing cancelled (superseded by a newer year or run) while it waited
    returns ``None``.
    """
    with _DRAWING, report_style():
        if cancel is not None and cancel.is_set():
            return None
        figure = figure_factory()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=SCREEN_DPI)
    return buffer.getvalue()


def Summary(model: DashboardModel) -> None:
    """Headline: total employment with and without AI, now and at the horizon."""
    run = model.run
    horizon, horizon_no_ai = run.totals(model.horizon_year)
    now, now_no_ai = run.totals(model.year)
    settings = model.settings
    changed = len(settings.overrides)
    with solara.Column(gap="4px"):
        solara.Text(
            f"Scenario {settings.label}"
            + (f" with {changed} changed setting{'s' * (changed != 1)}" if changed else ""),
            style="font-size: 1.3em; font-weight: 500",
        )
        solara.Text(
            f"Year on display: {model.year} (Step / ▶ in Controls replay the run from "
            f"{model.run.years[0]}; Reset returns to {model.horizon_year})"
        )
        with solara.Row(gap="6px"):
            solara.Text(f"Employment in {model.horizon_year}:")
            solara.Text(
                f"{horizon / MILLION:.2f} M",
                classes=[HORIZON_EMPLOYMENT_CLASS],
                style="font-weight: bold",
            )
            solara.Text(
                f"vs {horizon_no_ai / MILLION:.2f} M on the no-AI path "
                f"({PERCENT * (horizon / horizon_no_ai - 1):+.1f}%)"
            )
        if model.year != model.horizon_year:
            solara.Text(
                f"Employment in {model.year}: {now / MILLION:.2f} M vs "
                f"{now_no_ai / MILLION:.2f} M no-AI ({PERCENT * (now / now_no_ai - 1):+.1f}%)"
            )
        solara.Text(
            f"Replication {run.replication}. Scenario run {run.run_seconds:.2f} s (whole "
            f"{run.years[0]}-{run.years[-1]} run, vectorised); last update "
            f"{model.build_seconds:.2f} s (0 when the run was cached)",
            style="color: #666; font-size: 0.85em",
        )


def ComputeView(model: DashboardModel) -> None:
    """Effective-compute path and its hardware / spending / algorithms decomposition."""
    _figure(lambda: compute_figure(model.run.result.economy, model.year), model)


def GroupView(model: DashboardModel) -> None:
    """Employment vs the no-AI path by SOC major group in the year on display."""
    _figure(lambda: group_figure(model.run.group_changes(model.year), model.year), model)


def SeedPictureView(model: DashboardModel) -> None:
    """The report's exposure-vs-elasticity bubble chart in the year on display."""
    frame = model.run.seed_picture_frame(model.year)
    _figure(lambda: seed_picture(frame, year=model.year), model)


def MoversView(model: DashboardModel) -> None:
    """Occupations shrinking and growing most against their no-AI path."""
    table = model.run.movers(model.year)
    solara.Text(
        f"Top movers vs no-AI in {model.year} (occupations with 10,000+ workers)",
        style="font-weight: bold",
    )
    solara.HTML(tag="div", unsafe_innerHTML=movers_html(table))


def movers_html(table: pd.DataFrame) -> str:
    """The movers table as HTML: change in per cent and in thousands of workers."""
    rows = [
        (
            str(row.title),
            f"{PERCENT * row.relative_change:+.0f}%",
            f"{row.difference / 1e3:+,.0f}k",
            _elasticity_text(row),
        )
        for row in table.itertuples(index=False)
    ]
    return html_table(("occupation", "vs no-AI", "workers", "elasticity"), rows)


def _elasticity_text(row: Any) -> str:
    """Base-year elasticity, with the data set's 5-95% range where the table has it."""
    text = f"{row.demand_elasticity:.2f}"
    low, high = getattr(row, "elasticity_low", None), getattr(row, "elasticity_high", None)
    if low is not None and high is not None and not (pd.isna(low) or pd.isna(high)):
        text += f" ({low:.2f}-{high:.2f})"
    return text


def html_table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    """A compact HTML table; the first column left-aligned, the others right-aligned."""

    def cells(values: tuple[str, ...], tag: str) -> str:
        return "".join(
            f'<{tag} style="{"text-align:left" if i == 0 else NUMBER_CELL};padding:1px 6px">'
            f"{escape(value)}</{tag}>"
            for i, value in enumerate(values)
        )

    body = "".join(f"<tr>{cells(row, 'td')}</tr>" for row in rows)
    return (
        '<table style="border-collapse:collapse;font-size:0.85em">'
        f"<thead><tr>{cells(header, 'th')}</tr></thead><tbody>{body}</tbody></table>"
    )


selected_occupation = solara.reactive(DEFAULT_OCCUPATION)
search_text = solara.reactive("")


def OccupationView(model: DashboardModel) -> None:
    """Search an occupation: criteria scores, exposure, adoption, productivity, elasticity, path."""
    titles = model.run.occupation_titles()
    matches = matching_occupations(titles, search_text.value)
    code = selected_occupation.value if selected_occupation.value in titles else next(iter(titles))
    options = [f"{match} {titles[match]}" for match in dict.fromkeys([code, *matches])]
    with solara.Row():
        solara.InputText("Search occupations", value=search_text, continuous_update=True)
        solara.Select(
            "Occupation",
            values=options,
            value=f"{code} {titles[code]}",
            on_value=lambda choice: selected_occupation.set(choice.split(" ", 1)[0]),
        )
    facts = model.run.occupation_facts(code, model.year)
    with solara.Row():
        solara.HTML(tag="div", unsafe_innerHTML=facts_html(facts, model.year))
        path = model.run.occupation_path(code)
        band = model.run.ensemble_band(code)
        _figure(lambda: occupation_figure(path, model.year, str(facts["title"]), band), model, code)


def matching_occupations(titles: dict[str, str], query: str) -> list[str]:
    """Codes whose title contains ``query`` (any case) or whose code starts with it."""
    needle = query.strip().lower()
    found = [
        code for code, title in titles.items() if needle in title.lower() or code.startswith(needle)
    ]
    return found[:MAX_MATCHES]


def facts_html(facts: dict[str, float | str], year: int) -> str:
    """One occupation's criteria scores (percentile ranks, 0-1) and its state in ``year``."""
    rows = [(f"{name.replace('_', ' ')} (rank)", f"{facts[name]:.2f}") for name in CRITERIA_COLUMNS]
    estimate = ""
    if "elasticity_central" in facts:
        estimate = (
            f"{facts['elasticity_central']:.2f} ({facts['elasticity_low']:.2f} to "
            f"{facts['elasticity_high']:.2f})"
        )
    change = PERCENT * (float(facts["employment"]) / float(facts["employment_no_ai"]) - 1.0)
    rows += [
        (f"exposure {year}", f"{facts['exposure']:.2f}"),
        (f"adoption {year}", f"{facts['adoption']:.2f}"),
        ("productivity multiplier", f"{facts['productivity_multiplier']:.2f}x"),
        (f"demand elasticity {year}", f"{facts['demand_elasticity']:.2f}"),
        *([("estimated elasticity (5-95%)", estimate)] if estimate else []),
        (f"employment vs no-AI {year}", f"{change:+.0f}%"),
        *[(name, str(value)) for name, value in facts.items() if name.startswith("ensemble ")],
    ]
    return html_table((str(facts["title"]), ""), rows)


def dashboard_components() -> list[tuple[Callable[[DashboardModel], None], int]]:
    """The views in SolaraViz's ``components`` form: (view, page).

    The views are plain functions: SolaraViz wraps each in a component that
    redraws after every Step (the model object stays the same while its year moves).
    """
    views = (Summary, ComputeView, GroupView, MoversView, SeedPictureView, OccupationView)
    return [(view, 0) for view in views]
