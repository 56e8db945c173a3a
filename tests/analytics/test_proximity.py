"""Pairs within a radius against brute force: counts, sums both ways and listed pairs, on
random points with duplicates, points snapped to a coarse grid (many exact ties with the
strips' boundaries), far-off origins and a radius of 0."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minsheng.analytics import proximity
from minsheng.analytics.proximity import pairs, reach
from minsheng.analytics.strips import strips


def brute(demand: np.ndarray, supply: np.ndarray, radius: float) -> np.ndarray:
    """Within reach, by the same test: dx² + dy² ≤ r²."""
    delta = demand[:, None, :] - supply[None, :, :]
    return (delta[..., 0] ** 2 + delta[..., 1] ** 2) <= radius * radius


@st.composite
def layouts(draw):
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    n, m = draw(st.integers(0, 400)), draw(st.integers(0, 30))
    side = draw(st.sampled_from([1.0, 50.0, 3000.0]))
    offset = draw(st.sampled_from([0.0, -2_500_000.0, 3_400_000.0]))
    decimals = draw(st.sampled_from([None, 0, 1]))
    demand = rng.random((n, 2)) * side
    supply = rng.random((m, 2)) * side
    if decimals is not None:
        demand, supply = np.round(demand, decimals), np.round(supply, decimals)
    shared = min(3, n, m)
    supply[:shared] = demand[:shared]  # facilities on demand points
    radius = draw(st.sampled_from([0.0, 0.3, 1.0, 7.5, 120.0, 900.0, 5000.0]))
    return demand + offset, supply + offset, radius


@settings(max_examples=150, deadline=None)
@given(layouts())
def test_reach_and_pairs_agree_with_brute_force(layout):
    demand, supply, radius = layout
    expected = brute(demand, supply, radius)
    found = reach(demand, supply, radius)
    assert np.array_equal(found.strips.unsorted(found.counts), expected.sum(axis=1))
    people = np.arange(len(demand), dtype=float) + 1
    totals = found.demand_totals(found.strips.sorted(people))
    np.testing.assert_allclose(totals, people @ expected, rtol=1e-12)
    ratio = np.arange(len(supply), dtype=float) / 7
    back = found.strips.unsorted(found.supply_totals(ratio))
    np.testing.assert_allclose(back, expected @ ratio, rtol=1e-9, atol=1e-12)

    listed = [chunk for chunk in pairs(demand, supply, radius)]
    i = np.concatenate([c.demand for c in listed]) if listed else np.zeros(0, int)
    j = np.concatenate([c.supply for c in listed]) if listed else np.zeros(0, int)
    assert len(i) == expected.sum()
    assert expected[i, j].all()
    if listed:
        d = np.concatenate([c.distance for c in listed])
        np.testing.assert_allclose(d, np.hypot(*(demand[i] - supply[j]).T), rtol=1e-12)


def test_strips_are_reused_across_radii_and_supplies():
    rng = np.random.default_rng(7)
    demand, supply = rng.random((500, 2)) * 2000, rng.random((20, 2)) * 2000
    index = strips(demand, 300.0)
    for radius in (0.0, 100.0, 300.0, 800.0):
        found = reach(index, supply, radius)
        expected = brute(demand, supply, radius).sum(axis=1)
        assert np.array_equal(found.strips.unsorted(found.counts), expected)


def test_large_chunks_are_split(monkeypatch):
    """Tiny chunks give the same pairs as one chunk (the chunking is only for memory)."""
    rng = np.random.default_rng(8)
    demand, supply = rng.random((2000, 2)) * 1000, rng.random((40, 2)) * 1000
    whole = reach(demand, supply, 200.0).counts
    monkeypatch.setattr(proximity, "_CANDIDATES_PER_CHUNK", 10)
    assert np.array_equal(reach(demand, supply, 200.0).counts, whole)
    assert sum(len(c.demand) for c in pairs(demand, supply, 200.0)) == whole.sum()


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="radius"):
        reach(np.zeros((2, 2)), np.zeros((1, 2)), -1.0)
    with pytest.raises(ValueError, match="radius"):
        reach(np.zeros((2, 2)), np.zeros((1, 2)), float("nan"))
    with pytest.raises(ValueError, match="shape"):
        reach(np.zeros((2, 3)), np.zeros((1, 2)), 1.0)


def test_strips_thin_for_the_radius_keep_chunks_small(monkeypatch):
    """Strips built for 10 m queried at 2 km: hundreds of strips per disc, each a row of
    the run tables, so the chunks hold few facilities (memory stays bounded)."""
    rng = np.random.default_rng(9)
    demand, supply = rng.random((3000, 2)) * 5000, rng.random((30, 2)) * 5000
    calls = []
    original = proximity._ranges
    monkeypatch.setattr(proximity, "_CANDIDATES_PER_CHUNK", 5000)
    monkeypatch.setattr(
        proximity, "_ranges", lambda *a, **k: calls.append(len(a[1])) or original(*a, **k)
    )
    found = reach(strips(demand, 10.0), supply, 2000.0)
    assert max(calls) <= 5
    expected = brute(demand, supply, 2000.0).sum(axis=1)
    assert np.array_equal(found.strips.unsorted(found.counts), expected)


def test_in_this_thread_only_gives_the_same_pairs():
    rng = np.random.default_rng(10)
    demand, supply = rng.random((20_000, 2)) * 3000, rng.random((400, 2)) * 3000
    both = reach(demand, supply, 300.0)
    alone = reach(demand, supply, 300.0, parallel=False)
    assert np.array_equal(both.counts, alone.counts)
    assert np.array_equal(both.edge_demand, alone.edge_demand)
