"""Figures of one run, drawn from the tables of :mod:`sim.report.frames`.

Every function takes DataFrames and returns a :class:`matplotlib.figure.Figure`
of the page width; none reads files or runs the model.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, PercentFormatter

from sim.conventions import SEED_EXAMPLES
from sim.experiments.ensemble_stats import SIGN_UNCERTAIN
from sim.report.inputs import ELASTICITY_RANGE_COLUMNS
from sim.report.style import EXPAND, NO_AI, OKABE_ITO, SHRINK, WITH_AI, new_figure, short_title

COMPONENTS = {
    "hardware": ("hardware price-performance", OKABE_ITO["sky_blue"]),
    "spending": ("spending on the largest run", OKABE_ITO["orange"]),
    "algorithms": ("algorithmic efficiency", OKABE_ITO["green"]),
}
#: Columns of an uncertainty band on a movers table (the ensemble's 5th and 95th
#: percentiles and class; ``sim.experiments.ensemble``).
BAND_COLUMNS = ("q05", "q95")
#: Exposure below this (share of task time) is shown as "no task within reach".
NOTHING_FEASIBLE = 0.005


def compute_figure(frame: pd.DataFrame, *, ceiling_usd_billion: float, base_year: int) -> Figure:
    """Effective compute over time decomposed into its factors; spending with its ceiling."""
    figure = new_figure(3.0)
    left, right = figure.subplots(1, 2, width_ratios=(1.35, 1))
    parts = [frame[name].to_numpy() for name in COMPONENTS]
    labels = [label for label, _ in COMPONENTS.values()]
    colours = [colour for _, colour in COMPONENTS.values()]
    if all((part >= 0).all() for part in parts):
        left.stackplot(frame["year"], *parts, labels=labels, colors=colours, alpha=0.85)
    else:  # a factor below its reference value cannot be stacked
        for part, label, colour in zip(parts, labels, colours, strict=True):
            left.plot(frame["year"], part, label=label, color=colour)
    left.plot(frame["year"], frame["effective_compute"], color=NO_AI, label="effective compute")
    left.set(xlabel="year", ylabel=f"orders of magnitude above {base_year}")
    left.set_title("Effective compute and its three factors", loc="left")
    left.legend(loc="upper left")
    right.plot(frame["year"], frame["spending_usd_billion"], color=OKABE_ITO["orange"])
    right.axhline(ceiling_usd_billion, color=NO_AI, linestyle="--", linewidth=1.0)
    right.annotate(
        f"S-curve ceiling USD {ceiling_usd_billion:g}B",
        xy=(frame["year"].iloc[-1], ceiling_usd_billion),
        xytext=(0, -12),
        textcoords="offset points",
        ha="right",
        va="top",
        fontsize=8,
    )
    right.set_yscale("log")
    right.set(xlabel="year", ylabel="USD billion (log scale)")
    right.set_title("Largest training run: spending", loc="left")
    right.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
    return figure


def major_groups_figure(frame: pd.DataFrame) -> Figure:
    """Small multiples: employment per SOC major group with AI and on the no-AI path."""
    groups = frame.drop_duplicates("major_group_code").sort_values("major_group_code")
    n_cols = 4
    n_rows = int(np.ceil((len(groups) + 1) / n_cols))
    figure = new_figure(1.45 * n_rows + 0.3)
    axes = figure.subplots(n_rows, n_cols, sharex=True).ravel()
    for ax, group in zip(axes, groups.itertuples(), strict=False):
        rows = frame.loc[frame["major_group_code"] == group.major_group_code]
        ax.plot(
            rows["year"], rows["employment_no_ai"] / 1e6, color=NO_AI, linestyle="--", linewidth=1.1
        )
        ax.plot(rows["year"], rows["employment"] / 1e6, color=WITH_AI, linewidth=1.4)
        ax.set_title(short_title(str(group.major_group_title), 25), fontsize=7, loc="left")
        last = rows.iloc[-1]
        ax.text(
            0.97,
            0.06,
            f"{int(last['year'])}: {last['employment'] / last['employment_no_ai'] - 1:+.0%}",
            transform=ax.transAxes,
            ha="right",
            va="bottom",
            fontsize=7,
        )
        ax.tick_params(labelsize=7)
        ax.set_ylim(bottom=0)
    for ax in axes[len(groups) :]:
        ax.axis("off")
    axes[len(groups)].legend(
        axes[0].lines[::-1], ["with AI", "no-AI path"], loc="center", fontsize=8
    )
    figure.supylabel("employment (million persons)", fontsize=9)
    figure.supxlabel("year", fontsize=9)
    return figure


def movers_figure(tables: dict[int, pd.DataFrame]) -> Figure:
    """Diverging bars: occupations expanding and shrinking most vs no-AI, one panel per year."""
    n_bars = max(len(table) for table in tables.values())
    figure = new_figure(len(tables) * (0.15 * n_bars + 0.6))
    axes = np.atleast_1d(figure.subplots(len(tables), 1))
    changes = pd.concat([table["relative_change"] for table in tables.values()])
    limits = (min(100.0 * changes.min(), 0.0) * 1.3, max(100.0 * changes.max(), 0.0) * 1.2)
    if all(set(BAND_COLUMNS) <= set(table.columns) for table in tables.values()):
        # room for the bands, up to twice the bars' reach (longer bands run off the edge)
        bands = pd.concat([table[list(BAND_COLUMNS)] for table in tables.values()])
        limits = (
            max(min(100.0 * float(bands["q05"].min()), limits[0]), 2.0 * limits[0], -100.0),
            min(max(100.0 * float(bands["q95"].max()), limits[1]), 2.0 * limits[1]),
        )
    for ax, (year, table) in zip(axes, tables.items(), strict=True):
        _mover_bars(ax, table, limits)
        ax.set_title(f"Employment vs no-AI in {year}", loc="left")
    axes[-1].set_xlabel("employment vs the no-AI path (%)")
    return figure


def _mover_bars(ax: Axes, table: pd.DataFrame, limits: tuple[float, float]) -> None:
    values = 100.0 * table["relative_change"].to_numpy()
    positions = np.arange(len(table))
    bars = ax.barh(positions, values, color=np.where(values >= 0, EXPAND, SHRINK), height=0.75)
    if set(BAND_COLUMNS) <= set(table.columns):
        _bands(ax, table, positions, bars)
    ax.set_yticks(positions, labels=[_mover_label(row) for row in table.itertuples()], fontsize=7)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(-0.7, len(table) - 0.3)
    ax.set_xlim(*limits)
    ax.axvline(0.0, color=NO_AI, linewidth=0.8)
    ax.xaxis.set_major_formatter(PercentFormatter(decimals=0))
    ax.grid(axis="y", visible=False)
    for position, value in zip(positions, values, strict=True):
        ax.text(
            float(value),
            float(position),
            f" {value:+.0f}% ",
            va="center",
            fontsize=6.5,
            ha="left" if value >= 0 else "right",
        )


def _bands(ax: Axes, table: pd.DataFrame, positions: np.ndarray, bars: Any) -> None:
    """The ensemble's 5-95% range over each bar; sign-uncertain bars hatched and pale."""
    ax.hlines(positions, 100.0 * table["q05"], 100.0 * table["q95"], color=NO_AI, linewidth=1.0)
    uncertain = (table["classification"] == SIGN_UNCERTAIN).to_numpy()
    for bar, hatched in zip(bars, uncertain, strict=True):
        if hatched:
            bar.set_alpha(0.45)
            bar.set_hatch("///")


def _mover_label(row: object) -> str:
    label = f"{short_title(str(row.title), 38)} {row.occupation_code}"  # type: ignore[attr-defined]
    if getattr(row, "classification", None) == SIGN_UNCERTAIN:
        label = f"(?) {label}"
    low, high = (getattr(row, column, None) for column in ELASTICITY_RANGE_COLUMNS)
    if low is not None and high is not None and pd.notna(low) and pd.notna(high):
        return f"{label} (ε {row.demand_elasticity:.1f}, {low:.1f}-{high:.1f})"  # type: ignore[attr-defined]
    return f"{label} (ε {row.demand_elasticity:.1f})"  # type: ignore[attr-defined]


def seed_examples_figure(rows: pd.DataFrame) -> Figure:
    """Exposure (AI can assist) and adoption (adopted) over time for the seed's examples."""
    present = set(rows["occupation_code"])
    labels = [label for code, label in SEED_EXAMPLES.items() if code in present]
    figure = new_figure(4.6)
    axes = figure.subplots(2, 3, sharex=True).ravel()
    for ax, label in zip(axes, labels, strict=False):
        _feasible_vs_adopted(ax, rows.loc[rows["label"] == label], label)
    _example_changes(axes[len(labels)], rows, labels)
    for ax in axes[len(labels) + 1 :]:
        ax.axis("off")
    handles, names = axes[0].get_legend_handles_labels()
    figure.legend(handles, names, loc="outside lower center", ncols=3)
    return figure


def _feasible_vs_adopted(ax: Axes, one: pd.DataFrame, label: str) -> None:
    ax.fill_between(
        one["year"],
        one["adoption"],
        one["exposure"],
        color=OKABE_ITO["orange"],
        alpha=0.25,
        linewidth=0,
        label="within AI's reach, not yet adopted",
    )
    ax.plot(
        one["year"], one["exposure"], color=OKABE_ITO["orange"], label="exposure (AI can assist)"
    )
    ax.plot(one["year"], one["adoption"], color=OKABE_ITO["blue"], label="adoption (adopted)")
    ax.set_ylim(-0.03, 1.03)
    ax.set_title(label, loc="left", fontsize=8)
    ax.set_ylabel("share of tasks", fontsize=8)
    if one["exposure"].max() < NOTHING_FEASIBLE:
        ax.text(
            0.5,
            0.5,
            f"no task within reach\nby {int(one['year'].max())}",
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=8,
            color="#555555",
        )


def _example_changes(ax: Axes, rows: pd.DataFrame, labels: list[str]) -> None:
    colours = (SHRINK, EXPAND, OKABE_ITO["sky_blue"], OKABE_ITO["green"], NO_AI)
    for label, colour in zip(labels, colours, strict=False):
        one = rows.loc[rows["label"] == label]
        ax.plot(
            one["year"],
            100.0 * one["relative_change"],
            label=label.replace("Sales reps", "Sales").replace("Registered nurses", "Nurses"),
            color=colour,
            linewidth=1.3,
        )
    low, high = ax.get_ylim()
    ax.set_ylim(low, high + 0.75 * (high - low))  # head-room for the legend
    ax.axhline(0.0, color=NO_AI, linewidth=0.6)
    ax.yaxis.set_major_formatter(PercentFormatter(decimals=0))
    ax.set_title("Employment vs no-AI", loc="left", fontsize=8)
    ax.legend(fontsize=6.5, loc="upper left", ncols=2, handlelength=1.2, columnspacing=0.8)
