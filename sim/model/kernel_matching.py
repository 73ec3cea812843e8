"""Search and matching in the compiled step loop (:mod:`sim.model.kernel`), one world at a time.

Mirrors :func:`sim.mechanisms.reallocation.advance` (which documents the
equations): layoffs join the pool by duration, searchers apply along ``W``
(and ``R``), urn-ball matching fills vacancies, the pool shrinks.  Only
origins with searchers are visited, so a step costs in proportion to the
edges leaving occupations that have unemployed workers (about a quarter of the
occupations in the baseline's AI world, almost none in the no-AI world).
``c`` is the run's :class:`~sim.model.kernel.KernelConstants`, ``s`` the
mutable :class:`~sim.model.kernel.KernelState`, ``w`` the world.
"""

from __future__ import annotations

import math

from sim.model.kernel_stages import (
    ATTRITION,
    ENTRANTS,
    HIRES,
    LAYOFFS,
    REEMPLOYED,
    UNEMPLOYED_EXITS,
    compiled,
)


@compiled
def age_pool(s, w):  # pragma: no cover
    """``reallocation._age`` and the pool by last occupation; True if anybody is unemployed."""
    by_duration, pool = s.by_duration[w], s.pool[w]
    last = by_duration.shape[0] - 1
    anybody = False
    for i in range(by_duration.shape[1]):
        if s.unemployed[w, i] == 0.0 and s.flows[LAYOFFS, w, i] == 0.0:
            pool[i] = 0.0  # every bin is 0 (bins are never negative): nothing to age
            continue
        by_duration[last, i] = by_duration[last - 1, i] + by_duration[last, i]
        for d in range(last - 1, 0, -1):
            by_duration[d, i] = by_duration[d - 1, i]
        by_duration[0, i] = s.flows[LAYOFFS, w, i]
        total = 0.0
        for d in range(last + 1):
            total += by_duration[d, i]
        pool[i] = total
        if total != 0.0:
            anybody = True
    return anybody


@compiled
def _apply(
    indptr, indices, data, searchers, vacancies, no_reach, out, pressure
):  # pragma: no cover
    """``reallocation._applications`` then ``pressure = M^T out``, row by row.

    ``out[i]`` is origin ``i``'s searchers per unit of vacancy-weighted reach
    (0 without searchers or reach); its applications are scattered onto the
    destinations while the row's edges are still in cache.  Rows are taken in
    order, so each destination's sum has the order of the separate product.
    """
    pressure[:] = 0.0
    for i in range(searchers.shape[0]):
        out[i] = 0.0
        if searchers[i] == 0.0:
            continue
        reach = _row_dot(indptr, indices, data, i, vacancies)
        if reach > no_reach:
            out[i] = searchers[i] / reach
            for k in range(indptr[i], indptr[i + 1]):
                pressure[indices[k]] += data[k] * out[i]


@compiled
def _gather(indptr, indices, data, i, values, origin, edge_flows, offset):  # pragma: no cover
    """Row ``i`` of ``M values``; adds ``origin * M_ij * values_j`` to the edges' flows if kept.

    ``edge_flows`` is this world's row of the year's flows by edge (empty when
    transitions are not kept); edge ``k`` of ``M`` is at ``offset + k``.  With
    flows kept, one pass over the row does both, with the sum in the order of
    :func:`_row_dot`.
    """
    if edge_flows.shape[0] == 0:
        return _row_dot(indptr, indices, data, i, values)
    start, stop = indptr[i], indptr[i + 1]
    a0 = a1 = a2 = a3 = 0.0
    end = stop - (stop - start) % 4
    for k in range(start, end, 4):
        a0 += _edge(indices, data, k, values, origin, edge_flows, offset)
        a1 += _edge(indices, data, k + 1, values, origin, edge_flows, offset)
        a2 += _edge(indices, data, k + 2, values, origin, edge_flows, offset)
        a3 += _edge(indices, data, k + 3, values, origin, edge_flows, offset)
    for k in range(end, stop):
        a0 += _edge(indices, data, k, values, origin, edge_flows, offset)
    return (a0 + a1) + (a2 + a3)


@compiled
def _edge(indices, data, k, values, origin, edge_flows, offset):  # pragma: no cover
    """``M_k values_j`` of edge ``k``, after adding ``origin * M_k * values_j`` to its flow."""
    value = values[indices[k]]
    edge_flows[offset + k] += origin * data[k] * value
    return data[k] * value


@compiled
def _row_dot(indptr, indices, data, i, values):  # pragma: no cover
    """Row ``i`` of ``M values``, in four interleaved partial sums (see ``total``)."""
    start, stop = indptr[i], indptr[i + 1]
    a0 = a1 = a2 = a3 = 0.0
    end = stop - (stop - start) % 4
    for k in range(start, end, 4):
        a0 += data[k] * values[indices[k]]
        a1 += data[k + 1] * values[indices[k + 1]]
        a2 += data[k + 2] * values[indices[k + 2]]
        a3 += data[k + 3] * values[indices[k + 3]]
    for k in range(end, stop):
        a0 += data[k] * values[indices[k]]
    return (a0 + a1) + (a2 + a3)


@compiled
def match_world(c, s, w, edge_flows):  # pragma: no cover
    """``reallocation._match`` for world ``w``: hires from the pool, by destination and origin.

    With transitions kept, re-employment on each edge is added to ``edge_flows``
    (this world's flows of the current year, ``W``'s edges then ``R``'s), as
    :func:`sim.mechanisms.reallocation.edge_flows` sums them.
    """
    n = s.employment.shape[1]
    pool, vacancies, regular, retrained = s.pool[w], s.flows[HIRES, w], s.regular[w], s.retrained[w]
    training = c.participation > 0.0
    searchers, in_training = s.searchers[w], s.in_training[w]
    for i in range(n):
        searchers[i] = c.reemployment * pool[i]
        in_training[i] = c.participation * searchers[i]
        searchers[i] = searchers[i] - in_training[i]
    pressure = s.pressure[w]
    _apply(
        c.search_indptr,
        c.search_indices,
        c.search_data,
        searchers,
        vacancies,
        c.no_reach,
        regular,
        pressure,
    )
    if training:
        by_retraining = s.pressure_retrained[w]
        _apply(
            c.retraining_indptr,
            c.retraining_indices,
            c.retraining_data,
            in_training,
            vacancies,
            c.no_reach,
            retrained,
            by_retraining,
        )
        for j in range(n):
            pressure[j] = pressure[j] + by_retraining[j]
    else:
        retrained[:] = 0.0
    value = s.value[w]
    for j in range(n):
        if pressure[j] == 0.0:  # nobody applied: nothing filled, an applicant's value is v
            s.flows[REEMPLOYED, w, j] = 0.0
            value[j] = vacancies[j]
            continue
        hired = vacancies[j] * -math.expm1(-pressure[j])
        s.flows[REEMPLOYED, w, j] = hired
        value[j] = hired / pressure[j] if pressure[j] > 0.0 else vacancies[j]
    same = 0.0
    for i in range(n):
        found = 0.0
        if regular[i] != 0.0:
            found = regular[i] * _gather(
                c.search_indptr,
                c.search_indices,
                c.search_data,
                i,
                value,
                regular[i],
                edge_flows,
                0,
            )
            same += regular[i] * c.self_loop[i] * value[i]
        if training and retrained[i] != 0.0:
            found += retrained[i] * _gather(
                c.retraining_indptr,
                c.retraining_indices,
                c.retraining_data,
                i,
                value,
                retrained[i],
                edge_flows,
                c.search_data.shape[0],
            )
        s.reemployed_from[w, i] = found
        s.participants[w, i] = c.participation * pool[i]
    s.same_occupation[w] = same


@compiled
def no_searchers(s, w, any_world_searches):  # pragma: no cover
    """Matching in world ``w``, which has nobody unemployed.

    Nobody applies and nobody is hired from the pool.  As in
    ``reallocation.advance``: if another world has searchers, matching runs
    here too and an applicant's value is the vacancies themselves; if no world
    has any, there are no moves at all (value 0).
    """
    s.regular[w, :] = 0.0
    s.retrained[w, :] = 0.0
    if any_world_searches:
        s.value[w, :] = s.flows[HIRES, w, :]
    else:
        s.value[w, :] = 0.0
    s.participants[w, :] = 0.0
    s.reemployed_from[w, :] = 0.0
    s.flows[REEMPLOYED, w, :] = 0.0
    s.same_occupation[w] = 0.0


@compiled
def settle_pool(c, s, w):  # pragma: no cover
    """The rest of ``reallocation.advance``: the pool shrinks, flows and totals."""
    by_duration = s.by_duration[w]
    for i in range(by_duration.shape[1]):
        pool, found = s.pool[w, i], s.reemployed_from[w, i]
        unemployed = 0.0
        if pool != 0.0:  # else every bin is 0 and stays 0
            leaving = found / pool if pool > 0.0 else 0.0
            stay = (1.0 - leaving) * (1.0 - c.unemployed_exit)
            for d in range(by_duration.shape[0]):
                by_duration[d, i] = by_duration[d, i] * stay
                unemployed += by_duration[d, i]
        exits = (pool - found) * c.unemployed_exit
        if 0.0 < unemployed < c.negligible_pool:  # a negligible pool leaves the labour force
            exits = exits + unemployed
            unemployed = 0.0
            for d in range(by_duration.shape[0]):
                by_duration[d, i] = 0.0
        s.unemployed[w, i] = unemployed
        entrants = s.flows[HIRES, w, i] - s.flows[REEMPLOYED, w, i]
        s.flows[ENTRANTS, w, i] = entrants
        s.flows[UNEMPLOYED_EXITS, w, i] = exits
        s.exits[w, i] = s.exits[w, i] + s.flows[ATTRITION, w, i] + exits
        s.entrants[w, i] = s.entrants[w, i] + entrants
