"""GCJ-02 against points published with open implementations' tests and documentation,
the inverse's round trip, the zone choice and distances in the metric plane."""

from __future__ import annotations

import math

import numpy as np
import pytest

from minsheng.analytics.coordinates import (
    from_metric,
    gcj02_to_wgs84,
    metric_crs_for,
    to_metric,
    to_wgs84,
    wgs84_to_gcj02,
)
from minsheng.errors import InputProblem

# (WGS 84 lon, lat) → (GCJ-02 lon, lat): the three cities of googollee/eviltransform's
# python/test.py (TESTS, there given lat first), which checks its wgs2gcj to 6 decimals.
EVILTRANSFORM = [
    ((121.5272106, 31.1774276), (121.531541859215, 31.17530398364597)),  # Shanghai
    ((113.912316, 22.543847), (113.9171764808363, 22.540796131694766)),  # Shenzhen
    ((116.377817, 39.911954), (116.38404722455657, 39.91334545536069)),  # Beijing
]
# wandergis/coordtransform README.md, "wgs84togcj02(116.404, 39.915)" and its result.
COORDTRANSFORM = ((116.404, 39.915), (116.41024449916938, 39.91640428150164))
# hujiulong/gcoord test/unit/crs/GCJ02.spec.js: GCJ02 → WGS84 of [123, 45] is
# [122.99395597, 44.99804071] to 5 decimals (toBeCloseTo(…, 5)), and [183, 45] unchanged.
GCOORD = ((123.0, 45.0), (122.99395597, 44.99804071))


@pytest.mark.parametrize(("wgs", "gcj"), [*EVILTRANSFORM, COORDTRANSFORM])
def test_forward_matches_published_points(wgs, gcj):
    lon, lat = wgs84_to_gcj02(*wgs)
    assert lon[0] == pytest.approx(gcj[0], abs=1e-9)
    assert lat[0] == pytest.approx(gcj[1], abs=1e-9)


@pytest.mark.parametrize(("wgs", "gcj"), [*EVILTRANSFORM, COORDTRANSFORM])
def test_inverse_recovers_published_points(wgs, gcj):
    lon, lat = gcj02_to_wgs84(*gcj)
    assert lon[0] == pytest.approx(wgs[0], abs=1e-8)
    assert lat[0] == pytest.approx(wgs[1], abs=1e-8)


def test_inverse_matches_gcoord():
    (gcj, wgs) = GCOORD
    lon, lat = gcj02_to_wgs84(*gcj)
    assert abs(lon[0] - wgs[0]) < 5e-6
    assert abs(lat[0] - wgs[1]) < 5e-6


def test_round_trip_across_china_is_below_a_tenth_of_a_metre():
    rng = np.random.default_rng(7)
    lon, lat = rng.uniform(73.0, 135.0, 10_000), rng.uniform(18.0, 53.0, 10_000)
    back_lon, back_lat = gcj02_to_wgs84(*wgs84_to_gcj02(lon, lat))
    assert np.max(np.abs(back_lon - lon)) < 1e-6
    assert np.max(np.abs(back_lat - lat)) < 1e-6
    assert (
        np.max(np.abs(wgs84_to_gcj02(back_lon, back_lat)[0] - wgs84_to_gcj02(lon, lat)[0])) < 1e-9
    )


@pytest.mark.parametrize("point", [(183.0, 45.0), (2.35, 48.85), (-74.0, 40.7), (139.7, 35.7)])
def test_identity_outside_china(point):
    assert wgs84_to_gcj02(*point) == (np.array([point[0]]), np.array([point[1]]))
    lon, lat = gcj02_to_wgs84(*point)
    assert (lon[0], lat[0]) == point


def test_to_wgs84_reads_gcj02_in_any_spelling():
    for name in ("GCJ02", "gcj-02", " Gcj02 "):
        lon, lat = to_wgs84([COORDTRANSFORM[1][0]], [COORDTRANSFORM[1][1]], name)
        assert lon[0] == pytest.approx(COORDTRANSFORM[0][0], abs=1e-8)
        assert lat[0] == pytest.approx(COORDTRANSFORM[0][1], abs=1e-8)


def test_to_wgs84_from_a_projected_crs():
    x, y = to_metric([117.28, 117.3], [31.86, 31.82], "EPSG:4548")
    lon, lat = to_wgs84(x, y, "epsg:4548")
    np.testing.assert_allclose(lon, [117.28, 117.3], atol=1e-9)
    np.testing.assert_allclose(lat, [31.86, 31.82], atol=1e-9)
    assert to_wgs84([117.0], [31.0], "EPSG:4326") == (np.array([117.0]), np.array([31.0]))


@pytest.mark.parametrize(
    ("city", "lon", "crs"),
    [
        ("合肥", 117.28, "EPSG:4548"),
        ("兰州", 103.83, "EPSG:4544"),
        ("乌鲁木齐", 87.62, "EPSG:4538"),
    ],
)
def test_zone_by_nearest_central_meridian(city, lon, crs):
    assert metric_crs_for(lon) == crs, city


def test_zones_at_the_ends():
    assert metric_crs_for(73.5) == "EPSG:4534"
    assert metric_crs_for(135.0) == "EPSG:4554"
    assert metric_crs_for(140.0) == "EPSG:4554"
    with pytest.raises(InputProblem):
        metric_crs_for(math.nan)


def test_missing_coordinates_stay_missing():
    lon, lat = gcj02_to_wgs84([math.nan, 116.41024449916938], [31.0, 39.91640428150164])
    assert math.isnan(lon[0]) and lat[0] == 31.0
    assert lon[1] == pytest.approx(116.404, abs=1e-8)


def test_one_kilometre_in_the_metric_plane():
    # 1 km due north of 合肥 on the GRS 80 ellipsoid (CGCS2000's): Δφ = 1000 m / M(φ).
    lat0 = 31.82
    a, e2 = 6378137.0, 0.00669438002290
    sin = math.sin(math.radians(lat0))
    meridian = a * (1 - e2) / (1 - e2 * sin * sin) ** 1.5
    lat1 = lat0 + math.degrees(1000.0 / meridian)
    crs = metric_crs_for(117.28)
    x, y = to_metric([117.28, 117.28], [lat0, lat1], crs)
    assert math.hypot(x[1] - x[0], y[1] - y[0]) == pytest.approx(1000.0, abs=0.05)
    lon, lat = from_metric(x, y, crs)
    np.testing.assert_allclose(lon, [117.28, 117.28], atol=1e-10)
    np.testing.assert_allclose(lat, [lat0, lat1], atol=1e-10)


def test_unknown_crs_is_an_input_problem():
    with pytest.raises(InputProblem, match="EPSG:99999"):
        to_wgs84([1.0], [2.0], "EPSG:99999")
    with pytest.raises(InputProblem):
        to_metric([1.0], [2.0], "not a crs")
