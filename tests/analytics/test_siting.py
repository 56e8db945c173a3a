"""Maximal covering location against spopt's MCLP (solved by CBC through pulp): the exact
optimum covers the same population; greedy never more, and within a few per cent."""

from __future__ import annotations

import numpy as np
import pulp
import pytest
from spopt.locate import MCLP

from minsheng.analytics import siting
from minsheng.analytics.siting import candidate_grid, maximal_covering

RADIUS = 700.0
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # pulp's, in spopt


def instance(seed: int, n: int = 300, k: int = 40):
    rng = np.random.default_rng(seed)
    demand, candidates = rng.random((n, 2)) * 5000, rng.random((k, 2)) * 5000
    population = rng.integers(0, 100, n).astype(float)
    return demand, population, candidates, int(rng.integers(2, 8))


def distances(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.hypot(*(a[:, None, :] - b[None, :, :]).transpose(2, 0, 1))


def spopt_objective(cost, weights, count, predefined=None) -> float:
    model = MCLP.from_cost_matrix(
        cost, weights, service_radius=RADIUS, p_facilities=count,
        predefined_facilities_arr=predefined,
    )  # fmt: skip
    model.solve(pulp.PULP_CBC_CMD(msg=False))
    return float(pulp.value(model.problem.objective))


@pytest.mark.parametrize(("seed", "relaxation"), [(1, True), (2, True), (3, True), (3, False)])
def test_exact_matches_spopt_and_greedy_is_close(seed, relaxation, monkeypatch):
    """The exact optimum, from an integral LP relaxation or (relaxation off) from HiGHS's
    branch and bound."""
    if not relaxation:
        monkeypatch.setattr(siting, "_integral_relaxation", lambda problem: None)
    demand, population, candidates, count = instance(seed)
    expected = spopt_objective(distances(demand, candidates), population, count)
    exact = maximal_covering(demand, population, candidates, RADIUS, count, exact=True)
    greedy = maximal_covering(demand, population, candidates, RADIUS, count)
    assert exact.method == "exact" and greedy.method == "greedy"
    assert exact.newly_covered == pytest.approx(expected, rel=1e-9, abs=1e-9)
    assert greedy.newly_covered <= exact.newly_covered + 1e-9
    assert greedy.newly_covered >= 0.95 * exact.newly_covered
    for found in (exact, greedy):
        assert found.gains.sum() == pytest.approx(found.newly_covered, rel=1e-12)
        assert np.all(np.diff(found.gains) <= 1e-9)  # greedy order: gains never rise
        assert population[found.covered].sum() == pytest.approx(found.newly_covered)


def test_existing_facilities_as_spopt_predefined_sites():
    """Existing facilities are spopt's predefined sites (p counts them); ours get the
    demand they cover as `covered`. Same total covered population."""
    demand, population, candidates, count = instance(4)
    existing = np.random.default_rng(40).random((3, 2)) * 5000
    before = distances(demand, existing).min(axis=1) <= RADIUS
    sites = np.vstack([existing, candidates])
    predefined = np.r_[np.ones(3), np.zeros(len(candidates))]
    expected = spopt_objective(distances(demand, sites), population, count + 3, predefined)
    found = maximal_covering(
        demand, population, candidates, RADIUS, count, covered=before, exact=True
    )
    assert population[before].sum() + found.newly_covered == pytest.approx(expected, rel=1e-9)
    assert found.covered[before].all()


def test_already_covered_demand_as_zero_weights():
    demand, population, candidates, count = instance(5)
    before = np.random.default_rng(50).random(len(demand)) < 0.3
    weights = np.where(before, 0.0, population)
    expected = spopt_objective(distances(demand, candidates), weights, count)
    found = maximal_covering(
        demand, population, candidates, RADIUS, count, covered=before, exact=True
    )
    assert found.newly_covered == pytest.approx(expected, rel=1e-9)


def test_greedy_within_a_few_per_cent_on_a_larger_instance():
    demand, population, candidates, _ = instance(6, n=2000, k=300)
    exact = maximal_covering(demand, population, candidates, 400.0, 12, exact=True)
    greedy = maximal_covering(demand, population, candidates, 400.0, 12)
    assert 0.97 * exact.newly_covered <= greedy.newly_covered <= exact.newly_covered + 1e-9


def test_edges():
    demand = np.array([[0.0, 0.0], [10.0, 0.0], [10.0, 0.0]])
    population = np.array([5.0, 2.0, 3.0])
    for exact in (False, True):
        none = maximal_covering(demand, population, np.zeros((0, 2)), 1.0, 3, exact=exact)
        assert none.chosen.size == 0 and none.newly_covered == 0.0
        # Duplicates: the site at x = 10 covers both duplicate points (5 people), as many
        # as the one at 0; ties go to the lowest index. A second site adds the rest; a
        # third would add nobody and is not chosen.
        sites = np.array([[10.0, 0.0], [0.0, 0.0], [50.0, 0.0]])
        found = maximal_covering(demand, population, sites, 0.0, 3, exact=exact)
        assert found.chosen.tolist() == [0, 1] and found.gains.tolist() == [5.0, 5.0]
        assert found.covered.all()
        # Everything already covered: nothing to add.
        done = maximal_covering(demand, population, sites, 1.0, 2, covered=[1, 1, 1], exact=exact)
        assert done.chosen.size == 0 and done.covered.all()
        assert maximal_covering(demand, population, sites, 1.0, 0, exact=exact).chosen.size == 0


def test_candidate_grid():
    """Cells 1 m wide from (0, 0): the points fall in cells (0, 0) twice and (2, 0)."""
    points = np.array([[0.0, 0.0], [0.5, 0.5], [2.5, 0.1]])
    np.testing.assert_array_equal(candidate_grid(points, 1.0), [[0.5, 0.5], [2.5, 0.5]])
    assert candidate_grid(np.zeros((0, 2)), 1.0).shape == (0, 2)
    with pytest.raises(ValueError, match="spacing"):
        candidate_grid(points, 0.0)
