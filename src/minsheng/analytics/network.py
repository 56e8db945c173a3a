"""Distances along a road network instead of straight lines: the pairs of demand points
and facilities within a radius measured on the network (a user-supplied graph of nodes
in the same metric CRS and edges with lengths in metres).

Each point is snapped to its nearest node; the distance of a pair is the straight walk
from the demand point to its node, plus the shortest path between the nodes, plus the walk
from the facility's node to the facility. Shortest paths come from a Dijkstra search from
each facility's node that stops at the radius (scipy.sparse.csgraph.dijkstra with
`limit`), a few facilities at a time so that memory stays bounded. Edges are two-way.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse  # type: ignore[import-untyped]
from scipy.sparse.csgraph import dijkstra  # type: ignore[import-untyped]
from scipy.spatial import cKDTree  # type: ignore[import-untyped]

from minsheng.analytics.inequality import FloatArray, IntArray
from minsheng.analytics.proximity import Pairs
from minsheng.analytics.strips import as_points

_DISTANCES_PER_CHUNK = 4_000_000
"""Dijkstra rows × nodes held at once (32 MB of float64)."""


@dataclass(frozen=True)
class Network:
    """Nodes (k, 2) and the undirected graph of edge lengths between them (CSR)."""

    nodes: FloatArray
    graph: sparse.csr_array


def network(
    nodes: npt.ArrayLike, edges: npt.ArrayLike, lengths: npt.ArrayLike | None = None
) -> Network:
    """A network from node coordinates, edges as (e, 2) node indices and their lengths
    (the straight distance between the ends when None). Of parallel edges the shortest
    counts; a length must be ≥ 0."""
    points = as_points(nodes)
    ends = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    if lengths is None:
        size = np.hypot(*(points[ends[:, 0]] - points[ends[:, 1]]).T)
    else:
        size = np.asarray(lengths, dtype=np.float64)
    if np.any(size < 0) or np.any(np.isnan(size)):
        raise ValueError("edge lengths must be ≥ 0")
    graph = sparse.coo_array((size, (ends[:, 0], ends[:, 1])), shape=(len(points),) * 2)
    return Network(points, _shortest_parallel(graph))


def _shortest_parallel(graph: sparse.coo_array) -> sparse.csr_array:
    """One entry per node pair, the shortest of parallel edges (csgraph would add them).
    A zero length is kept as a tiny one, since a sparse matrix drops explicit zeros."""
    order = np.lexsort((graph.data, graph.col, graph.row))
    row, col, data = graph.row[order], graph.col[order], graph.data[order]
    first = np.ones(len(row), dtype=bool)
    first[1:] = (row[1:] != row[:-1]) | (col[1:] != col[:-1])
    data = np.maximum(data[first], np.finfo(np.float64).tiny)
    return sparse.csr_array((data, (row[first], col[first])), shape=graph.shape)


def snap(net: Network, points: npt.ArrayLike) -> tuple[IntArray, FloatArray]:
    """Each point's nearest node and the straight distance to it."""
    found = as_points(points)
    if not len(found):
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    distance, node = cKDTree(net.nodes).query(found, workers=os.cpu_count())
    return node.astype(np.int64), distance


def network_pairs(
    net: Network, demand: npt.ArrayLike, supply: npt.ArrayLike, radius: float
) -> Iterator[Pairs]:
    """Every (demand, facility) pair within `radius` along the network, with its
    distance, a few facilities at a time."""
    demand_node, demand_walk = snap(net, demand)
    supply_node, supply_walk = snap(net, supply)
    at_node = _points_by_node(demand_node, len(net.nodes))
    every = max(1, _DISTANCES_PER_CHUNK // max(len(net.nodes), 1))
    for start in range(0, len(supply_node) if len(demand_node) else 0, every):
        chunk = np.arange(start, min(start + every, len(supply_node)))
        yield _chunk_pairs(net, radius, (chunk, supply_node, supply_walk), at_node, demand_walk)


def _points_by_node(node: IntArray, count: int) -> tuple[IntArray, IntArray]:
    """The demand points grouped by node: (start of each node's group, point indices)."""
    order = np.argsort(node, kind="stable")
    starts = np.concatenate(([0], np.cumsum(np.bincount(node, minlength=count))))
    return starts, order


def _chunk_pairs(
    net: Network,
    radius: float,
    facilities: tuple[IntArray, IntArray, FloatArray],
    at_node: tuple[IntArray, IntArray],
    demand_walk: FloatArray,
) -> Pairs:
    """Pairs for one chunk of facilities: Dijkstra from their nodes, bounded by what is
    left of the radius after the walk to the node, then out to the demand at each node."""
    chunk, supply_node, supply_walk = facilities
    left = radius - float(supply_walk[chunk].min())
    paths = dijkstra(net.graph, directed=False, indices=supply_node[chunk], limit=max(left, 0))
    row, node = np.nonzero(paths <= max(left, 0))
    starts, order = at_node
    count = starts[node + 1] - starts[node]
    offset = np.repeat(starts[node] - (np.cumsum(count) - count), count)
    point = order[np.arange(int(count.sum())) + offset]
    facility = np.repeat(chunk[row], count)
    distance = np.repeat(paths[row, node], count) + demand_walk[point] + supply_walk[facility]
    keep = distance <= radius
    return Pairs(point[keep], facility[keep], distance[keep])
