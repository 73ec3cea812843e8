"""Figures across runs: scenario comparisons, fan charts and sensitivity bars.

Every function takes DataFrames and returns a page-wide
:class:`matplotlib.figure.Figure`; none reads files or runs the model.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from sim.report.style import NO_AI, OKABE_ITO, SERIES_COLOURS, WITH_AI, new_figure, short_title
from sim.report.sweep import SERIES_OUTCOMES, fan_quantiles

MARKERS = ("o", "s", "D", "^", "v", "P", "X", "*")
#: With fewer years than this (e.g. a sweep's milestone years) quantiles are drawn
#: as intervals per year, not as bands interpolated between years.
MIN_YEARS_FOR_BANDS = 5


def compare_lines_figure(
    frames: dict[str, pd.DataFrame], *, column: str, ylabel: str, title: str
) -> Figure:
    """One line per scenario of ``column`` over ``year``."""
    figure = new_figure(2.8)
    ax = figure.subplots()
    for (name, frame), colour in zip(frames.items(), SERIES_COLOURS, strict=False):
        ax.plot(frame["year"], frame[column], color=colour, label=name)
    ax.set(xlabel="year", ylabel=ylabel)
    ax.set_title(title, loc="left")
    ax.legend(loc="best")
    return figure


def compare_groups_figure(table: pd.DataFrame, *, year: int) -> Figure:
    """Dot plot: employment vs no-AI per SOC major group, one marker per scenario.

    ``table`` has columns ``scenario``, ``major_group_title`` and ``relative_change``.
    """
    groups = sorted(table["major_group_title"].unique(), reverse=True)
    figure = new_figure(0.2 * len(groups) + 1.0)
    ax = figure.subplots()
    positions = {group: i for i, group in enumerate(groups)}
    scenarios = list(dict.fromkeys(table["scenario"]))
    for index, scenario in enumerate(scenarios):
        rows = table.loc[table["scenario"] == scenario]
        colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        ax.scatter(
            100.0 * rows["relative_change"],
            rows["major_group_title"].map(positions),
            facecolors=colour if index == 0 else "none",
            edgecolors=colour,
            linewidths=1.2,
            marker=MARKERS[index % len(MARKERS)],
            s=30 if index == 0 else 44,
            label=scenario,
            zorder=3,
        )
    ax.set_yticks(range(len(groups)), labels=[short_title(g, 40) for g in groups], fontsize=7)
    ax.axvline(0.0, color=NO_AI, linewidth=0.8)
    ax.xaxis.set_major_formatter(PercentFormatter(decimals=0))
    ax.set_xlabel(f"employment vs no-AI in {year}")
    figure.legend(loc="outside lower center", ncols=min(len(scenarios), 4))
    return figure


def fan_chart_figure(series: pd.DataFrame) -> Figure:
    """Median, 50% and 90% bands across runs of each outcome over time."""
    quantiles = fan_quantiles(series)
    outcomes = [name for name in SERIES_OUTCOMES if name in set(quantiles["outcome"])]
    n_rows = int(np.ceil(len(outcomes) / 2))
    figure = new_figure(2.3 * n_rows + 0.4)
    axes = np.atleast_1d(figure.subplots(n_rows, 2, sharex=True)).ravel()
    for ax, name in zip(axes, outcomes, strict=False):
        rows = quantiles.loc[quantiles["outcome"] == name]
        if len(rows) >= MIN_YEARS_FOR_BANDS:
            _bands(ax, rows)
        else:  # a few milestone years: no interpolation between them
            _intervals(ax, rows)
        outcome = SERIES_OUTCOMES[name]
        ax.set_title(outcome.label, loc="left", fontsize=8.5)
        ax.set_ylabel(outcome.unit)
    for ax in axes[len(outcomes) :]:
        ax.axis("off")
    handles, labels = axes[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="outside lower center", ncols=3)
    for ax in axes[-2:]:
        ax.set_xlabel("year")
    return figure


def _bands(ax: Axes, rows: pd.DataFrame) -> None:
    ax.fill_between(
        rows["year"],
        rows["q05"],
        rows["q95"],
        color=WITH_AI,
        alpha=0.18,
        linewidth=0,
        label="90% of runs",
    )
    ax.fill_between(
        rows["year"],
        rows["q25"],
        rows["q75"],
        color=WITH_AI,
        alpha=0.38,
        linewidth=0,
        label="50% of runs",
    )
    ax.plot(rows["year"], rows["q50"], color=WITH_AI, label="median")


def _intervals(ax: Axes, rows: pd.DataFrame) -> None:
    years = rows["year"].to_numpy()
    ax.vlines(
        years,
        rows["q05"],
        rows["q95"],
        color=WITH_AI,
        alpha=0.35,
        linewidth=10,
        label="90% of runs",
    )
    ax.vlines(
        years, rows["q25"], rows["q75"], color=WITH_AI, alpha=0.7, linewidth=10, label="50% of runs"
    )
    ax.scatter(years, rows["q50"], color="white", edgecolors=NO_AI, s=36, zorder=3, label="median")
    ax.set_xticks(years)
    ax.set_xlim(years.min() - 5, years.max() + 5)


def sensitivity_figure(table: pd.DataFrame) -> Figure:
    """Bars of Sobol (S1, ST) or Morris (mu*, sigma) indices per outcome, largest first."""
    outcomes = list(dict.fromkeys(table["outcome"]))
    n_params = table["parameter"].nunique()
    figure = new_figure(len(outcomes) * (0.22 * n_params + 0.8))
    axes = np.atleast_1d(figure.subplots(len(outcomes), 1))
    for ax, outcome in zip(axes, outcomes, strict=True):
        rows = table.loc[table["outcome"] == outcome]
        indices = list(dict.fromkeys(rows["index"]))
        wide = rows.pivot_table(index="parameter", columns="index", values="value").reindex(
            columns=indices
        )
        conf = rows.pivot_table(index="parameter", columns="index", values="conf").reindex(
            columns=indices
        )
        wide = wide.sort_values(indices[-1])
        height = 0.8 / len(indices)
        for k, index in enumerate(indices):
            y = np.arange(len(wide)) + (k - (len(indices) - 1) / 2) * height
            ax.barh(
                y,
                wide[index],
                xerr=conf.loc[wide.index, index],
                height=height,
                label=index,
                color=(OKABE_ITO["sky_blue"], OKABE_ITO["blue"])[k % 2],
                error_kw={"linewidth": 0.7},
            )
        ax.set_yticks(range(len(wide)), labels=wide.index, fontsize=7)
        ax.set_title(f"{outcome} ({rows['method'].iloc[0]})", loc="left", fontsize=8.5)
    axes[-1].set_xlabel("sensitivity index (whiskers: 95% confidence interval)")
    handles, labels = axes[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="outside lower center", ncols=len(labels))
    return figure
