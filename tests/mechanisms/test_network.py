"""The mobility network: skill edges, edge union, row-stochastic search, two-step retraining."""

from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose

from sim.data import load_occupation_tables
from sim.mechanisms import network
from sim.model.inputs import mobility_network
from sim.params import ReallocationParams

DATA_DIR = Path(__file__).resolve().parents[2] / "occupations"


def edges(pairs, weights=None):
    source, target = zip(*pairs, strict=True)
    weight = np.ones(len(pairs)) if weights is None else np.asarray(weights, dtype=float)
    return network.Edges(np.array(source), np.array(target), weight)


def test_skill_edges_link_the_most_similar_profiles():
    vectors = np.array(
        [[5.0, 1.0, 1.0], [4.8, 1.2, 1.0], [1.0, 5.0, 1.0], [1.0, 1.0, 5.0], [np.nan] * 3]
    )
    found = network.skill_edges(vectors, neighbours=1, weight=0.5)
    pairs = dict(zip(found.source.tolist(), found.target.tolist(), strict=True))
    assert pairs[0] == 1
    assert pairs[1] == 0
    assert 4 not in pairs  # no vector, no edge
    assert 4 not in found.target
    assert np.all((found.weight > 0) & (found.weight <= 0.5))


def test_union_keeps_the_larger_weight_and_drops_self_loops():
    combined = network.combine(
        3, edges([(0, 1), (1, 1)], [0.2, 1.0]), edges([(0, 1), (1, 2)], [0.7, 0.3])
    )
    got = sorted(
        zip(
            combined.source.tolist(),
            combined.target.tolist(),
            combined.weight.tolist(),
            strict=True,
        )
    )
    assert got == [(0, 1, 0.7), (1, 2, 0.3)]


def test_search_matrix_is_row_stochastic_with_self_loop():
    net = network.build(3, edges([(0, 1), (0, 2)], [1.0, 0.5]), 0.4, 0)
    dense = net.search.toarray()
    assert_allclose(dense.sum(axis=1), 1.0)
    assert_allclose(dense[0], [0.4, 0.6 * 2 / 3, 0.6 / 3])
    assert_allclose(dense[1], [0.0, 1.0, 0.0])  # no out-edge: all weight stays


def test_retraining_opens_two_step_non_neighbours_only():
    # 0 -> 1 -> 2, 0 -> 3 -> 2, 1 -> 4; 0 also reaches 3 directly.
    net = network.build(5, edges([(0, 1), (1, 2), (0, 3), (3, 2), (1, 4)]), 0.5, 1)
    row = net.retraining.toarray()[0]
    assert row.sum() == pytest.approx(1.0)
    assert row[2] == pytest.approx(1.0)  # two paths to 2 beat one path to 4 (reach 1)
    assert row[[0, 1, 3]].sum() == 0.0  # never the origin or a neighbour


@pytest.fixture(scope="module")
def shipped_network():
    tables = load_occupation_tables(DATA_DIR)
    codes = tables.occupations["occupation_code"].to_numpy(dtype=str)
    net = mobility_network(codes, tables, ReallocationParams(), 20)
    return codes, tables, net


def test_every_shipped_occupation_has_out_edges_and_a_self_loop(shipped_network):
    codes, tables, net = shipped_network
    dense = net.search.toarray()
    off_diagonal = (dense > 0).sum(axis=1) - 1
    assert off_diagonal.min() >= 5
    assert_allclose(np.diag(dense), ReallocationParams().self_loop_share)
    assert_allclose(dense.sum(axis=1), 1.0)
    imputed = tables.occupations["criteria_source"].str.endswith("_mean").to_numpy()
    entrepreneurs = codes == "ENTR-0001"
    assert imputed.sum() > 40
    assert off_diagonal[imputed].min() >= 5
    assert off_diagonal[entrepreneurs][0] >= 5
    assert_allclose(net.retraining.toarray().sum(axis=1), 1.0)
