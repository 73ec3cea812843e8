"""Row-by-row sparse products of the matching stage, compiled (CSR parts of ``W`` and ``R``).

:mod:`sim.mechanisms.reallocation` multiplies the search matrices ``W`` and
``R`` with per-occupation vectors one origin row at a time, visiting only
rows with searchers.  Every sum runs in edge order, four interleaved partial
sums at a time (as :func:`sim.mechanisms.compiled.total`), so results are
deterministic.
"""

from __future__ import annotations

from sim.mechanisms.compiled import compiled


@compiled
def apply_searchers(
    indptr, indices, data, searchers, vacancies, no_reach, out, pressure
):  # pragma: no cover - compiled
    """Searchers per unit of vacancy-weighted reach into ``out``; ``pressure = M^T out``.

    ``out[i]`` is origin ``i``'s searchers per unit of ``(M v)_i`` (0 without
    searchers or with reach ``no_reach`` or less); its applications are
    scattered onto the destinations while the row's edges are still in cache.
    Rows are taken in order, so each destination's sum has a fixed order.
    """
    pressure[:] = 0.0
    for i in range(searchers.shape[0]):
        out[i] = 0.0
        if searchers[i] == 0.0:
            continue
        reach = row_dot(indptr, indices, data, i, vacancies)
        if reach > no_reach:
            out[i] = searchers[i] / reach
            for k in range(indptr[i], indptr[i + 1]):
                pressure[indices[k]] += data[k] * out[i]


@compiled
def gather_row(
    indptr, indices, data, i, values, origin, edge_flows, offset
):  # pragma: no cover - compiled
    """Row ``i`` of ``M values``; adds ``origin * M_ij * values_j`` to the edges' flows if kept.

    ``edge_flows`` is this world's row of the year's flows by edge (empty when
    transitions are not kept); edge ``k`` of ``M`` is at ``offset + k``.  With
    flows kept, one pass over the row does both, with the sum in the order of
    :func:`row_dot`.
    """
    if edge_flows.shape[0] == 0:
        return row_dot(indptr, indices, data, i, values)
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
def _edge(indices, data, k, values, origin, edge_flows, offset):  # pragma: no cover - compiled
    """``M_k values_j`` of edge ``k``, after adding ``origin * M_k * values_j`` to its flow."""
    value = values[indices[k]]
    edge_flows[offset + k] += origin * data[k] * value
    return data[k] * value


@compiled
def row_dot(indptr, indices, data, i, values):  # pragma: no cover - compiled
    """Row ``i`` of ``M values``, in four interleaved partial sums (see ``compiled.total``)."""
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
def pair_row_dot(indptr, indices, data, i, values_t, w0, w1):  # pragma: no cover - compiled
    """Row ``i`` of ``M values`` for worlds ``w0`` and ``w1`` at once: one pass over the row.

    ``values_t`` is (occupations, worlds), so both worlds' values of an edge's
    destination sit side by side; each world's sum has two interleaved partial
    sums, in edge order, whatever world it is paired with (``w1 = w0`` for one
    world alone gives the same sum).
    """
    if w0 == w1:
        alone = world_row_dot(indptr, indices, data, i, values_t, w0)
        return alone, alone
    return _paired_row_dot(indptr, indices, data, i, values_t, w0, w1)


@compiled
def _paired_row_dot(indptr, indices, data, i, values_t, w0, w1):  # pragma: no cover - compiled
    """:func:`pair_row_dot` of two different worlds."""
    start, stop = indptr[i], indptr[i + 1]
    a0 = a1 = b0 = b1 = 0.0
    end = stop - (stop - start) % 2
    for k in range(start, end, 2):
        j0, j1 = indices[k], indices[k + 1]
        a0 += data[k] * values_t[j0, w0]
        b0 += data[k] * values_t[j0, w1]
        a1 += data[k + 1] * values_t[j1, w0]
        b1 += data[k + 1] * values_t[j1, w1]
    for k in range(end, stop):
        j0 = indices[k]
        a0 += data[k] * values_t[j0, w0]
        b0 += data[k] * values_t[j0, w1]
    return a0 + a1, b0 + b1


@compiled
def world_row_dot(indptr, indices, data, i, values_t, w):  # pragma: no cover - compiled
    """One world's sum of :func:`pair_row_dot` (the same partial sums in the same order).

    For a run that advances one world alone (its no-AI world from a cache,
    :mod:`sim.model.no_ai_world`): about a third cheaper than a pair with
    ``w1 = w0``.
    """
    start, stop = indptr[i], indptr[i + 1]
    a0 = a1 = 0.0
    end = stop - (stop - start) % 2
    for k in range(start, end, 2):
        a0 += data[k] * values_t[indices[k], w]
        a1 += data[k + 1] * values_t[indices[k + 1], w]
    for k in range(end, stop):
        a0 += data[k] * values_t[indices[k], w]
    return a0 + a1


@compiled
def pair_searchers_per_reach(
    indptr, indices, data, searchers, vacancies_t, w0, w1, no_reach, out, out_t
):  # pragma: no cover - compiled
    """``out[w, i] = searchers[w, i] / (M v_w)_i`` for worlds ``w0`` and ``w1`` in one pass.

    0 without searchers or with reach ``no_reach`` or less.  With searchers in
    every origin (base flows), the applications are then collected by
    destination with :func:`pair_transposed_dots` over ``M^T``: a dot product
    per row instead of a scatter per edge (which stalls on repeated
    read-modify-writes of the same destination).  ``out`` is (worlds,
    occupations), ``out_t`` the same values as (occupations, worlds).
    """
    for i in range(searchers.shape[1]):
        s0, s1 = searchers[w0, i], searchers[w1, i]
        r0 = r1 = 0.0
        if s0 != 0.0 or s1 != 0.0:
            reach0, reach1 = pair_row_dot(indptr, indices, data, i, vacancies_t, w0, w1)
            r0 = s0 / reach0 if s0 != 0.0 and reach0 > no_reach else 0.0
            r1 = s1 / reach1 if s1 != 0.0 and reach1 > no_reach else 0.0
        out[w0, i], out[w1, i] = r0, r1
        out_t[i, w0], out_t[i, w1] = r0, r1


@compiled
def pair_transposed_dots(
    t_indptr, t_indices, t_data, values_t, w0, w1, out
):  # pragma: no cover - compiled
    """``out[w] = M^T values[w]`` for worlds ``w0`` and ``w1``, from ``M^T`` in CSR form."""
    if w0 == w1:  # one world alone: its own loop (a branch in the row loop costs more)
        for j in range(out.shape[1]):
            out[w0, j] = world_row_dot(t_indptr, t_indices, t_data, j, values_t, w0)
        return
    for j in range(out.shape[1]):
        out[w0, j], out[w1, j] = _paired_row_dot(t_indptr, t_indices, t_data, j, values_t, w0, w1)


@compiled
def pair_gather_row(
    indptr, indices, data, i, values_t, w0, w1, origin0, origin1, edge_flows, offset
):  # pragma: no cover - compiled
    """:func:`gather_row` for worlds ``w0`` and ``w1`` in one pass over row ``i``.

    ``edge_flows`` is the year's (worlds, edges) flows (no columns when
    transitions are not kept); ``w1 = w0`` adds the world's flows once.  The
    sums run in the order of :func:`pair_row_dot`, kept flows or not.
    """
    if edge_flows.shape[1] == 0:
        return pair_row_dot(indptr, indices, data, i, values_t, w0, w1)
    start, stop = indptr[i], indptr[i + 1]
    a0 = a1 = b0 = b1 = 0.0
    end = stop - (stop - start) % 2
    for k in range(start, end, 2):
        flow0, flow1 = _pair_edge(indices, data, k, values_t, w0, w1)
        a0 += flow0
        b0 += flow1
        _add_flows(edge_flows, w0, w1, offset + k, origin0 * flow0, origin1 * flow1)
        flow0, flow1 = _pair_edge(indices, data, k + 1, values_t, w0, w1)
        a1 += flow0
        b1 += flow1
        _add_flows(edge_flows, w0, w1, offset + k + 1, origin0 * flow0, origin1 * flow1)
    for k in range(end, stop):
        flow0, flow1 = _pair_edge(indices, data, k, values_t, w0, w1)
        a0 += flow0
        b0 += flow1
        _add_flows(edge_flows, w0, w1, offset + k, origin0 * flow0, origin1 * flow1)
    return a0 + a1, b0 + b1


@compiled
def _pair_edge(indices, data, k, values_t, w0, w1):  # pragma: no cover
    """Edge ``k``'s ``M_k values_j`` for worlds ``w0`` and ``w1``."""
    j = indices[k]
    return data[k] * values_t[j, w0], data[k] * values_t[j, w1]


@compiled
def _add_flows(edge_flows, w0, w1, column, flow0, flow1):  # pragma: no cover - compiled
    """Add each world's flow to its row of ``edge_flows`` (once if ``w1 = w0``)."""
    edge_flows[w0, column] += flow0
    if w1 != w0:
        edge_flows[w1, column] += flow1
