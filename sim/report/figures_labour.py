"""Figures of a run about people and pay: wage quintiles, unemployment, destinations.

Every function takes DataFrames and returns a page-wide
:class:`matplotlib.figure.Figure`; none reads files or runs the model.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from sim.report.style import NO_AI, OKABE_ITO, WITH_AI, new_figure, short_title


def wage_figure(quintiles: pd.DataFrame, economy: pd.DataFrame) -> Figure:
    """Employment change vs no-AI by wage quintile; wage bill with and without AI."""
    figure = new_figure(3.0)
    left, right = figure.subplots(1, 2, width_ratios=(1.2, 1))
    years = sorted(quintiles["year"].unique())
    width = 0.8 / len(years)
    for offset, year in enumerate(years):
        rows = quintiles.loc[quintiles["year"] == year].sort_values("quintile")
        x = rows["quintile"].to_numpy() + (offset - (len(years) - 1) / 2) * width
        left.bar(
            x,
            100.0 * rows["relative_change"],
            width=width,
            label=str(year),
            color=(OKABE_ITO["sky_blue"], OKABE_ITO["blue"])[offset % 2],
        )
    first = quintiles.loc[quintiles["year"] == years[0]].sort_values("quintile")
    left.set_xticks(
        first["quintile"],
        labels=[
            f"Q{q}\n{lo / 1e3:.0f}-{hi / 1e3:.0f}"
            for q, lo, hi in zip(
                first["quintile"], first["wage_low"], first["wage_high"], strict=True
            )
        ],
        fontsize=7,
    )
    left.axhline(0.0, color=NO_AI, linewidth=0.8)
    left.yaxis.set_major_formatter(PercentFormatter(decimals=0))
    left.set(xlabel="wage quintile (mean annual wage, USD thousand)", ylabel="employment vs no-AI")
    left.set_title("Who gains, who loses", loc="left")
    left.legend(title="year", loc="best")
    right.plot(
        economy["year"],
        economy["wage_bill_no_ai_usd_billion"] / 1e3,
        color=NO_AI,
        linestyle="--",
        label="no-AI path",
    )
    right.plot(
        economy["year"], economy["wage_bill_usd_billion"] / 1e3, color=WITH_AI, label="with AI"
    )
    right.set(xlabel="year", ylabel="USD trillion a year (base-year wages)")
    right.set_title("Wage bill", loc="left")
    right.legend(loc="best")
    return figure


def unemployment_figure(economy: pd.DataFrame) -> Figure:
    """Unemployment with AI and on the no-AI path; rate and long-term where recorded."""
    panels = [("unemployed", "Displaced workers in unemployment", "million persons", 1e-6)]
    if "unemployment_rate" in economy.columns:
        panels = [
            ("unemployment_rate", "Unemployment rate", "% of the labour force", 100.0),
            ("long_term_unemployed", "Long-term unemployed", "million persons", 1e-6),
        ]
    if "openings_rate" in economy.columns:
        panels.append(("openings_rate", "Openings rate", "% of positions", 100.0))
    figure = new_figure(2.6)
    axes = np.atleast_1d(figure.subplots(1, len(panels)))
    for ax, (column, title, unit, factor) in zip(axes, panels, strict=True):
        ax.plot(
            economy["year"],
            economy[f"{column}_no_ai"] * factor,
            color=NO_AI,
            linestyle="--",
            label="no-AI path",
        )
        ax.plot(economy["year"], economy[column] * factor, color=WITH_AI, label="with AI")
        ax.set(xlabel="year", ylabel=unit)
        ax.set_title(title, loc="left")
        ax.set_ylim(bottom=0)
    axes[0].legend(loc="best")
    return figure


def destinations_figure(flows: pd.DataFrame, titles: dict[str, str]) -> Figure:
    """Where displaced workers went: the five largest destinations per source occupation.

    ``flows`` has columns ``from_code``, ``to_code`` and ``workers`` (persons
    moved, summed over the run), one row per pair.
    """
    sources = list(dict.fromkeys(flows["from_code"]))
    figure = new_figure(1.3 * len(sources) + 0.4)
    axes = np.atleast_1d(figure.subplots(len(sources), 1))
    for ax, source in zip(axes, sources, strict=True):
        rows = flows.loc[flows["from_code"] == source].nlargest(5, "workers")[::-1]
        labels = [f"{short_title(titles.get(c, c), 40)} {c}" for c in rows["to_code"]]
        ax.barh(labels, rows["workers"] / 1e3, color=OKABE_ITO["blue"])
        ax.set_title(
            f"From {short_title(titles.get(source, source), 50)} {source}", loc="left", fontsize=8
        )
        ax.tick_params(axis="y", labelsize=7)
    axes[-1].set_xlabel("workers moved (thousands)")
    return figure


def labour_share_figure(economy: pd.DataFrame) -> Figure:
    """Labour share of output value over time, with AI and on the no-AI path."""
    figure = new_figure(2.4)
    ax = figure.subplots()
    ax.plot(
        economy["year"],
        100.0 * economy["labour_share_no_ai"],
        color=NO_AI,
        linestyle="--",
        label="no-AI path",
    )
    ax.plot(economy["year"], 100.0 * economy["labour_share"], color=WITH_AI, label="with AI")
    ax.set(xlabel="year", ylabel="% of output value")
    ax.set_title("Labour share", loc="left")
    ax.legend(loc="best")
    return figure
