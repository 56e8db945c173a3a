"""Road files become a network: vertices at one place are one node, so lines meeting at an
end or a shared vertex are joined; consecutive vertices make the edges; anything but a
line is named; other formats are refused."""

from __future__ import annotations

import json

import numpy as np
import pytest
from shapely.geometry import LineString, MultiLineString

from minsheng.collect.roads import check_road_file
from minsheng.errors import UnsupportedFormat


def test_a_geopackage_of_lines_in_a_projected_crs(tmp_path):
    geopandas = pytest.importorskip("geopandas")
    lines = [
        LineString([(0, 0), (100, 0), (200, 0)]),
        MultiLineString([[(200, 0), (200, 100)], [(100, 0), (100, -100)]]),
    ]
    path = tmp_path / "roads.gpkg"
    geopandas.GeoDataFrame({"name": ["甲路", "乙路"]}, geometry=lines, crs="EPSG:4548").to_file(
        path, driver="GPKG"
    )
    found = check_road_file(path)
    assert (found.crs, found.geographic, found.problems) == ("EPSG:4548", False, [])
    assert len(found.nodes) == 5  # (100, 0) and (200, 0) are shared
    ends = {tuple(sorted((tuple(found.nodes[a]), tuple(found.nodes[b])))) for a, b in found.edges}
    assert ends == {
        ((0.0, 0.0), (100.0, 0.0)), ((100.0, 0.0), (200.0, 0.0)),
        ((200.0, 0.0), (200.0, 100.0)), ((100.0, -100.0), (100.0, 0.0)),
    }  # fmt: skip


def test_geojson_points_are_named_and_other_formats_refused(tmp_path):
    path = tmp_path / "roads.geojson"
    line = {"type": "LineString", "coordinates": [[117.0, 31.0], [117.01, 31.0]]}
    point = {"type": "Point", "coordinates": [117.0, 31.0]}
    features = [{"type": "Feature", "properties": {}, "geometry": g} for g in (line, point)]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    found = check_road_file(path)
    assert [(p.row, p.column) for p in found.problems] == [(2, "几何")]
    assert found.nodes.shape == (0, 2)
    good = tmp_path / "good.geojson"
    good.write_text(json.dumps({"type": "FeatureCollection", "features": features[:1]}), "utf-8")
    checked = check_road_file(good)
    assert checked.geographic and np.allclose(checked.nodes, [[117.0, 31.0], [117.01, 31.0]])
    with pytest.raises(UnsupportedFormat):
        check_road_file(tmp_path / "roads.csv")
