"""Provision norms per district, worked by hand (the arithmetic is in each docstring)."""

from __future__ import annotations

import numpy as np
import pytest

from minsheng.analytics.norms import HOUSEHOLD_SIZE, NORM_KINDS, provision


def test_kinds_are_the_catalogue_strings():
    assert NORM_KINDS == (
        "per_thousand_residents",
        "area_per_hundred_households",
        "residents_per_facility",
        "area_per_resident",
    )


def test_places_per_thousand_residents():
    """Norm 4.5 托位 per 1,000. District A: 200,000 people, 800 places → 4.0 per 1,000,
    needs 900, short 100. B: 50,000 people, 300 places → 6.0, meets, short 0. C: no
    population known → NaN. D: 10,000 people, no places → 0, short 45."""
    found = provision(
        "per_thousand_residents", 4.5, [200_000, 50_000, np.nan, 10_000], [800, 300, 10, 0]
    )
    np.testing.assert_allclose(found.measure, [4.0, 6.0, np.nan, 0.0])
    assert found.meets.tolist() == [False, True, False, False]
    np.testing.assert_allclose(found.shortfall, [100.0, 0.0, np.nan, 45.0])
    assert found.defined.tolist() == [True, True, False, True]


def test_elderly_care_area_per_hundred_households():
    """Norm 30 m² per 100 households. A: 26,200 people and no household count → 26,200 /
    2.62 = 10,000 households, 2,400 m² → 24 m² per 100, needs 3,000, short 600. B: 4,000
    households given, 1,500 m² → 37.5, meets. C: population 0 → NaN."""
    assert HOUSEHOLD_SIZE == 2.62
    found = provision(
        "area_per_hundred_households",
        30.0,
        [26_200, 9_000, 0],
        [2_400, 1_500, 100],
        households=[np.nan, 4_000, 10],
    )
    np.testing.assert_allclose(found.measure, [24.0, 37.5, np.nan])
    assert found.meets.tolist() == [False, True, False]
    np.testing.assert_allclose(found.shortfall, [600.0, 0.0, np.nan])
    other = provision("area_per_hundred_households", 30.0, [30_000], [900], household_size=3.0)
    np.testing.assert_allclose(other.measure, [9.0])  # 10,000 households: 900 m² = 9 per 100


def test_residents_per_community_health_centre():
    """One centre per ≤ 100,000 residents. A: 250,000 people, 2 centres → 125,000 each,
    fails, needs ⌈2.5⌉ = 3, short 1. B: 300,000 and 3 → exactly 100,000, meets. C: 80,000
    and none → ∞ residents per centre, short 1. D: 100,001 and 1 → short 1."""
    found = provision(
        "residents_per_facility", 100_000, [250_000, 300_000, 80_000, 100_001], [2, 3, 0, 1]
    )
    np.testing.assert_allclose(found.measure, [125_000, 100_000, np.inf, 100_001])
    assert found.meets.tolist() == [False, True, False, False]
    np.testing.assert_array_equal(found.shortfall, [1.0, 0.0, 1.0, 1.0])


def test_sports_ground_per_resident_with_a_norm_per_district():
    """Norms 2.6 and 2.0 m² per person. A: 10,000 people, 20,000 m² → 2.0, short 6,000.
    B: 5,000 people, 10,000 m² → 2.0, meets exactly (no rounding-made shortfall)."""
    found = provision("area_per_resident", [2.6, 2.0], [10_000, 5_000], [20_000, 10_000])
    np.testing.assert_allclose(found.measure, [2.0, 2.0])
    assert found.meets.tolist() == [False, True]
    np.testing.assert_allclose(found.shortfall, [6_000.0, 0.0])


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown norm kind"):
        provision("per_capita", 1.0, [1.0], [1.0])  # type: ignore[arg-type]
