"""Cyclical separations: separations into unemployment that follow the growth of positions.

Where an occupation's positions grow by less in a step than the non-AI trend
without the demand cycle (``g_i``), separations into unemployment rise by
``omega`` (``labor.separation_response``) times the shortfall, as a share of
employment; where positions outgrow the trend they fall by as much, at most to
none.  The extra separations take their positions with them (job
destruction: vacancies unchanged), count against the layoff limit ``l_max``
and leave the fall of positions within ``-(attrition + l_max dt) J``; the
positions kept by fewer separations must fit under the labour-force ceiling.
On the trend's own path the response is zero, so the base-flow steady state
(:mod:`sim.mechanisms.steady_state`) is unchanged.  ``omega`` is the slope of
the CPS E->U rate on employment growth, 2001-2019 (``sim/params/labor.py``).

The step that applies them is :func:`sim.mechanisms.labor.openings_step`.
"""

from __future__ import annotations

import math

from sim.mechanisms.compiled import TINY, compiled


@compiled
def trend_shortfall(trend_growth, change, positions):  # pragma: no cover - compiled
    """Share by which positions grow less in the step than the trend (negative: more)."""
    return trend_growth - change / max(positions, TINY)


@compiled
def response(rates, shortfall, room, employment, kept):  # pragma: no cover - compiled
    """Extra separations into unemployment as a share of ``employment`` (negative: fewer).

    More separations are bounded by the layoff limit and by ``room``, the
    positions (persons) that may still be destroyed in the step; fewer, by the
    base separations and by ``kept``, the share of them whose positions fit
    (:func:`positions_kept`).
    """
    extra = min(rates.separation_response * shortfall, rates.max_layoffs)
    if extra > 0.0:
        return min(extra, room / max(employment, TINY))
    return max(extra, -rates.separation) * kept


@compiled
def positions_kept(
    rates, trend_growth, employment, positions, change, new_total
):  # pragma: no cover - compiled
    """Share of the fewer separations (positions outgrowing the trend) whose positions fit.

    Those positions are kept, so they must fit under the labour-force ceiling
    with the step's ``new_total`` positions: 1 if they do (or without a
    ceiling), else the share of them that fits.
    """
    if rates.separation_response == 0.0 or not math.isfinite(rates.employment_ceiling):
        return 1.0
    wanted = 0.0
    for i in range(employment.shape[0]):
        shortfall = trend_shortfall(trend_growth[i], change[i], positions[i])
        if shortfall < 0.0:
            fewer = min(-rates.separation_response * shortfall, rates.separation)
            wanted += fewer * employment[i]
    room = max(rates.employment_ceiling - new_total, 0.0)
    return 1.0 if wanted <= room else room / wanted
