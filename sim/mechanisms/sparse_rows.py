"""Row-by-row sparse products of the matching stage, compiled (CSR parts of ``W`` and ``R``).

:mod:`sim.mechanisms.reallocation` multiplies the search matrices ``W`` and
``R`` with per-occupation vectors row by row.  Every sum runs in edge order
in a fixed number of interleaved partial sums (four in :func:`row_dot`, as
:func:`sim.mechanisms.compiled.total`; two per world in the passes over
every row, :func:`world_row_sums` and :func:`world_gather_rows`), so results
are deterministic.

The form of the loops is chosen for the code LLVM makes of them (about three
times faster than a plain ``for k in range(start, stop)``, measured in
``docs/performance.md``): the row pointers are unsigned (``indptr`` uint32,
from :func:`sim.mechanisms.reallocation.csr_parts`) and every row is walked
as a count of edges from its start, so an edge's position is known to be
non-negative and is used without the check for a negative index that Numba
puts before every load through a signed one; the values of each world are a
1-d contiguous row (not a column of a 2-d array, whose run-time stride costs
a multiplication per edge).
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
    row_dots(indptr, indices, data, vacancies, out)  # every row's reach (M v)_i
    for i in range(searchers.shape[0]):
        reach = out[i]
        out[i] = 0.0
        if searchers[i] == 0.0:
            continue
        if reach > no_reach:
            out[i] = searchers[i] / reach
            start = indptr[i]
            for t in range(indptr[i + 1] - start):
                k = start + t
                pressure[indices[k]] += data[k] * out[i]


@compiled
def gather_rows(
    indptr, indices, data, values, origin, out, edge_flows, offset
):  # pragma: no cover - compiled
    """``out[i] += origin[i] (M values)_i`` for each row with ``origin[i] != 0``; flows by edge.

    Each row's sum is :func:`row_dot`'s (four interleaved partial sums);
    ``edge_flows`` is this world's row of the year's flows by edge (empty when
    transitions are not kept): ``origin_i M_ij values_j`` is added to edge
    ``offset + k`` of ``M``'s edge ``k`` in the same pass over the row.  The
    row's loop is written here (see :func:`row_sums`).
    """
    kept = edge_flows.shape[0] > 0
    for i in range(out.shape[0]):
        o = origin[i]
        if o == 0.0:
            continue
        start = indptr[i]
        count = indptr[i + 1] - start
        a0 = a1 = a2 = a3 = 0.0
        for t in range(count >> 2):
            k = start + 4 * t
            a0 += data[k] * values[indices[k]]
            a1 += data[k + 1] * values[indices[k + 1]]
            a2 += data[k + 2] * values[indices[k + 2]]
            a3 += data[k + 3] * values[indices[k + 3]]
        for t in range(count - count % 4, count):
            k = start + t
            a0 += data[k] * values[indices[k]]
        if kept:
            for t in range(count):
                k = start + t
                edge_flows[offset + k] += o * data[k] * values[indices[k]]
        out[i] += o * ((a0 + a1) + (a2 + a3))


@compiled
def row_dot(indptr, indices, data, i, values):  # pragma: no cover - compiled
    """Row ``i`` of ``M values``, in four interleaved partial sums (see ``compiled.total``)."""
    start = indptr[i]
    count = indptr[i + 1] - start
    a0 = a1 = a2 = a3 = 0.0
    for t in range(count >> 2):
        k = start + 4 * t
        a0 += data[k] * values[indices[k]]
        a1 += data[k + 1] * values[indices[k + 1]]
        a2 += data[k + 2] * values[indices[k + 2]]
        a3 += data[k + 3] * values[indices[k + 3]]
    for t in range(count - count % 4, count):
        k = start + t
        a0 += data[k] * values[indices[k]]
    return (a0 + a1) + (a2 + a3)


@compiled
def row_dots(indptr, indices, data, values, out):  # pragma: no cover - compiled
    """``out[i]`` = :func:`row_dot` of every row ``i`` (the same sums; the loop written here,
    see :func:`row_sums`)."""
    for i in range(out.shape[0]):
        start = indptr[i]
        count = indptr[i + 1] - start
        a0 = a1 = a2 = a3 = 0.0
        for t in range(count >> 2):
            k = start + 4 * t
            a0 += data[k] * values[indices[k]]
            a1 += data[k + 1] * values[indices[k + 1]]
            a2 += data[k + 2] * values[indices[k + 2]]
            a3 += data[k + 3] * values[indices[k + 3]]
        for t in range(count - count % 4, count):
            k = start + t
            a0 += data[k] * values[indices[k]]
        out[i] = (a0 + a1) + (a2 + a3)


@compiled
def world_row_sums(indptr, indices, data, values, w0, w1, out):  # pragma: no cover - compiled
    """``out[w] = M values[w]`` for worlds ``w0`` and ``w1``: every row, one pass over each.

    ``values`` and ``out`` are (worlds, occupations); both worlds' sums of a
    row are taken in one pass over its edges (each edge read once for both).
    Each row's sum is two interleaved partial sums in edge order (even and odd
    offsets from the row's start, an odd last edge into the first), whatever
    world it is paired with; ``w1 = w0`` sums that world alone (the same sums).
    """
    if w0 == w1:
        row_sums(indptr, indices, data, values[w0], out[w0])
    else:
        pair_row_sums(indptr, indices, data, values[w0], values[w1], out[w0], out[w1])


@compiled
def row_sums(indptr, indices, data, values, out):  # pragma: no cover - compiled
    """``out = M values`` over 1-d rows: each row's sum as :func:`world_row_sums` takes it.

    Even offsets from the row's start into ``a0``, odd into ``a1``, ``a0 +
    a1``.  The row's loop is written here, not in a function called per row:
    Numba does not inline such a call, and passing the arrays to it cost
    about as much as the row's sum (``docs/performance.md``).
    """
    for i in range(out.shape[0]):
        start = indptr[i]
        count = indptr[i + 1] - start
        a0 = a1 = 0.0
        for t in range(count >> 1):
            k = start + 2 * t
            a0 += data[k] * values[indices[k]]
            a1 += data[k + 1] * values[indices[k + 1]]
        if count % 2:
            k = start + count - 1
            a0 += data[k] * values[indices[k]]
        out[i] = a0 + a1


@compiled
def pair_row_sums(indptr, indices, data, values0, values1, out0, out1):  # pragma: no cover
    """``out0 = M values0`` and ``out1 = M values1`` (1-d rows), one pass over each row.

    Each sum as :func:`row_sums` takes it (the loop written here: see there).
    """
    for i in range(out0.shape[0]):
        start = indptr[i]
        count = indptr[i + 1] - start
        a0 = a1 = b0 = b1 = 0.0
        for t in range(count >> 1):
            k = start + 2 * t
            j0, j1 = indices[k], indices[k + 1]
            a0 += data[k] * values0[j0]
            b0 += data[k] * values1[j0]
            a1 += data[k + 1] * values0[j1]
            b1 += data[k + 1] * values1[j1]
        if count % 2:
            k = start + count - 1
            j0 = indices[k]
            a0 += data[k] * values0[j0]
            b0 += data[k] * values1[j0]
        out0[i], out1[i] = a0 + a1, b0 + b1


@compiled
def pair_searchers_per_reach(
    indptr, indices, data, searchers, vacancies, w0, w1, no_reach, reach, out
):  # pragma: no cover - compiled
    """``out[w, i] = searchers[w, i] / (M v_w)_i`` for worlds ``w0`` and ``w1``.

    0 without searchers or with reach ``no_reach`` or less; ``reach`` is
    scratch, (worlds, occupations), left holding ``(M v_w)_i`` of every row.
    With searchers in every origin (base flows), the applications are then
    collected by destination with :func:`world_row_sums` over ``M^T``: a dot
    product per row instead of a scatter per edge (which stalls on repeated
    read-modify-writes of the same destination).  ``searchers``,
    ``vacancies`` and ``out`` are (worlds, occupations).
    """
    world_row_sums(indptr, indices, data, vacancies, w0, w1, reach)
    for i in range(searchers.shape[1]):
        s0, s1 = searchers[w0, i], searchers[w1, i]
        r0 = s0 / reach[w0, i] if s0 != 0.0 and reach[w0, i] > no_reach else 0.0
        r1 = s1 / reach[w1, i] if s1 != 0.0 and reach[w1, i] > no_reach else 0.0
        out[w0, i], out[w1, i] = r0, r1


@compiled
def world_gather_rows(
    indptr, indices, data, values, w0, w1, origin, out, edge_flows
):  # pragma: no cover - compiled
    """``out[w, i] = origin[w, i] (M values[w])_i`` for worlds ``w0`` and ``w1``; flows by edge.

    Rows whose origin is 0 in both worlds give 0 (not ``0 x`` the row's sum).
    ``edge_flows`` is the year's (worlds, edges) flows, ``M``'s edges first
    (no columns when transitions are not kept): ``origin_i M_ij values_j`` is
    added to edge ``k`` of each world (once if ``w1 = w0``) in the same pass
    over each row with an origin.  The sums are those of :func:`world_row_sums`.
    """
    kept = edge_flows.shape[1] > 0
    if not kept:
        world_row_sums(indptr, indices, data, values, w0, w1, out)
    elif w0 == w1:
        _rows_flows(indptr, indices, data, values[w0], origin[w0], out[w0], edge_flows[w0])
    else:
        _pair_rows_flows(
            indptr,
            indices,
            data,
            values[w0],
            values[w1],
            origin[w0],
            origin[w1],
            out[w0],
            out[w1],
            edge_flows[w0],
            edge_flows[w1],
        )
    for i in range(out.shape[1]):
        o0, o1 = origin[w0, i], origin[w1, i]
        if o0 == 0.0 and o1 == 0.0:
            out[w0, i] = out[w1, i] = 0.0
        else:
            out[w0, i], out[w1, i] = o0 * out[w0, i], o1 * out[w1, i]


@compiled
def _rows_flows(indptr, indices, data, values, origin, out, flows):  # pragma: no cover
    """:func:`row_sums` of the rows with an origin, adding ``origin_i M_ij values_j`` to edge ``k``.

    1-d rows (``flows``: by edge); rows whose origin is 0 are not visited.
    """
    for i in range(out.shape[0]):
        o = origin[i]
        if o == 0.0:
            continue
        start = indptr[i]
        count = indptr[i + 1] - start
        a0 = a1 = 0.0
        for t in range(count >> 1):
            k = start + 2 * t
            term0, term1 = data[k] * values[indices[k]], data[k + 1] * values[indices[k + 1]]
            a0 += term0
            a1 += term1
            flows[k] += o * term0
            flows[k + 1] += o * term1
        if count % 2:
            k = start + count - 1
            term0 = data[k] * values[indices[k]]
            a0 += term0
            flows[k] += o * term0
        out[i] = a0 + a1


@compiled
def _pair_rows_flows(
    indptr, indices, data, values0, values1, origin0, origin1, out0, out1, flows0, flows1
):  # pragma: no cover - compiled
    """:func:`pair_row_sums` of the rows with an origin in either world, adding each world's
    ``origin_w M_ij values_w[j]`` to its flows (1-d rows)."""
    for i in range(out0.shape[0]):
        o0, o1 = origin0[i], origin1[i]
        if o0 == 0.0 and o1 == 0.0:
            continue
        start = indptr[i]
        count = indptr[i + 1] - start
        a0 = a1 = b0 = b1 = 0.0
        for t in range(count >> 1):
            k = start + 2 * t
            j0, j1 = indices[k], indices[k + 1]
            term_a0, term_b0 = data[k] * values0[j0], data[k] * values1[j0]
            term_a1, term_b1 = data[k + 1] * values0[j1], data[k + 1] * values1[j1]
            a0 += term_a0
            b0 += term_b0
            a1 += term_a1
            b1 += term_b1
            flows0[k] += o0 * term_a0
            flows1[k] += o1 * term_b0
            flows0[k + 1] += o0 * term_a1
            flows1[k + 1] += o1 * term_b1
        if count % 2:
            k = start + count - 1
            j0 = indices[k]
            term_a0, term_b0 = data[k] * values0[j0], data[k] * values1[j0]
            a0 += term_a0
            b0 += term_b0
            flows0[k] += o0 * term_a0
            flows1[k] += o1 * term_b0
        out0[i], out1[i] = a0 + a1, b0 + b1
