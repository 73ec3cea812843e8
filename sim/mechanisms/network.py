"""The occupational mobility network: O*NET relatedness completed by skill similarity.

Edges ``i -> j`` carry a relatedness ``w_ij`` in (0, 1]: the larger of the
O*NET related-occupations / career-changers value (``transitions.csv.gz``) and
``skill_edge_weight * cos_ij`` for the ``skill_neighbours`` occupations whose
centred O*NET skill-importance vectors are most similar to ``i``'s (cosine of
the vectors minus the all-occupation mean profile; only positive cosines).
The search matrix ``W`` is row-stochastic: the self-loop keeps ``r``
(``self_loop_share``) and the out-edges share ``1 - r`` in proportion to
``w_ij``; an occupation with no out-edge keeps all weight on itself::

    W_ii = r,   W_ij = (1 - r) w_ij / sum_k w_ik      (i != j)

Retraining opens, for each origin, the ``reach`` strongest two-step
destinations that are not already neighbours (``(W_off W_off)_ij``, ``W_off``
the off-diagonal part), row-normalised into ``R``; an origin with none keeps
``W``'s row.  Both matrices are ``scipy.sparse`` CSR, so a step's search and
matching is a handful of sparse products (see :mod:`sim.mechanisms.reallocation`).
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]


@dataclass(frozen=True)
class Edges:
    """Directed weighted edges between occupation rows (no self-loops)."""

    source: IntArray
    target: IntArray
    weight: FloatArray


@dataclass(frozen=True)
class MobilityNetwork:
    """Search matrices over ``n`` occupations.

    Attributes
    ----------
    search : scipy.sparse.csr_array
        ``W``, row-stochastic with the self-loop on the diagonal.
    retraining : scipy.sparse.csr_array
        ``R``, row-stochastic, two-step non-neighbour destinations.
    relatedness : Edges
        The combined off-diagonal relatedness ``w_ij`` (the graph's edges).
    self_loop_weight : FloatArray
        ``W_ii`` per occupation.
    has_retraining : bool
        Whether ``R`` was built (else it is ``W`` and carries no flows).
    """

    search: sp.csr_array
    retraining: sp.csr_array
    relatedness: Edges
    self_loop_weight: FloatArray
    has_retraining: bool

    @property
    def n_occupations(self) -> int:
        """Number of occupations (nodes)."""
        return int(self.search.shape[0])

    def graph(self, codes: NDArray[np.str_], titles: NDArray[np.str_]) -> nx.DiGraph:
        """The network as a networkx DiGraph on rows, with ``weight`` = ``W_ij``."""
        graph = nx.DiGraph()
        graph.add_nodes_from(
            (row, {"code": str(code), "title": str(title)})
            for row, (code, title) in enumerate(zip(codes, titles, strict=True))
        )
        coo = self.search.tocoo()
        graph.add_weighted_edges_from(
            zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist(), strict=True)
        )
        return graph


def skill_edges(vectors: FloatArray, neighbours: int, weight: float) -> Edges:
    """Edges to each row's ``neighbours`` most similar rows by centred cosine similarity.

    Parameters
    ----------
    vectors
        Skill importance, occupations x skills; a row of NaN has no vector (no edges).
    neighbours
        Edges per occupation (fewer if fewer rows have a positive similarity).
    weight
        Relatedness per unit cosine similarity.
    """
    present = ~np.isnan(vectors).any(axis=1)
    rows = np.flatnonzero(present)
    if vectors.shape[1] == 0 or rows.size < 2 or neighbours == 0 or weight == 0.0:
        empty = np.empty(0, dtype=np.intp)
        return Edges(empty, empty.copy(), np.empty(0))
    centred = vectors[rows] - vectors[rows].mean(axis=0)
    norms = np.linalg.norm(centred, axis=1, keepdims=True)
    unit = centred / np.where(norms > 0.0, norms, 1.0)
    cosine = unit @ unit.T
    np.fill_diagonal(cosine, -np.inf)
    k = min(neighbours, rows.size - 1)
    top = np.argpartition(-cosine, k - 1, axis=1)[:, :k]
    similarity = np.take_along_axis(cosine, top, axis=1)
    keep = similarity > 0.0
    source = np.repeat(rows, k).reshape(-1, k)[keep]
    return Edges(source, rows[top[keep]], weight * similarity[keep])


def combine(n: int, *edge_sets: Edges) -> Edges:
    """Union of edge sets; a pair present in several keeps its largest weight."""
    source = np.concatenate([e.source for e in edge_sets])
    target = np.concatenate([e.target for e in edge_sets])
    weight = np.concatenate([e.weight for e in edge_sets])
    off = source != target
    source, target, weight = source[off], target[off], weight[off]
    key = source * n + target
    order = np.lexsort((-weight, key))
    first = np.ones(order.size, dtype=bool)
    first[1:] = key[order][1:] != key[order][:-1]
    chosen = order[first]
    return Edges(source[chosen], target[chosen], weight[chosen])


def build(n: int, edges: Edges, self_loop_share: float, retraining_reach: int) -> MobilityNetwork:
    """Search and retraining matrices from the combined relatedness ``edges``.

    ``retraining_reach = 0`` skips the two-step search (no retraining
    programme) and sets ``R = W``.
    """
    relatedness = sp.csr_array((edges.weight, (edges.source, edges.target)), shape=(n, n))
    out_weight = np.asarray(relatedness.sum(axis=1)).ravel()
    has_edges = out_weight > 0.0
    scale = np.where(has_edges, (1.0 - self_loop_share) / np.where(has_edges, out_weight, 1.0), 0)
    loop = np.where(has_edges, self_loop_share, 1.0)
    search = sp.csr_array(sp.diags_array(scale) @ relatedness + sp.diags_array(loop))
    search.sort_indices()
    retraining = _two_step(relatedness, search, retraining_reach) if retraining_reach else search
    return MobilityNetwork(search, retraining, edges, loop, retraining_reach > 0)


def _two_step(relatedness: sp.csr_array, search: sp.csr_array, reach: int) -> sp.csr_array:
    """Row-normalised strongest two-step non-neighbours; ``search``'s row where there are none."""
    n = relatedness.shape[0]
    two_step = sp.coo_array(relatedness @ relatedness)
    linked = sp.coo_array(relatedness)
    neighbour_keys = np.concatenate((linked.row * n + linked.col, np.arange(n) * (n + 1)))
    is_neighbour = np.isin(two_step.row * n + two_step.col, neighbour_keys)
    row, col, value = (
        two_step.row[~is_neighbour],
        two_step.col[~is_neighbour],
        two_step.data[~is_neighbour],
    )
    order = np.lexsort((-value, row))
    row, col, value = row[order], col[order], value[order]
    starts = np.searchsorted(row, np.arange(n))
    rank = np.arange(row.size) - starts[row]
    keep = rank < reach
    reached = sp.csr_array((value[keep], (row[keep], col[keep])), shape=(n, n))
    totals = np.asarray(reached.sum(axis=1)).ravel()
    has_reach = totals > 0.0
    normalised = sp.diags_array(np.where(has_reach, 1.0 / np.where(has_reach, totals, 1.0), 0.0))
    fallback = sp.diags_array((~has_reach).astype(float))
    result = sp.csr_array(normalised @ reached + fallback @ search)
    result.sort_indices()
    return result
