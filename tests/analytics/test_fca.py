"""2SFCA, E2SFCA and gravity 2SFCA against PySAL `access` (fed a full cost matrix on
small random data), and hand-worked cases for the edges: no facilities, no demand, a
radius of 0, duplicate points, a facility with no capacity or nobody in reach."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from access import Access, weights

from minsheng.analytics.coverage import covered
from minsheng.analytics.fca import (
    GRAVITY_BETA,
    GRAVITY_MIN_DISTANCE,
    LUO_QI_2009,
    accessibility,
    two_step,
    two_step_by_radius,
    weighted_mean_by_group,
)
from minsheng.analytics.proximity import reach
from minsheng.analytics.strips import strips

RADIUS = 900.0
pytestmark = pytest.mark.filterwarnings("ignore:The inplace keyword")  # inside access


@pytest.fixture(scope="module")
def layout():
    rng = np.random.default_rng(3)
    demand, supply = rng.random((300, 2)) * 5000, rng.random((25, 2)) * 5000
    population = rng.integers(10, 1000, len(demand)).astype(float)
    capacity = rng.integers(1, 20, len(supply)).astype(float)
    return demand, population, supply, capacity


@pytest.fixture(scope="module")
def pysal(layout):
    demand, population, supply, capacity = layout
    n, m = len(demand), len(supply)
    distance = np.hypot(*(demand[:, None, :] - supply[None, :, :]).transpose(2, 0, 1))
    cost = pd.DataFrame(
        {"origin": np.repeat(np.arange(n), m), "dest": np.tile(np.arange(m), n)}
    ).assign(cost=distance.ravel())
    return Access(
        demand_df=pd.DataFrame({"geoid": np.arange(n), "pop": population}),
        demand_index="geoid",
        demand_value="pop",
        supply_df=pd.DataFrame({"geoid": np.arange(m), "cap": capacity}),
        supply_index="geoid",
        supply_value="cap",
        cost_df=cost,
        cost_origin="origin",
        cost_dest="dest",
        cost_name="cost",
    )


def pysal_2sfca(pysal, n, weight_fn, name):
    """PySAL's scores; a demand point with no facility in reach is NaN there, 0 here."""
    found = pysal.two_stage_fca(name=name, max_cost=RADIUS, weight_fn=weight_fn)
    return found[f"{name}_cap"].reindex(range(n)).fillna(0.0).to_numpy()


WEIGHT_FNS = {
    "none": None,
    "step": weights.step_fn({RADIUS * share: weight for share, weight in LUO_QI_2009}),
    "gravity": weights.gravity(
        scale=GRAVITY_MIN_DISTANCE, alpha=-GRAVITY_BETA, min_dist=GRAVITY_MIN_DISTANCE
    ),
}


@pytest.mark.parametrize("weighting", ["none", "step", "gravity"])
def test_agrees_with_pysal_access(layout, pysal, weighting):
    demand, population, supply, capacity = layout
    found = accessibility(demand, population, supply, capacity, RADIUS, weighting)
    expected = pysal_2sfca(pysal, len(demand), WEIGHT_FNS[weighting], weighting)
    assert (expected > 0).sum() > 200  # most points reach something: a real comparison
    np.testing.assert_allclose(found, expected, rtol=1e-9, atol=0)


def test_other_steps_and_gravity_parameters_agree_with_pysal(layout, pysal):
    demand, population, supply, capacity = layout
    steps = ((0.5, 1.0), (1.0, 0.4))
    found = accessibility(demand, population, supply, capacity, RADIUS, "step", steps=steps)
    fn = weights.step_fn({RADIUS * share: weight for share, weight in steps})
    np.testing.assert_allclose(found, pysal_2sfca(pysal, len(demand), fn, "s2"), rtol=1e-9)
    found = accessibility(
        demand, population, supply, capacity, RADIUS, "gravity", beta=2.0, min_distance=10.0
    )
    fn = weights.gravity(scale=10.0, alpha=-2.0, min_dist=10.0)
    np.testing.assert_allclose(found, pysal_2sfca(pysal, len(demand), fn, "g2"), rtol=1e-9)


def test_prebuilt_strips_and_shared_pairs_give_the_same(layout):
    demand, population, supply, capacity = layout
    plain = accessibility(demand, population, supply, capacity, RADIUS)
    index = strips(demand, 1200.0)  # other strips: other runs, sums in another order
    found = accessibility(index, population, supply, capacity, RADIUS)
    np.testing.assert_allclose(found, plain, rtol=1e-12)
    shared = two_step(reach(index, supply, RADIUS), population, capacity)
    np.testing.assert_allclose(shared, plain, rtol=1e-12)
    per_facility = accessibility(demand, population, supply, None, RADIUS)
    ones = accessibility(demand, population, supply, np.ones(len(supply)), RADIUS)
    assert np.array_equal(per_facility, ones)


def test_hand_worked_two_facilities():
    """Demand a (100 people) at 0, b (300) at 500 m, c (50) at 5 km; facilities F (2 places)
    at 0 and G (4 places) at 800 m, radius 600 m. F reaches a and b: R_F = 2/400 = 0.005;
    G reaches b (300 m away) only: R_G = 4/300. A_a = 0.005, A_b = 0.005 + 4/300, c
    reaches nothing: 0."""
    demand = np.array([[0.0, 0.0], [500.0, 0.0], [5000.0, 0.0]])
    supply = np.array([[0.0, 0.0], [800.0, 0.0]])
    found = accessibility(demand, [100, 300, 50], supply, [2, 4], 600.0)
    np.testing.assert_allclose(found, [0.005, 0.005 + 4 / 300, 0.0], rtol=1e-15)


def test_edges():
    demand = np.array([[0.0, 0.0], [0.0, 0.0], [10.0, 0.0]])
    # No facilities: nothing in reach anywhere.
    assert np.array_equal(accessibility(demand, [1, 2, 3], np.zeros((0, 2)), [], 100.0), [0, 0, 0])
    # No demand: an empty answer.
    assert accessibility(np.zeros((0, 2)), [], demand, [1, 1, 1], 100.0).shape == (0,)
    # Radius 0: only the facility on the two duplicate points counts, shared by 1 + 2 people.
    found = accessibility(demand, [1, 2, 3], [[0.0, 0.0]], [6.0], 0.0)
    np.testing.assert_allclose(found, [2.0, 2.0, 0.0], rtol=1e-15)
    # A facility with no capacity adds nothing but takes no-one's share either.
    found = accessibility(demand, [1, 2, 3], [[0.0, 0.0], [10.0, 0.0]], [6.0, 0.0], 1.0)
    np.testing.assert_allclose(found, [2.0, 2.0, 0.0], rtol=1e-15)
    # A facility with nobody (or only zero population) in reach: R = 0, not inf or NaN.
    found = accessibility(demand, [1, 2, 0], [[10.0, 0.0]], [5.0], 1.0, "step")
    assert np.array_equal(found, [0.0, 0.0, 0.0])
    for weighting in ("none", "step", "gravity"):
        found = accessibility(demand, [1, 2, 0], [[10.0, 0.0], [0.0, 0.0]], [5, 3], 1, weighting)
        assert np.all(np.isfinite(found))


def test_weighted_mean_by_group():
    """Group 0: scores 1 and 4 with 3 and 1 people → (3 + 4)/4 = 1.75; group 1: 2 (the
    NaN score left out); group 2 has nobody: NaN."""
    score = np.array([1.0, 4.0, 2.0, np.nan])
    found = weighted_mean_by_group(score, [3, 1, 5, 7], [0, 0, 1, 1], 3)
    np.testing.assert_allclose(found, [1.75, 2.0, np.nan], rtol=1e-15)


def test_bad_input_is_refused():
    demand, supply = np.zeros((3, 2)), np.zeros((2, 2))
    with pytest.raises(ValueError, match="population"):
        accessibility(demand, [1, 2], supply, None, 10.0)
    with pytest.raises(ValueError, match="capacity"):
        accessibility(demand, [1, 2, 3], supply, [1.0], 10.0)
    with pytest.raises(ValueError, match="weighting"):
        accessibility(demand, [1, 2, 3], supply, None, 10.0, "linear")  # type: ignore[arg-type]
    # A missing capacity counts as none: the facility adds nothing.
    found = accessibility(demand, [1, 2, 3], supply, [np.nan, 6.0], 1.0)
    np.testing.assert_allclose(found, [1.0, 1.0, 1.0])


def test_several_radii_at_once_match_one_at_a_time(layout):
    demand, population, supply, capacity = layout
    radii = [600.0, RADIUS, 0.0]
    found = two_step_by_radius(demand, population, supply, capacity, radii)
    assert len(found) == 3
    for radius, (score, reached) in zip(radii, found, strict=True):
        one = accessibility(demand, population, supply, capacity, radius)
        np.testing.assert_allclose(score, one, rtol=1e-12)
        assert np.array_equal(reached, covered(demand, supply, radius))
    assert two_step_by_radius(demand, population, supply, capacity, []) == []
