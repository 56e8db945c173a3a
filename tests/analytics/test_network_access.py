"""Coverage and 2SFCA along a road network: on a straight road through every point the
network distance is the straight one, so the answers equal the straight-line core's
(coverage.py, fca.py) to rounding; a detour leaves a point a river away uncovered."""

from __future__ import annotations

import numpy as np
import pytest

from minsheng.analytics.coverage import covered
from minsheng.analytics.fca import accessibility
from minsheng.analytics.network import network, network_pairs
from minsheng.analytics.network_access import accessibility_by, covered_by, weight_of

RADIUS = 600.0


def straight_road() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(11)
    demand = np.column_stack([np.arange(0.0, 3001.0, 100.0), np.zeros(31)])
    supply = np.array([[450.0, 0.0], [1500.0, 0.0], [2950.0, 0.0]])
    nodes = np.column_stack([np.arange(0.0, 3001.0, 50.0), np.zeros(61)])
    return demand, rng.integers(0, 500, len(demand)).astype(float), supply, nodes


@pytest.mark.parametrize("weighting", ["none", "step", "gravity"])
def test_a_straight_road_gives_the_straight_line_answers(weighting):
    demand, people, supply, nodes = straight_road()
    roads = network(nodes, np.column_stack([np.arange(60), np.arange(1, 61)]))
    listed = list(network_pairs(roads, demand, supply, RADIUS))
    capacity = np.array([30.0, 50.0, 20.0])
    along = accessibility_by(listed, people, capacity, weight_of(weighting, RADIUS))
    straight = accessibility(demand, people, supply, capacity, RADIUS, weighting)
    assert along == pytest.approx(straight, rel=1e-12, abs=1e-15)
    assert (covered_by(listed, len(demand)) == covered(demand, supply, RADIUS)).all()


def test_a_detour_around_a_river_leaves_the_far_bank_uncovered():
    """A resident 200 m across a river from a clinic; the bridge is 500 m upstream, so
    the walk is 500 + 200 + 500 = 1,200 m: covered within 1,000 m by air, not by road."""
    demand, supply = np.array([[0.0, 100.0]]), np.array([[0.0, -100.0]])
    nodes = np.array([[0.0, 100.0], [500.0, 100.0], [500.0, -100.0], [0.0, -100.0]])
    roads = network(nodes, [[0, 1], [1, 2], [2, 3]])
    listed = list(network_pairs(roads, demand, supply, 1_000.0))
    assert not covered_by(listed, 1)[0]
    assert covered(demand, supply, 1_000.0)[0]
    wider = list(network_pairs(roads, demand, supply, 1_200.0))
    assert covered_by(wider, 1)[0]
    assert accessibility_by(wider, [10.0], [5.0], weight_of("none", 1_200.0)) == [0.5]


def test_step_weights_follow_the_bands():
    weight = weight_of("step", 900.0)
    assert list(weight(np.array([0.0, 300.0, 301.0, 600.0, 601.0, 900.0]))) == [
        1.0, 1.0, 0.68, 0.68, 0.22, 0.22,
    ]  # fmt: skip
