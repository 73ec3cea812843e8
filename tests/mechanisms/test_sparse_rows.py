"""Row products of matching: the sums of each row in a fixed order, whatever the worlds paired."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from sim.mechanisms.reallocation import csr_parts
from sim.mechanisms.sparse_rows import pair_gather_rows, pair_row_dots


def reference_row(indptr, indices, data, i, values):
    """Row ``i`` of ``M values`` as two partial sums in edge order (even, odd offsets)."""
    a0 = a1 = 0.0
    start, stop = int(indptr[i]), int(indptr[i + 1])
    for offset, k in enumerate(range(start, stop)):
        term = data[k] * values[indices[k]]
        if offset % 2 == 0:  # an odd last edge too
            a0 += term
        else:
            a1 += term
    return a0 + a1


def random_csr(rows: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A CSR matrix whose rows have 0 to 13 edges (odd and even lengths, an empty row)."""
    rng = np.random.default_rng(seed)
    dense = np.where(
        rng.random((rows, rows)) < rng.random((rows, 1)) * 0.9, rng.random((rows, rows)), 0.0
    )
    dense[rows // 2] = 0.0
    return csr_parts(sp.csr_array(dense))


@pytest.mark.parametrize("rows", [1, 2, 7, 24])
def test_pair_row_dots_sum_each_row_in_edge_order(rows: int) -> None:
    indptr, indices, data = random_csr(rows, rows)
    values_t = np.random.default_rng(1).random((rows, 2)) * 1e3
    expected = np.array(
        [
            [reference_row(indptr, indices, data, i, values_t[:, w]) for i in range(rows)]
            for w in (0, 1)
        ]
    )
    paired, alone = np.full((2, rows), np.nan), np.full((2, rows), np.nan)
    pair_row_dots(indptr, indices, data, values_t, 0, 1, paired)
    pair_row_dots(indptr, indices, data, values_t, 1, 1, alone)
    assert np.array_equal(paired, expected)
    assert np.array_equal(alone[1], expected[1])  # one world alone: the same sums
    assert np.isnan(alone[0]).all()  # the other world is not written


@pytest.mark.parametrize("kept", [False, True])
def test_pair_gather_rows_scales_by_origin_and_adds_each_edge_flow(kept: bool) -> None:
    rows = 9
    indptr, indices, data = random_csr(rows, 3)
    values_t = np.random.default_rng(2).random((rows, 2))
    origin = np.random.default_rng(4).random((2, rows))
    origin[:, 2] = 0.0  # nobody from origin 2 in either world
    origin[0, 5] = 0.0  # nobody from origin 5 in world 0 only
    edge_flows = np.zeros((2, data.size if kept else 0))
    out = np.full((2, rows), np.nan)
    pair_gather_rows(indptr, indices, data, values_t, 0, 1, origin, out, edge_flows, 0)
    for w in (0, 1):
        sums = [reference_row(indptr, indices, data, i, values_t[:, w]) for i in range(rows)]
        assert np.array_equal(out[w], origin[w] * np.array(sums))
    if kept:
        origin_of_edge = np.repeat(np.arange(rows), np.diff(indptr))
        for w in (0, 1):
            expected = origin[w, origin_of_edge] * (data * values_t[indices, w])
            assert np.array_equal(edge_flows[w], expected)
        assert (edge_flows[:, indptr[2] : indptr[3]] == 0.0).all()
