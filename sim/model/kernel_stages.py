"""The stages of the compiled step loop (:mod:`sim.model.kernel`), one world at a time.

Each function mirrors one numpy reference function, named in its docstring,
whose module documents the equations; sums run in occupation order.  ``c`` is
the run's :class:`~sim.model.kernel.KernelConstants`, ``s`` the mutable
:class:`~sim.model.kernel.KernelState`, ``w`` the world.
"""

from __future__ import annotations

import math

import numba

from sim.conventions import AI_WORLD

#: Numba options of every compiled function: cached on disk (compiled once per
#: installation), numpy's error model (x / 0 gives inf or nan, not an exception).
compiled = numba.njit(cache=True, error_model="numpy", nogil=True)
#: Rows of the flows array, in :class:`sim.mechanisms.labor.LaborFlows` order.
ATTRITION, HIRES, LAYOFFS, REEMPLOYED, ENTRANTS, UNEMPLOYED_EXITS = range(6)


@compiled
def _power(x, steepness, multiplied):  # pragma: no cover
    """``x ** steepness``, by repeated multiplication for small whole exponents."""
    if multiplied == 0:
        return x**steepness
    result = x
    for _ in range(multiplied - 1):
        result = result * x
    return result


@compiled
def total(x, y):  # pragma: no cover
    """``sum(x * y)`` over 1-d arrays (``y`` None: ``sum(x)``), in four interleaved partial sums.

    Four accumulators instead of one let consecutive additions overlap in the
    pipeline (a sum of 831 terms is otherwise bound by the latency of each
    addition); the order is fixed, so results are deterministic.
    """
    n = x.shape[0]
    a0 = a1 = a2 = a3 = 0.0
    end = n - n % 4
    if y is None:
        for i in range(0, end, 4):
            a0 += x[i]
            a1 += x[i + 1]
            a2 += x[i + 2]
            a3 += x[i + 3]
        for i in range(end, n):
            a0 += x[i]
    else:
        for i in range(0, end, 4):
            a0 += x[i] * y[i]
            a1 += x[i + 1] * y[i + 1]
            a2 += x[i + 2] * y[i + 2]
            a3 += x[i + 3] * y[i + 3]
        for i in range(end, n):
            a0 += x[i] * y[i]
    return (a0 + a1) + (a2 + a3)


@compiled
def demand_step(c, paths, s, t, w):  # pragma: no cover
    """:func:`sim.mechanisms.demand.advance` for world ``w`` at step ``t``."""
    n = s.employment.shape[1]
    log_a, base = paths.log_productivity[t, w], paths.log_productivity[0, w]
    log_income = s.log_income[w]
    for i in range(n):
        x = max(s.log_own_output[w, i] + log_income, 0.0) * c.inverse_log_saturation
        x = _power(x, c.steepness, c.steepness_multiplied)
        elasticity = c.base_elasticity[i] - c.elasticity_fall[i] * (x / (1.0 + x))
        s.elasticity[w, i] = elasticity
        step_gain = log_a[i] - s.log_productivity[w, i]
        s.log_own_output[w, i] = s.log_own_output[w, i] + c.pass_through * elasticity * step_gain
        s.log_productivity[w, i] = log_a[i]
    # With full pass-through the spending term exp(ln q - gain) is also the required
    # labour's, so one exponential serves both (``shared``); Y = 1 + kappa (1 / S - 1).
    shared = c.pass_through == 1.0 and c.recycling != 0.0
    log_income, income = 0.0, 1.0
    if c.recycling != 0.0:
        spending = 0.0
        for i in range(n):
            relative = math.exp(s.log_own_output[w, i] - c.pass_through * (log_a[i] - base[i]))
            if shared:
                s.relative_spending[w, i] = relative
            spending += relative * c.spending_weight[i]
        income = 1.0 + c.recycling * (1.0 / spending - 1.0)
        log_income = math.log1p(c.recycling * (1.0 / spending - 1.0))
    s.log_income[w] = log_income
    trend = paths.labour_trend[t]
    for i in range(n):
        if shared:
            s.required_labour[w, i] = trend[i] * (s.relative_spending[w, i] * income)
        else:
            gain = log_a[i] - base[i]
            s.required_labour[w, i] = trend[i] * math.exp(
                (s.log_own_output[w, i] + log_income) - gain
            )


@compiled
def openings_step(c, s, w):  # pragma: no cover
    """:func:`~sim.mechanisms.labor.ration_to_ceiling` and :func:`~sim.mechanisms.labor.openings`.

    Leaves attrition, hires and layoffs in ``s.flows`` and moves employment by the change.
    """
    n = s.employment.shape[1]
    required, employment, change = s.required_labour[w], s.employment[w], s.change[w]
    total_required = total(required, None)
    scale = c.ceiling / max(total_required, c.tiny) if total_required > c.ceiling else 1.0
    new_total = 0.0
    for i in range(n):
        target = required[i] * scale if total_required > c.ceiling else required[i]
        step = (target - employment[i]) * c.adjustment
        step = min(max(step, c.min_change[i] * employment[i]), c.max_hires * employment[i])
        change[i] = step
        new_total += employment[i] + step
    if new_total > c.ceiling:  # labor.limit_growth
        growth = 0.0
        for i in range(n):
            growth += max(change[i], 0.0)
        keep = 1.0 - min((new_total - c.ceiling) / max(growth, c.tiny), 1.0)
        for i in range(n):
            if change[i] > 0.0:
                change[i] = change[i] * keep
    for i in range(n):
        attrition = c.attrition[i] * employment[i]
        after_attrition = change[i] + attrition
        hires = max(after_attrition, 0.0)
        s.flows[ATTRITION, w, i] = attrition
        s.flows[HIRES, w, i] = hires
        s.flows[LAYOFFS, w, i] = hires - after_attrition
        employment[i] = employment[i] + change[i]


@compiled
def _bargained(x, share):  # pragma: no cover
    """``x ** share`` with numpy's exact fast paths for the shares 0.5, 1 and 2."""
    if share == 0.5:
        return math.sqrt(x)
    if share == 1.0:
        return x
    if share == 2.0:
        return x * x
    return x**share


@compiled
def wages_step(c, paths, s, t, w):  # pragma: no cover
    """:func:`sim.mechanisms.wages.advance` for world ``w`` at step ``t``."""
    log_a, base = paths.log_productivity[t, w], paths.log_productivity[0, w]
    for i in range(s.employment.shape[1]):
        kept = 1.0 if c.unpassed_share == 0.0 else math.exp(c.unpassed_share * (log_a[i] - base[i]))
        employment, required = s.employment[w, i], s.required_labour[w, i]
        tightness = required / employment if employment > 0.0 else 1.0
        s.wage[w, i] = c.base_wage[i] * _bargained(tightness * kept, c.bargaining_share)
        s.output_value[w, i] = c.base_wage[i] / c.base_labour_share * required * kept


@compiled
def record_step(s, r, t, steps_per_year):  # pragma: no cover
    """:meth:`sim.model.recorder.Recorder.record` of step ``t``."""
    worlds, n = s.employment.shape
    last_bin = s.by_duration.shape[1] - 1
    r.employment[t] = s.employment
    r.unemployed[t] = s.unemployed
    for w in range(worlds):
        for f in range(s.flows.shape[0]):
            r.flow_totals[f, t, w] = total(s.flows[f, w], None)
        r.search_totals[0, t, w] = total(s.by_duration[w, last_bin], None)
        r.search_totals[1, t, w] = s.same_occupation[w]
        r.search_totals[2, t, w] = total(s.participants[w], None)
        r.search_totals[3, t, w] = total(s.wage[w], s.employment[w])
        r.search_totals[4, t, w] = total(s.output_value[w], None)
    year, into_year = t // steps_per_year, t % steps_per_year
    if into_year == 0:
        r.elasticity[year] = s.elasticity
        r.required_labour[year] = s.required_labour
        r.long_term_unemployed[year] = s.by_duration[:, last_bin]
        r.wage[year] = s.wage
    if t > 0:
        row = year + (1 if into_year > 0 else 0)
        for f in range(s.flows.shape[0]):
            for i in range(n):
                r.year_flows[row, f, i] += s.flows[f, AI_WORLD, i]
