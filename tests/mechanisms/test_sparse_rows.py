"""Row products of matching: the sums of each row in a fixed order, whatever the worlds paired.

Each compiled pass is checked against the sums written out in Python (the
order the loop promises: even and odd offsets from the row's start, or four
interleaved sums for ``row_dot``), on hand-made matrices (empty rows, odd and
even lengths) and on the shipped mobility network and its transpose.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

from sim.data import load_occupation_tables
from sim.mechanisms.reallocation import csr_parts
from sim.mechanisms.sparse_rows import (
    apply_searchers,
    gather_rows,
    row_dot,
    row_dots,
    world_gather_rows,
    world_row_sums,
)
from sim.model.inputs import mobility_network
from sim.params import ReallocationParams

DATA_DIR = Path(__file__).resolve().parents[2] / "occupations"


def reference_row(indptr, indices, data, i, values, partial_sums=2):
    """Row ``i`` of ``M values`` as ``partial_sums`` interleaved sums in edge order.

    Two: even and odd offsets from the row's start (an odd last edge into the
    first), added.  Four: offsets modulo 4 over whole groups of four, the rest
    into the first, added as ``(a0 + a1) + (a2 + a3)``.
    """
    sums = [0.0] * partial_sums
    start, stop = int(indptr[i]), int(indptr[i + 1])
    whole = (stop - start) - (stop - start) % partial_sums
    for offset, k in enumerate(range(start, stop)):
        sums[offset % partial_sums if offset < whole else 0] += data[k] * values[indices[k]]
    if partial_sums == 2:
        return sums[0] + sums[1]
    return (sums[0] + sums[1]) + (sums[2] + sums[3])


def random_csr(rows: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A CSR matrix whose rows have 0 to 13 edges (odd and even lengths, an empty row)."""
    rng = np.random.default_rng(seed)
    dense = np.where(
        rng.random((rows, rows)) < rng.random((rows, 1)) * 0.9, rng.random((rows, rows)), 0.0
    )
    dense[rows // 2] = 0.0
    return csr_parts(sp.csr_array(dense))


@pytest.fixture(scope="module")
def shipped_search():
    """``W`` and ``W^T`` of the shipped tables as CSR parts (uint32 pointers and indices)."""
    tables = load_occupation_tables(DATA_DIR)
    codes = tables.occupations["occupation_code"].to_numpy(dtype=str)
    search = mobility_network(codes, tables, ReallocationParams(), 20).search
    return csr_parts(search), csr_parts(search.T.tocsr())


def test_csr_parts_are_unsigned_and_contiguous() -> None:
    indptr, indices, data = random_csr(7, 0)
    assert indptr.dtype == np.uint32
    assert indices.dtype == np.uint32
    assert data.dtype == np.float64
    assert all(a.flags["C_CONTIGUOUS"] for a in (indptr, indices, data))


def expected_sums(parts, values, partial_sums=2):
    rows = parts[0].size - 1
    return np.array(
        [[reference_row(*parts, i, v, partial_sums) for i in range(rows)] for v in values]
    )


def check_world_row_sums(parts, values) -> None:
    rows = parts[0].size - 1
    expected = expected_sums(parts, values)
    paired, alone = np.full((2, rows), np.nan), np.full((2, rows), np.nan)
    world_row_sums(*parts, values, 0, 1, paired)
    world_row_sums(*parts, values, 1, 1, alone)
    assert np.array_equal(paired, expected)
    assert np.array_equal(alone[1], expected[1])  # one world alone: the same sums
    assert np.isnan(alone[0]).all()  # the other world is not written


@pytest.mark.parametrize("rows", [1, 2, 7, 24])
def test_world_row_sums_sum_each_row_in_edge_order(rows: int) -> None:
    values = np.random.default_rng(1).random((2, rows)) * 1e3
    check_world_row_sums(random_csr(rows, rows), values)


def test_world_row_sums_on_the_shipped_network_and_its_transpose(shipped_search) -> None:
    for parts in shipped_search:
        values = np.random.default_rng(5).random((2, parts[0].size - 1)) * 1e4
        check_world_row_sums(parts, values)


@pytest.mark.parametrize("rows", [1, 5, 24])
def test_row_dots_and_row_dot_sum_each_row_in_four_partial_sums(rows: int, shipped_search) -> None:
    for parts in (random_csr(rows, rows + 1), *shipped_search):
        n = parts[0].size - 1
        values = np.random.default_rng(6).random(n) * 1e3
        expected = expected_sums(parts, [values], partial_sums=4)[0]
        out = np.full(n, np.nan)
        row_dots(*parts, values, out)
        assert np.array_equal(out, expected)
        assert np.array_equal([row_dot(*parts, i, values) for i in range(n)], expected)


def test_apply_searchers_divides_by_reach_and_scatters_applications() -> None:
    rows = 9
    parts = random_csr(rows, 8)
    vacancies = np.random.default_rng(9).random(rows) * 10.0
    searchers = np.random.default_rng(10).random(rows)
    searchers[3] = 0.0
    out, pressure = np.full(rows, np.nan), np.full(rows, np.nan)
    apply_searchers(*parts, searchers, vacancies, 1e-6, out, pressure)
    reach = expected_sums(parts, [vacancies], partial_sums=4)[0]
    reached = (searchers != 0.0) & (reach > 1e-6)
    per_reach = np.divide(searchers, reach, out=np.zeros(rows), where=reached)
    assert np.array_equal(out, per_reach)
    dense = sp.csr_array((parts[2], parts[1], parts[0]), shape=(rows, rows)).toarray()
    np.testing.assert_allclose(pressure, dense.T @ per_reach, rtol=1e-14)


@pytest.mark.parametrize("kept", [False, True])
@pytest.mark.parametrize("paired", [False, True])
def test_world_gather_rows_scales_by_origin_and_adds_each_edge_flow(
    kept: bool, paired: bool, shipped_search
) -> None:
    for parts in (random_csr(9, 3), shipped_search[0]):
        indptr, indices, data = parts
        rows = indptr.size - 1
        values = np.random.default_rng(2).random((2, rows))
        origin = np.random.default_rng(4).random((2, rows))
        origin[:, 2] = 0.0  # nobody from origin 2 in either world
        origin[0, 5] = 0.0  # nobody from origin 5 in world 0 only
        edge_flows = np.zeros((2, data.size if kept else 0))
        out = np.full((2, rows), np.nan)
        worlds = (0, 1) if paired else (1,)
        world_gather_rows(*parts, values, worlds[0], worlds[-1], origin, out, edge_flows)
        for w in worlds:
            sums = expected_sums(parts, [values[w]])[0]
            assert np.array_equal(out[w], origin[w] * sums)
            if kept:
                origin_of_edge = np.repeat(np.arange(rows), np.diff(indptr))
                expected = origin[w, origin_of_edge] * (data * values[w, indices])
                assert np.array_equal(edge_flows[w], expected)
                assert (edge_flows[w, indptr[2] : indptr[3]] == 0.0).all()
        if not paired:
            assert np.isnan(out[0]).all()  # the other world is not written
            assert not edge_flows[0].any()


@pytest.mark.parametrize("kept", [False, True])
def test_gather_rows_adds_origin_times_each_row_and_each_edge_flow(kept: bool, shipped_search):
    for parts in (random_csr(9, 13), shipped_search[0]):
        indptr, indices, data = parts
        rows = indptr.size - 1
        values = np.random.default_rng(14).random(rows)
        origin = np.random.default_rng(15).random(rows)
        origin[2] = 0.0  # nobody from origin 2: its row is not visited
        before = np.random.default_rng(16).random(rows)
        out = before.copy()
        offset = 3
        edge_flows = np.zeros(offset + data.size if kept else 0)
        gather_rows(*parts, values, origin, out, edge_flows, offset)
        sums = expected_sums(parts, [values], partial_sums=4)[0]
        expected = np.where(origin != 0.0, before + origin * sums, before)
        assert np.array_equal(out, expected)
        if kept:
            origin_of_edge = np.repeat(np.arange(rows), np.diff(indptr))
            flows = origin[origin_of_edge] * data * values[indices]
            assert np.array_equal(edge_flows[offset:], flows)
            assert not edge_flows[:offset].any()
