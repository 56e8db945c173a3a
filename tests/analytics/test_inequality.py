"""The inequality measures against PySAL `inequality` (unweighted Gini, Theil, TheilD on
libpysal's Mexico example), against hand-worked weighted cases, against PySAL on data
replicated by population, and against the identity total = between + within."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from inequality.gini import Gini
from inequality.theil import Theil, TheilD
from libpysal import examples

from minsheng.analytics.composite import achievement, domain_means
from minsheng.analytics.measures import measures, trend

YEARS = ["pcgdp1940", "pcgdp1950", "pcgdp1960", "pcgdp1970", "pcgdp1980", "pcgdp1990", "pcgdp2000"]


@pytest.fixture(scope="module")
def mexico() -> pd.DataFrame:
    return pd.read_csv(examples.get_path("mexico.csv"))


def test_unweighted_gini_and_theil_agree_with_pysal(mexico):
    values = mexico[YEARS].to_numpy(dtype=float)  # regions × years
    found = measures(values.T)
    expected_gini = [Gini(values[:, k]).g for k in range(len(YEARS))]
    np.testing.assert_allclose(found.gini, expected_gini, rtol=0, atol=1e-12)
    np.testing.assert_allclose(found.theil_t, Theil(values).T, rtol=0, atol=1e-12)


def test_theil_decomposition_agrees_with_pysal(mexico):
    values = mexico[YEARS].to_numpy(dtype=float)
    regions = mexico["hanson98"].to_numpy()
    codes = np.unique(regions, return_inverse=True)[1]
    found = measures(values.T, groups=codes)
    expected = TheilD(values, regions)
    assert found.theil_t_split is not None
    np.testing.assert_allclose(found.theil_t_split.between, expected.bg, rtol=0, atol=1e-12)
    np.testing.assert_allclose(found.theil_t_split.within, expected.wg, rtol=0, atol=1e-12)


def test_two_weighted_regions_worked_by_hand():
    """y = (2, 4) with populations (3, 1): shares ¾ and ¼, mean 2.5."""
    found = measures(np.array([[2.0, 4.0]]), np.array([[3.0, 1.0]]))
    mean = 0.75 * 2 + 0.25 * 4
    assert found.mean[0] == pytest.approx(mean, abs=1e-15)
    sd = math.sqrt(0.75 * (2 - mean) ** 2 + 0.25 * (4 - mean) ** 2)
    assert found.cv[0] == pytest.approx(sd / mean, abs=1e-15)
    assert found.gini[0] == pytest.approx(2 * 0.75 * 0.25 * 2 / (2 * mean), abs=1e-15)
    theil_t = 0.75 * (2 / mean) * math.log(2 / mean) + 0.25 * (4 / mean) * math.log(4 / mean)
    assert found.theil_t[0] == pytest.approx(theil_t, abs=1e-15)
    theil_l = 0.75 * math.log(mean / 2) + 0.25 * math.log(mean / 4)
    assert found.theil_l[0] == pytest.approx(theil_l, abs=1e-15)
    assert found.max_min_ratio[0] == 2.0


def test_weights_act_as_copies_of_each_region(mexico):
    """A region of population k counts as k regions of one: PySAL on the copies agrees."""
    rng = np.random.default_rng(7)
    values = mexico["pcgdp2000"].to_numpy(dtype=float)
    people = rng.integers(1, 6, size=len(values))
    found = measures(values[None, :], people[None, :].astype(float))
    copies = np.repeat(values, people)
    assert found.gini[0] == pytest.approx(Gini(copies).g, abs=1e-12)
    assert found.theil_t[0] == pytest.approx(Theil(copies).T, abs=1e-12)
    assert found.cv[0] == pytest.approx(copies.std() / copies.mean(), abs=1e-12)
    assert found.theil_l[0] == pytest.approx(np.mean(np.log(copies.mean() / copies)), abs=1e-12)


def test_total_is_between_plus_within_for_any_grouping_and_weights():
    rng = np.random.default_rng(11)
    values = rng.lognormal(3, 0.6, size=(40, 25))
    values[rng.random(values.shape) < 0.1] = np.nan  # some regions have no value
    weights = rng.integers(1_000, 900_000, size=values.shape).astype(float)
    groups = rng.integers(0, 3, size=25)
    for weighting in (None, weights):
        found = measures(values, weighting, groups)
        assert found.theil_t_split is not None and found.theil_l_split is not None
        t, l_ = found.theil_t_split, found.theil_l_split
        np.testing.assert_allclose(t.between + t.within, found.theil_t, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(l_.between + l_.within, found.theil_l, rtol=1e-12, atol=1e-15)
        assert (t.between >= -1e-15).all() and (t.within >= -1e-15).all()


def test_series_are_measured_independently():
    rng = np.random.default_rng(3)
    values = rng.lognormal(2, 0.5, size=(6, 9))
    weights = rng.integers(1, 100, size=(6, 9)).astype(float)
    together = measures(values, weights, np.arange(9) % 2)
    for k in range(6):
        alone = measures(values[k : k + 1], weights[k : k + 1], np.arange(9) % 2)
        for name in ("cv", "gini", "theil_t", "theil_l", "max_min_ratio"):
            assert getattr(together, name)[k] == pytest.approx(getattr(alone, name)[0], rel=1e-12)


def test_undefined_cases_are_nan_not_approximated():
    found = measures(
        np.array(
            [
                [0.0, 2.0, 4.0],  # a zero: Theil L and max/min undefined, the rest defined
                [-1.0, 2.0, 4.0],  # a negative value: nothing defined
                [5.0, np.nan, np.nan],  # one region: nothing defined
                [0.0, 0.0, 0.0],  # a mean of zero: nothing defined
            ]
        )
    )
    assert not np.isnan([found.cv[0], found.gini[0], found.theil_t[0]]).any()
    assert np.isnan([found.theil_l[0], found.max_min_ratio[0]]).all()
    for row in (1, 2, 3):
        for name in ("cv", "gini", "theil_t", "theil_l", "max_min_ratio"):
            assert math.isnan(getattr(found, name)[row]), (row, name)
    assert found.theil_t[0] == pytest.approx(
        (2 / 2) * math.log(2 / 2) / 3 + (4 / 2) * math.log(4 / 2) / 3, abs=1e-15
    )


def test_sigma_convergence_is_the_sign_of_the_cv_trend():
    years = np.arange(2020, 2026)
    assert trend(years, np.array([0.30, 0.28, 0.27, 0.25, 0.22, 0.21])).shrinking is True
    assert trend(years, np.array([0.2, 0.21, np.nan, 0.25, 0.26, 0.3])).shrinking is False
    assert trend(years, np.array([np.nan] * 5 + [0.2])).shrinking is None


def test_achievement_is_direction_aware_through_the_interval():
    inf = np.inf
    found = achievement(
        value=np.array([2.3, 5.0, 20.0, 10.0, 30.0, 50.0, np.nan, -1.0]),
        low=np.array([4.6, 4.6, -inf, -inf, 28.0, 28.0, 4.6, 4.6]),
        high=np.array([inf, inf, 14.0, 14.0, 45.0, 45.0, inf, inf]),
    )
    expected = [0.5, 1.0, 14 / 20, 1.0, 1.0, 45 / 50]
    np.testing.assert_allclose(found[:6], expected, rtol=1e-12)
    assert np.isnan(found[6:]).all()
    scores = np.array([[0.5, 1.0, np.nan], [np.nan, np.nan, 0.2]])
    means = domain_means(scores, np.array([0, 0, 1]), 3)
    np.testing.assert_allclose(means[0, :2], [0.75, np.nan])
    np.testing.assert_allclose(means[1, :2], [np.nan, 0.2])
    assert np.isnan(means[:, 2]).all()
