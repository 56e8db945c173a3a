"""Reading and checking where residents live: points or grid cells in every format, both
languages of header, each bad cell named (the first rows' only, with the total counted)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from openpyxl import Workbook
from shapely.geometry import Point, box

from minsheng.collect.residents import NAMED_ROWS, check_resident_file
from minsheng.errors import EmptyDocument, InputProblem, UnsupportedFormat


def problems_of(check):
    return [(p.row, p.column, p.message) for p in check.problems]


def test_csv_with_english_headers(tmp_path):
    path = tmp_path / "residents.csv"
    path.write_text("x,y,population\n520000,3520000,120\n520100,3520000,0\n", encoding="utf-8")
    check = check_resident_file(path)
    assert check.problems == [] and check.crs is None and not check.geographic
    np.testing.assert_array_equal(check.x, [520000.0, 520100.0])
    np.testing.assert_array_equal(check.y, [3520000.0, 3520000.0])
    np.testing.assert_array_equal(check.population, [120.0, 0.0])
    assert check.region == (None, None)


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"])
def test_csv_with_chinese_headers(tmp_path, encoding):
    path = tmp_path / "人口.csv"
    text = '经度,纬度,常住人口,所在区县\r\n117.3,31.8,"1,500",瑶海区\r\n117.31,31.81,８,\r\n'
    path.write_bytes(text.encode(encoding))
    check = check_resident_file(path)
    assert check.problems == [] and check.geographic
    np.testing.assert_array_equal(check.population, [1500.0, 8.0])
    assert check.region == ("瑶海区", None)


def test_population_in_ten_thousands(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("X,Y,常住人口（万人）\n1,2,0.35\n", encoding="utf-8")
    np.testing.assert_allclose(check_resident_file(path).population, [3500.0])


def test_xlsx(tmp_path):
    book = Workbook()
    book.active.append(["X", "Y", "人口", "地区"])
    book.active.append([520000, 3520000, 42, "蜀山区"])
    path = tmp_path / "r.xlsx"
    book.save(path)
    check = check_resident_file(path)
    assert (check.x.tolist(), check.population.tolist(), check.region) == (
        [520000.0], [42.0], ("蜀山区",))  # fmt: skip


def test_geojson_points(tmp_path):
    features = [
        {"type": "Feature", "geometry": Point(117.3, 31.8).__geo_interface__,
         "properties": {"population": 10, "region": "包河区"}},
    ]  # fmt: skip
    path = tmp_path / "r.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    check = check_resident_file(path)
    assert (check.crs, check.geographic, check.x.tolist(), check.region) == (
        "EPSG:4326", True, [117.3], ("包河区",))  # fmt: skip


def test_geopackage_grid_cells_stand_for_their_centroids(tmp_path):
    geopandas = pytest.importorskip("geopandas")
    cells = [box(520000, 3520000, 520250, 3520250), box(520250, 3520000, 520500, 3520250)]
    frame = geopandas.GeoDataFrame(
        {"人口": [300, 0], "地区": ["蜀山区", None]}, geometry=cells, crs="EPSG:4548"
    )
    path = tmp_path / "grid.gpkg"
    frame.to_file(path, layer="grid", driver="GPKG")
    check = check_resident_file(path)
    assert (check.crs, check.geographic) == ("EPSG:4548", False)
    np.testing.assert_allclose(check.x, [520125.0, 520375.0])
    np.testing.assert_allclose(check.y, [3520125.0, 3520125.0])
    assert check.population.tolist() == [300.0, 0.0] and check.region == ("蜀山区", None)


def test_every_bad_cell_is_named(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text(
        "经度,纬度,人口\n117.3,31.8,\nabc,31.8,-2\n200,inf,many\n117.3,31.8,5\n",
        encoding="utf-8",
    )
    check = check_resident_file(path)
    assert len(check.x) == len(check.population) == 0 and check.region == ()
    assert problems_of(check) == [
        (2, "人口", "人口为空"),
        (3, "经度", "经度“abc”不是数字"),
        (3, "人口", "人口不能为负数（-2）"),
        (4, "经度", "经度200超出−180至180的范围"),
        (4, "纬度", "纬度“inf”不是有限的数值"),
        (4, "人口", "人口“many”不是数字"),
    ]
    assert check.problem_count == 6


def test_only_the_first_rows_are_named_and_the_rest_counted(tmp_path):
    rows = [f"{i},{i},{'' if i % 2 else 5}" for i in range(300)]
    path = tmp_path / "r.csv"
    path.write_text("x,y,population\n" + "\n".join(rows) + "\n", encoding="utf-8")
    check = check_resident_file(path)
    assert check.problem_count == 150
    named, summary = check.problems[:-1], check.problems[-1]
    assert [p.row for p in named] == [3 + 2 * i for i in range(NAMED_ROWS)]
    assert (summary.row, summary.column) == (3 + 2 * NAMED_ROWS, "population")
    assert summary.message == "另有100处问题未列出（共150处），请先修改以上各行"


def test_a_large_clean_file_is_read_as_arrays(tmp_path):
    rng = np.random.default_rng(3)
    x, y = rng.uniform(117.0, 117.5, 20_000), rng.uniform(31.6, 32.0, 20_000)
    population = rng.integers(0, 400, 20_000)
    lines = "".join(f"{a:.6f},{b:.6f},{c}\n" for a, b, c in zip(x, y, population, strict=True))
    path = tmp_path / "r.csv"
    path.write_text("lon,lat,pop\n" + lines, encoding="utf-8")
    check = check_resident_file(path)
    np.testing.assert_allclose(check.x, x, atol=1e-6)
    np.testing.assert_array_equal(check.population, population)


@pytest.mark.parametrize(
    ("name", "text", "error", "match"),
    [
        ("r.txt", "x,y,population\n", UnsupportedFormat, r"\.gpkg"),
        ("r.csv", "x,y,population\n", EmptyDocument, "没有任何数据"),
        ("r.csv", "x,population\n1,2\n", InputProblem, "缺少坐标列"),
        ("r.csv", "x,y\n1,2\n", InputProblem, "常住人口"),
        ("r.csv", "x,y,lon,lat,population\n1,2,3,4,5\n", InputProblem, "x/y.*lon/lat"),
    ],
)
def test_whole_file_problems(tmp_path, name, text, error, match):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(error, match=match) as raised:
        check_resident_file(path)
    assert raised.value.file == name
