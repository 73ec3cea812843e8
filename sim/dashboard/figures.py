"""The dashboard's own figures (the exposure-vs-elasticity picture is the report's).

Each function takes the tables of :mod:`sim.dashboard.data` and returns a
matplotlib :class:`~matplotlib.figure.Figure` in the report's style, sized for
one card of the dashboard's grid.  A dotted vertical line marks the year on
display.  Units: OOM = orders of magnitude (log10) of effective compute above
the scenario's reference year; employment in thousands or millions of persons.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from sim.report.style import EXPAND, NO_AI, SHRINK, WITH_AI, new_figure, short_title

#: Card figure size (inches): the grid cards are about 560 x 360 pixels.
CARD_WIDTH_IN, CARD_HEIGHT_IN = 5.6, 3.3
MILLION = 1e6
THOUSAND = 1e3
PERCENT = 100.0
#: Lines of the compute decomposition: (column, label).
COMPUTE_LINES = (
    ("log10_effective_compute", "effective compute"),
    ("log10_hardware", "hardware price-performance"),
    ("log10_spending", "largest-run spending"),
    ("log10_algorithms", "algorithmic efficiency"),
)


def compute_figure(economy: pd.DataFrame, year: int) -> Figure:
    """Effective compute and its three factors over time (OOM above the reference year)."""
    figure = new_figure(CARD_HEIGHT_IN, width_in=CARD_WIDTH_IN)
    ax = figure.add_subplot()
    for column, label in COMPUTE_LINES:
        width = 2.4 if column == "log10_effective_compute" else 1.3
        ax.plot(economy["year"], economy[column], label=label, linewidth=width)
    ax.axvline(year, color=NO_AI, linestyle=":", linewidth=1.0)
    ax.set_ylabel("OOM above reference year")
    ax.set_title(f"Effective compute = hardware x spending x algorithms ({year})", loc="left")
    ax.legend(loc="upper left")
    return figure


def group_figure(changes: pd.DataFrame, year: int) -> Figure:
    """Employment vs the no-AI path by SOC major group in ``year`` (per cent)."""
    figure = new_figure(CARD_HEIGHT_IN, width_in=CARD_WIDTH_IN)
    ax = figure.add_subplot()
    percent = PERCENT * changes["relative_change"]
    labels = [short_title(title, 30) for title in changes["major_group_title"]]
    colours = [EXPAND if value >= 0 else SHRINK for value in percent]
    ax.barh(labels, percent, color=colours)
    ax.axvline(0.0, color=NO_AI, linewidth=0.8)
    ax.tick_params(axis="y", labelsize=6)
    ax.set_xlabel("employment vs no-AI path (%)")
    ax.set_title(f"Employment vs no-AI by SOC major group, {year}", loc="left")
    return figure


def occupation_figure(
    path: pd.DataFrame, year: int, title: str, band: pd.DataFrame | None = None
) -> Figure:
    """One occupation's employment with AI and on its no-AI path (thousands or millions).

    ``band`` (the occupation's rows of an uncertainty ensemble: ``year``,
    ``median``, ``q05``, ``q95`` as changes vs no-AI) adds the ensemble's median
    and 5-95% range at its years, applied to the no-AI path.
    """
    largest = float(max(path["employment"].max(), path["employment_no_ai"].max()))
    scale, unit = (MILLION, "millions") if largest >= MILLION else (THOUSAND, "thousands")
    figure = new_figure(CARD_HEIGHT_IN * 0.75, width_in=CARD_WIDTH_IN * 0.6)
    ax = figure.add_subplot()
    ax.plot(path["year"], path["employment"] / scale, color=WITH_AI, label="with AI")
    ax.plot(
        path["year"],
        path["employment_no_ai"] / scale,
        color=NO_AI,
        linestyle="--",
        label="no-AI path",
    )
    if band is not None and not band.empty:
        no_ai = path.set_index("year").loc[band["year"], "employment_no_ai"].to_numpy() / scale
        median = no_ai * (1.0 + band["median"].to_numpy())
        ax.errorbar(
            band["year"],
            median,
            yerr=[median - no_ai * (1.0 + band["q05"]), no_ai * (1.0 + band["q95"]) - median],
            fmt="o",
            color=WITH_AI,
            capsize=3,
            markersize=4,
            label="ensemble median, 5-95%",
        )
    ax.axvline(year, color=NO_AI, linestyle=":", linewidth=1.0)
    ax.set_ylim(bottom=0.0)
    ax.set_ylabel(f"employment ({unit})")
    ax.set_title(short_title(title, 40), loc="left")
    ax.legend(loc="best")
    return figure
