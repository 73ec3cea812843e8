"""The seed's picture: occupations by exposure and demand elasticity.

Each occupation is a bubble at its exposure (x, share of tasks AI can do) and
price elasticity of demand (y, log scale); bubble area is employment and
colour is employment against the no-AI path.  Above elasticity 1, cheaper
output raises demand by more than output per worker rises, so exposed work
expands; below it, exposed work shrinks.  The report and the dashboard both
draw it with :func:`seed_picture` from a plain DataFrame.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import TwoSlopeNorm
from matplotlib.figure import Figure

from sim.report.style import CHANGE_CMAP, OKABE_ITO, new_figure

#: Columns :func:`seed_picture` needs.
SEED_PICTURE_COLUMNS = (
    "occupation_code",
    "exposure",
    "demand_elasticity",
    "employment",
    "relative_change",
)
#: Occupations annotated, with the label and where it goes (axes fraction): elastic
#: examples in the empty band at the top, inelastic ones in the sparse band at the bottom.
ANNOTATED = {
    "29-1224": ("Radiologists", (0.74, 0.12)),
    "41-4012": ("Sales reps (wholesale)", (0.27, 0.80)),
    "41-4011": ("Sales reps (technical)", (0.84, 0.96)),
    "ENTR-0001": ("Entrepreneurs", (0.60, 0.87)),
    "29-1141": ("Registered nurses", (0.20, 0.12)),
}
#: Colour scale limit: changes beyond +/- this many percent share the end colours.
COLOUR_LIMIT_PCT = 50.0
#: Bubble area (points^2) of the largest occupation.
MAX_BUBBLE_AREA = 700.0
SIZE_LEGEND_PERSONS = (100_000, 1_000_000, 4_000_000)
#: The y axis spans at least this range (elasticity) and widens to hold every occupation.
Y_LIMITS = (0.06, 5.0)
Y_TICKS = (0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0)


def seed_picture(frame: pd.DataFrame, *, year: int, ax: Axes | None = None) -> Figure:
    """Draw the seed's picture and return its figure.

    Parameters
    ----------
    frame
        One row per occupation with :data:`SEED_PICTURE_COLUMNS`: exposure (share
        of tasks, 0-1), demand elasticity (> 0), employment (persons, sets the
        bubble area) and relative change vs no-AI (fraction, sets the colour).
    year
        Year the exposure and the change refer to (for the labels).
    ax
        Axes to draw on; ``None`` makes a page-wide figure.
    """
    missing = [c for c in SEED_PICTURE_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"seed_picture: frame lacks columns {', '.join(missing)}")
    if ax is None:
        ax = new_figure(5.2).add_subplot()
    scale = MAX_BUBBLE_AREA / float(frame["employment"].max())
    order = frame.sort_values("employment", ascending=False)
    norm = TwoSlopeNorm(vmin=-COLOUR_LIMIT_PCT, vcenter=0.0, vmax=COLOUR_LIMIT_PCT)
    limits = (
        min(Y_LIMITS[0], float(frame["demand_elasticity"].min()) / 1.8),
        max(Y_LIMITS[1], float(frame["demand_elasticity"].max()) * 1.6),
    )
    points = ax.scatter(
        order["exposure"],
        order["demand_elasticity"],
        s=order["employment"] * scale,
        c=(100.0 * order["relative_change"]).clip(-COLOUR_LIMIT_PCT, COLOUR_LIMIT_PCT),
        cmap=CHANGE_CMAP,
        norm=norm,
        alpha=0.85,
        edgecolors="#555555",
        linewidths=0.4,
    )
    _axes_and_regions(ax, limits)
    _annotate(ax, frame)
    _size_legend(ax, scale)
    colourbar = ax.figure.colorbar(points, ax=ax, extend="both", pad=0.06, shrink=0.9)
    colourbar.set_label(f"employment vs no-AI in {year} (%)")
    ax.set_xlabel(f"exposure in {year} (share of the occupation's tasks AI can do)")
    return ax.figure  # type: ignore[return-value]


def _axes_and_regions(ax: Axes, limits: tuple[float, float]) -> None:
    ax.set_yscale("log")
    ax.set_ylim(*limits)
    ax.set_xlim(-0.03, 1.03)
    ticks = [tick for tick in Y_TICKS if limits[0] <= tick <= limits[1]]
    ax.set_yticks(ticks, labels=[f"{tick:g}" for tick in ticks])
    ax.minorticks_off()
    ax.set_ylabel("price elasticity of demand (base year, log scale)")
    ax.axhline(1.0, color=OKABE_ITO["black"], linewidth=1.0, linestyle="--")
    ax.text(
        1.01,
        1.0,
        "elasticity\n= 1",
        transform=ax.get_yaxis_transform(),
        ha="left",
        va="center",
        fontsize=8,
    )
    box = {"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": "none", "alpha": 0.8}
    ax.text(
        0.01,
        0.98,
        "EXPAND (elasticity > 1): demand grows\nmore than output per worker",
        transform=ax.transAxes,
        va="top",
        ha="left",
        fontsize=8,
        color=OKABE_ITO["blue"],
        bbox=box,
    )
    ax.text(
        0.01,
        0.02,
        "SHRINK (elasticity < 1): demand grows less than output per worker",
        transform=ax.transAxes,
        va="bottom",
        ha="left",
        fontsize=8,
        color=OKABE_ITO["vermillion"],
        bbox=box,
    )


def _annotate(ax: Axes, frame: pd.DataFrame) -> None:
    codes = frame["occupation_code"].astype(str)
    for code, (label, position) in ANNOTATED.items():
        rows = frame.loc[codes == code]
        if rows.empty:
            continue
        row = rows.iloc[0]
        ax.annotate(
            f"{label} {100.0 * row['relative_change']:+.0f}%",
            xy=(row["exposure"], row["demand_elasticity"]),
            xytext=position,
            textcoords="axes fraction",
            fontsize=8,
            ha="center",
            arrowprops={"arrowstyle": "-", "color": "#333333", "linewidth": 0.7},
            bbox={
                "boxstyle": "round,pad=0.2",
                "facecolor": "white",
                "edgecolor": "#999999",
                "linewidth": 0.5,
            },
        )


def _size_legend(ax: Axes, scale: float) -> None:
    handles = [
        ax.scatter(
            [], [], s=persons * scale, facecolors="none", edgecolors="#555555", linewidths=0.6
        )
        for persons in SIZE_LEGEND_PERSONS
    ]
    labels = [f"{persons / 1e6:g}M workers" for persons in SIZE_LEGEND_PERSONS]
    ax.legend(
        handles,
        labels,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12),
        ncols=3,
        title="bubble area: employment in the base year",
        title_fontsize=8,
        columnspacing=3.0,
        handletextpad=1.2,
        borderpad=0.9,
    )
