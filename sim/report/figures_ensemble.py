"""Figures of an uncertainty ensemble: median effect against the probability of decline.

Takes the ensemble's per-occupation bands (:attr:`sim.experiments.ensemble.Ensemble.occupations`)
and returns a :class:`matplotlib.figure.Figure`; reads no files.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from sim.conventions import SEED_EXAMPLES
from sim.experiments.ensemble_stats import (
    CHANGE_THRESHOLD,
    ROBUST_DECLINE,
    ROBUST_GROWTH,
    SIGN_UNCERTAIN,
)
from sim.report.style import EXPAND, NO_AI, OKABE_ITO, SHRINK, new_figure

#: Colour of each class (sign uncertain in a neutral grey-orange).
CLASS_COLOURS = {
    ROBUST_DECLINE: SHRINK,
    ROBUST_GROWTH: EXPAND,
    SIGN_UNCERTAIN: OKABE_ITO["orange"],
}
PERCENT = 100.0
#: Marker area per worker in the base year (points^2 per person), and its floor.
AREA_PER_WORKER = 1.5e-4
MIN_AREA = 4.0


def decline_probability_figure(bands: pd.DataFrame, year: int) -> Figure:
    """Each occupation: median change vs no-AI (x) against P(more than 5% below no-AI) (y).

    ``bands`` holds one row per occupation of ``year`` with ``median``,
    ``p_shrink``, ``classification``, ``employment_base`` and ``occupation_code``.
    """
    figure = new_figure(3.6)
    ax = figure.subplots()
    rows = bands.loc[bands["year"] == year]
    area = np.maximum(rows["employment_base"].to_numpy(float) * AREA_PER_WORKER, MIN_AREA)
    for name, colour in CLASS_COLOURS.items():
        chosen = (rows["classification"] == name).to_numpy()
        ax.scatter(
            PERCENT * rows.loc[chosen, "median"],
            rows.loc[chosen, "p_shrink"],
            s=area[chosen],
            color=colour,
            alpha=0.55,
            linewidths=0.3,
            edgecolors="white",
            label=f"{name} ({int(chosen.sum())})",
        )
    for line in (-PERCENT * CHANGE_THRESHOLD, PERCENT * CHANGE_THRESHOLD):
        ax.axvline(line, color=NO_AI, linewidth=0.6, linestyle=":")
    ax.axvline(0.0, color=NO_AI, linewidth=0.8)
    for row in rows.loc[rows["occupation_code"].isin(list(SEED_EXAMPLES))].itertuples():
        ax.annotate(
            SEED_EXAMPLES[str(row.occupation_code)],
            xy=(PERCENT * float(row.median), float(row.p_shrink)),
            xytext=(4, 4),
            textcoords="offset points",
            fontsize=7,
        )
    ax.set_xlim(-PERCENT * 1.05, max(PERCENT, PERCENT * float(rows["median"].max()) * 1.1))
    ax.xaxis.set_major_formatter(PercentFormatter(decimals=0))
    ax.set_ylim(-0.03, 1.03)
    ax.set(
        xlabel=f"median employment vs the no-AI path in {year}",
        ylabel=f"share of draws more than {CHANGE_THRESHOLD:.0%} below no-AI",
    )
    ax.set_title(f"Median effect and probability of decline, {year}", loc="left")
    ax.legend(loc="center right", markerscale=0.6)
    return figure
