"""Network distances worked by hand on a line of roads, and against an unbounded
Dijkstra on a random grid of streets."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse.csgraph import dijkstra

from minsheng.analytics.network import network, network_pairs, snap


def listed(net, demand, supply, radius):
    chunks = list(network_pairs(net, demand, supply, radius))
    found = {}
    for chunk in chunks:
        for i, j, d in zip(chunk.demand, chunk.supply, chunk.distance, strict=True):
            found[int(i), int(j)] = float(d)
    return found


def test_a_line_of_roads_by_hand():
    """Nodes every 100 m along x, and a detour: 0—1—2—3 straight, plus a parallel 0—3 edge
    of 500 m (longer: the straight way counts). Demand 10 m off node 3, a facility 5 m off
    node 0: 10 + 300 + 5 = 315 m along the roads, though 300.2 m as the crow flies."""
    nodes = np.array([[0.0, 0.0], [100.0, 0.0], [200.0, 0.0], [300.0, 0.0]])
    net = network(nodes, [[0, 1], [1, 2], [2, 3], [0, 3], [3, 0]], [100, 100, 100, 500, 600])
    demand, supply = [[300.0, 10.0], [100.0, 0.0]], [[-5.0, 0.0]]
    assert snap(net, demand)[0].tolist() == [3, 1]
    assert listed(net, demand, supply, 315.0) == pytest.approx({(0, 0): 315.0, (1, 0): 105.0})
    assert listed(net, demand, supply, 314.9) == pytest.approx({(1, 0): 105.0})
    assert listed(net, demand, supply, 4.9) == {}
    # A straight length from the coordinates when none is given.
    assert listed(network(nodes, [[0, 1], [1, 2], [2, 3]]), demand, supply, 400.0)[0, 0] == 315


def test_agrees_with_unbounded_dijkstra_on_a_street_grid(monkeypatch):
    rng = np.random.default_rng(4)
    side = 12
    xy = np.array([(x, y) for y in range(side) for x in range(side)], dtype=float) * 100
    edges = [(k, k + 1) for k in range(side * side) if (k + 1) % side]
    edges += [(k, k + side) for k in range(side * (side - 1))]
    edges = [e for e in edges if rng.random() > 0.2]  # some streets missing
    net = network(xy, edges)
    demand, supply = rng.random((200, 2)) * 1100, rng.random((9, 2)) * 1100
    monkeypatch.setattr("minsheng.analytics.network._DISTANCES_PER_CHUNK", 300)  # 2 per chunk
    found = listed(net, demand, supply, 650.0)
    dn, dw = snap(net, demand)
    sn, sw = snap(net, supply)
    paths = dijkstra(net.graph, directed=False)
    total = dw[:, None] + paths[dn][:, sn] + sw[None, :]
    expected = {(i, j): total[i, j] for i, j in zip(*np.nonzero(total <= 650.0), strict=True)}
    assert found.keys() == expected.keys() and len(found) > 50
    for key, value in found.items():
        assert value == pytest.approx(expected[key], rel=1e-12)


def test_bad_lengths_are_refused():
    with pytest.raises(ValueError, match="lengths"):
        network([[0.0, 0.0], [1.0, 0.0]], [[0, 1]], [-1.0])
