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
def searchers_per_reach(
    indptr, indices, data, searchers, vacancies, no_reach, out
):  # pragma: no cover - compiled
    """``out_i = searchers_i / (M v)_i`` for every origin (0 without searchers or reach).

    With searchers in every origin (base flows), the applications are then
    collected by destination with :func:`transposed_dots` over ``M^T``, a dot
    product per row instead of a scatter per edge (which stalls on repeated
    read-modify-writes of the same destination).
    """
    for i in range(searchers.shape[0]):
        out[i] = 0.0
        if searchers[i] == 0.0:
            continue
        reach = row_dot(indptr, indices, data, i, vacancies)
        if reach > no_reach:
            out[i] = searchers[i] / reach


@compiled
def transposed_dots(t_indptr, t_indices, t_data, values, out):  # pragma: no cover - compiled
    """``out = M^T values`` from ``M^T`` in CSR form: one :func:`row_dot` per destination."""
    for j in range(out.shape[0]):
        out[j] = row_dot(t_indptr, t_indices, t_data, j, values)


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
