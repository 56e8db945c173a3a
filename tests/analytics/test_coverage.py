"""Coverage and the nearest facility, worked by hand and against brute force, and the
per-district totals."""

from __future__ import annotations

import numpy as np

from minsheng.analytics.coverage import (
    GroupTotals,
    coverage_by_group,
    covered,
    covered_in,
    nearest_distance,
)
from minsheng.analytics.proximity import reach


def test_covered_by_hand():
    """Facility at the origin, radius 5: (3, 4) is exactly 5 away (covered: the radius is
    included), (3, 4.001) just beyond, (0, 0) on the facility."""
    demand = np.array([[3.0, 4.0], [3.0, 4.001], [0.0, 0.0], [-5.0, 0.0]])
    found = covered(demand, [[0.0, 0.0]], 5.0)
    assert found.tolist() == [True, False, True, True]
    assert covered(demand, np.zeros((0, 2)), 5.0).tolist() == [False] * 4
    assert covered(np.zeros((0, 2)), [[0.0, 0.0]], 5.0).shape == (0,)
    assert covered(demand, [[0.0, 0.0], [0.0, 0.0]], 0.0).tolist() == [False, False, True, False]


def test_covered_and_nearest_agree_with_brute_force():
    rng = np.random.default_rng(11)
    demand, supply = rng.random((800, 2)) * 3000, rng.random((15, 2)) * 3000
    distance = np.hypot(*(demand[:, None, :] - supply[None, :, :]).transpose(2, 0, 1))
    nearest = distance.min(axis=1)
    assert np.array_equal(covered(demand, supply, 400.0), nearest <= 400.0)
    assert np.array_equal(covered_in(reach(demand, supply, 400.0)), nearest <= 400.0)
    np.testing.assert_allclose(nearest_distance(demand, supply), nearest, rtol=1e-12)
    bounded = nearest_distance(demand, supply, limit=400.0)
    np.testing.assert_allclose(bounded, np.where(nearest <= 400.0, nearest, np.inf), rtol=1e-12)
    assert np.isinf(nearest_distance(demand, np.zeros((0, 2)))).all()


def test_nearest_includes_the_limit():
    assert nearest_distance([[3.0, 4.0]], [[0.0, 0.0]], limit=5.0).tolist() == [5.0]


def test_coverage_by_group_by_hand():
    """District 0: 100 + 300 people, the 300 covered → 0.75; district 1: 50, uncovered →
    0; district 2: nobody (NaN share); a missing population counts as 0."""
    found = coverage_by_group(
        [100.0, 300.0, 50.0, np.nan], [False, True, False, True], [0, 0, 1, 1], 3
    )
    assert isinstance(found, GroupTotals)
    np.testing.assert_array_equal(found.population, [400.0, 50.0, 0.0])
    np.testing.assert_array_equal(found.covered, [300.0, 0.0, 0.0])
    np.testing.assert_array_equal(found.share, [0.75, 0.0, np.nan])
