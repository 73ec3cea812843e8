"""Row-by-row sparse products of the matching stage, compiled (CSR parts of ``W`` and ``R``).

:mod:`sim.mechanisms.reallocation` multiplies the search matrices ``W`` and
``R`` with per-occupation vectors row by row.  Every sum runs in edge order
in a fixed number of interleaved partial sums (four for one world's row, as
:func:`sim.mechanisms.compiled.total`; two per world when both worlds are
summed in one pass over a row), so results are deterministic.
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
def pair_row_dots(indptr, indices, data, values_t, w0, w1, out):  # pragma: no cover - compiled
    """``out[w] = M values[w]`` for worlds ``w0`` and ``w1``: every row, one pass over each.

    ``values_t`` is (occupations, worlds), so both worlds' values of an edge's
    destination sit side by side, and each edge is read once for both worlds.
    Each row's sum is two interleaved partial sums in edge order (even and odd
    offsets from the row's start, an odd last edge into the first), whatever
    world it is paired with (``w1 = w0`` for one world alone gives the same
    sums).  The choice of one world or two is made once, outside the row loop:
    a branch per row cost about as much as the row's sum (``docs/performance.md``).
    """
    if w0 == w1:  # one world alone: its own loop
        for i in range(out.shape[1]):
            out[w0, i] = _world_rows_from(indptr, indices, data, i, values_t, w0, 0.0, 0.0, 0)
        return
    for i in range(out.shape[1]):
        a0, a1, b0, b1 = _paired_from(
            indices, data, indptr[i], indptr[i + 1], values_t, w0, w1, 0.0, 0.0, 0.0, 0.0
        )
        out[w0, i], out[w1, i] = a0 + a1, b0 + b1


@compiled
def _paired_from(
    indices, data, start, stop, values_t, w0, w1, a0, a1, b0, b1
):  # pragma: no cover - compiled
    """Partial sums of edges ``start .. stop - 1`` (the rest of a row from an even offset)
    for worlds ``w0`` (``a``) and ``w1`` (``b``): pairs of edges, then an odd last edge
    into ``a0``, ``b0``."""
    end = stop - (stop - start) % 2
    for k in range(start, end, 2):
        j0, j1 = indices[k], indices[k + 1]
        a0 += data[k] * values_t[j0, w0]
        b0 += data[k] * values_t[j0, w1]
        a1 += data[k + 1] * values_t[j1, w0]
        b1 += data[k + 1] * values_t[j1, w1]
    if end < stop:
        j0 = indices[end]
        a0 += data[end] * values_t[j0, w0]
        b0 += data[end] * values_t[j0, w1]
    return a0, a1, b0, b1


@compiled
def _world_rows_from(
    indptr, indices, data, i, values_t, w, a0, a1, offset
):  # pragma: no cover - compiled
    """Row ``i``'s sum for world ``w`` from partial sums ``a0``, ``a1`` at an even ``offset``."""
    start, stop = indptr[i], indptr[i + 1]
    end = stop - (stop - start) % 2
    for k in range(start + offset, end, 2):
        a0 += data[k] * values_t[indices[k], w]
        a1 += data[k + 1] * values_t[indices[k + 1], w]
    if end < stop:
        a0 += data[end] * values_t[indices[end], w]
    return a0 + a1


@compiled
def pair_searchers_per_reach(
    indptr, indices, data, searchers, vacancies_t, w0, w1, no_reach, reach, out, out_t
):  # pragma: no cover - compiled
    """``out[w, i] = searchers[w, i] / (M v_w)_i`` for worlds ``w0`` and ``w1``.

    0 without searchers or with reach ``no_reach`` or less; ``reach`` is
    scratch, (worlds, occupations), left holding ``(M v_w)_i`` of every row.
    With searchers in every origin (base flows), the applications are then
    collected by destination with :func:`pair_row_dots` over ``M^T``: a dot
    product per row instead of a scatter per edge (which stalls on repeated
    read-modify-writes of the same destination).  ``out`` is (worlds,
    occupations), ``out_t`` the same values as (occupations, worlds).
    """
    pair_row_dots(indptr, indices, data, vacancies_t, w0, w1, reach)
    for i in range(searchers.shape[1]):
        s0, s1 = searchers[w0, i], searchers[w1, i]
        r0 = s0 / reach[w0, i] if s0 != 0.0 and reach[w0, i] > no_reach else 0.0
        r1 = s1 / reach[w1, i] if s1 != 0.0 and reach[w1, i] > no_reach else 0.0
        out[w0, i], out[w1, i] = r0, r1
        out_t[i, w0], out_t[i, w1] = r0, r1


@compiled
def pair_gather_rows(
    indptr, indices, data, values_t, w0, w1, origin, out, edge_flows, offset
):  # pragma: no cover - compiled
    """``out[w, i] = origin[w, i] (M values[w])_i`` for worlds ``w0`` and ``w1``; flows by edge.

    Rows whose origin is 0 in both worlds give 0 (not ``0 x`` the row's sum).
    ``edge_flows`` is the year's (worlds, edges) flows (no columns when
    transitions are not kept): ``origin_i M_ij values_j`` is added to edge
    ``offset + k`` of each world (once if ``w1 = w0``) in the same pass over
    each row with an origin.  The sums are those of :func:`pair_row_dots`.
    """
    kept = edge_flows.shape[1] > 0
    if not kept:
        pair_row_dots(indptr, indices, data, values_t, w0, w1, out)
    for i in range(out.shape[1]):
        o0, o1 = origin[w0, i], origin[w1, i]
        if o0 == 0.0 and o1 == 0.0:
            out[w0, i] = out[w1, i] = 0.0
            continue
        if kept:
            out[w0, i], out[w1, i] = _gather_row_flows(
                indptr, indices, data, i, values_t, w0, w1, o0, o1, edge_flows, offset
            )
        out[w0, i], out[w1, i] = o0 * out[w0, i], o1 * out[w1, i]


@compiled
def _gather_row_flows(
    indptr, indices, data, i, values_t, w0, w1, origin0, origin1, edge_flows, offset
):  # pragma: no cover - compiled
    """Row ``i`` of ``M values`` for worlds ``w0`` and ``w1``, adding each edge's flow.

    The partial sums of :func:`pair_row_dots` (a row alone); ``origin_w M_ij
    values_j`` is added to column ``offset + k`` of ``edge_flows`` for each
    world (once if ``w1 = w0``).
    """
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
    if end < stop:
        flow0, flow1 = _pair_edge(indices, data, end, values_t, w0, w1)
        a0 += flow0
        b0 += flow1
        _add_flows(edge_flows, w0, w1, offset + end, origin0 * flow0, origin1 * flow1)
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
