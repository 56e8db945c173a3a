"""Reading and checking facility files: every format, both languages of header, every
kind of bad cell named by row and column, and the problems that stop a whole file."""

from __future__ import annotations

import json
import sqlite3

import pytest
from openpyxl import Workbook
from shapely.geometry import MultiPoint, Point, Polygon, box

from minsheng.collect.facilities import FacilityRow, check_facility_file
from minsheng.errors import (
    EmptyDocument,
    InputProblem,
    NotFound,
    UnreadableDocument,
    UnsupportedFormat,
)

ENGLISH = (
    "name,type,x,y,capacity,region,status\n"
    "Yaohai CHC,community_health_center,528409.36,3519714.61,30,瑶海区,open\n"
    "\n"
    "Little Stars,托育,528500,3519800,,,\n"
)


def problems_of(check):
    return [(p.row, p.column, p.message) for p in check.problems]


def test_csv_with_english_headers_and_projected_coordinates(tmp_path):
    path = tmp_path / "facilities.csv"
    path.write_text(ENGLISH, encoding="utf-8")
    check = check_facility_file(path)
    assert check.problems == [] and check.crs is None and not check.geographic
    assert check.rows == [
        FacilityRow(2, "Yaohai CHC", "community_health_center", 528409.36, 3519714.61, 30.0,
                    "瑶海区", "open"),
        FacilityRow(4, "Little Stars", "childcare", 528500.0, 3519800.0, None, None, None),
    ]  # fmt: skip


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"])
def test_csv_with_chinese_headers_in_gbk_or_with_a_bom(tmp_path, encoding):
    path = tmp_path / "设施.csv"
    text = (
        "名称,设施类型,经度,纬度,床位,所在区县,状态\r\n"
        '瑶海区社区卫生服务中心,社区卫生服务中心,117.3366,31.8601,"1,200",瑶海区,在建\r\n'
        "庐阳区幼儿园,幼儿园,１１７．２６,31.88,０,,\r\n"
    )
    path.write_bytes(text.encode(encoding))
    check = check_facility_file(path)
    assert check.problems == [] and check.geographic and check.crs is None
    first, second = check.rows
    assert (first.type_code, first.x, first.y, first.capacity) == (
        "community_health_center", 117.3366, 31.8601, 1200.0)  # fmt: skip
    assert (first.region, first.status) == ("瑶海区", "在建")
    assert (second.type_code, second.x, second.capacity) == ("kindergarten", 117.26, 0.0)


def test_xlsx_with_a_title_row(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["2025年公共服务设施清单"])
    sheet.append(["名称", "类型", "X", "Y", "托位"])
    sheet.append(["蜀山区托育中心", "托育机构", 520000.5, 3520000, 80])
    path = tmp_path / "facilities.xlsx"
    book.save(path)
    (row,) = check_facility_file(path).rows
    assert (row.row, row.type_code, row.x, row.y, row.capacity) == (
        3, "childcare", 520000.5, 3520000.0, 80.0)  # fmt: skip


def feature(geometry, **properties):
    shape = None if geometry is None else geometry.__geo_interface__
    return {"type": "Feature", "geometry": shape, "properties": properties}


def write_geojson(path, features, **extra):
    document = {"type": "FeatureCollection", "features": features, **extra}
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_geojson_points_multipoints_and_polygons(tmp_path):
    square = box(117.20, 31.80, 117.21, 31.81)
    path = write_geojson(tmp_path / "f.geojson", [
        feature(Point(117.3, 31.86), 名称="甲", 类型="小学", 学位=900),
        feature(MultiPoint([(117.1, 31.7), (117.2, 31.8)]), name="乙", type="初中"),
        feature(square, 名称="丙", 类型="综合文化站", 地区="蜀山区"),
    ])  # fmt: skip
    check = check_facility_file(path)
    assert check.crs == "EPSG:4326" and check.geographic
    first, second, third = check.rows
    assert (first.row, first.x, first.y, first.capacity) == (1, 117.3, 31.86, 900.0)
    assert (second.x, second.y) in {(117.1, 31.7), (117.2, 31.8)}
    assert square.contains(Point(third.x, third.y)) and third.region == "蜀山区"
    assert (second.name, second.type_code) == ("乙", "middle_school")  # keys named in English


def test_geojson_with_a_legacy_crs_member(tmp_path):
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4548"}}
    path = write_geojson(
        tmp_path / "f.json", [feature(Point(520000, 3520000), 名称="甲", 类型="小学")], crs=crs
    )
    check = check_facility_file(path)
    assert (check.crs, check.geographic, check.rows[0].x) == ("EPSG:4548", False, 520000.0)


def test_geojson_geometry_problems(tmp_path):
    path = write_geojson(tmp_path / "f.geojson", [
        feature(None, 名称="甲", 类型="小学"),
        {"type": "Feature", "geometry": {"type": "Point"}, "properties": {"名称": "乙",
                                                                          "类型": "小学"}},
        feature(Point(190.0, 95.0), 名称="丙", 类型="小学"),
    ])  # fmt: skip
    check = check_facility_file(path)
    assert check.rows == []
    assert problems_of(check) == [
        (1, "几何", "缺少几何图形（空几何）"),
        (2, "几何", "几何图形无法解析"),
        (3, "几何", "经度190超出−180至180的范围"),
        (3, "几何", "纬度95超出−90至90的范围"),
    ]


@pytest.fixture(scope="module")
def geopandas():
    return pytest.importorskip("geopandas")


def test_geopackage_in_a_projected_crs_and_layers(tmp_path, geopandas):
    path = tmp_path / "facilities.gpkg"
    cell = Polygon([(520000, 3520000), (520100, 3520000), (520000, 3520100)])
    schools = geopandas.GeoDataFrame(
        {"名称": ["一小", "二小"], "设施类型": ["小学", "primary_school"], "学位": [1200, None]},
        geometry=[Point(520050, 3520050), cell],
        crs="EPSG:4548",
    )
    schools.to_file(path, layer="schools", driver="GPKG")
    clinics = geopandas.GeoDataFrame(
        {"name": ["站"], "type": ["社区卫生服务站"]}, geometry=[Point(1, 2)], crs="EPSG:4548"
    )
    clinics.to_file(path, layer="clinics", driver="GPKG")
    check = check_facility_file(path)
    assert (check.crs, check.geographic) == ("EPSG:4548", False)
    first, second = check.rows
    assert (first.x, first.y, first.capacity) == (520050.0, 3520050.0, 1200.0)
    assert cell.contains(Point(second.x, second.y)) and second.capacity is None
    (clinic,) = check_facility_file(path, layer="clinics").rows
    assert (clinic.type_code, clinic.x, clinic.y) == ("community_health_station", 1.0, 2.0)
    with pytest.raises(InputProblem, match="schools、clinics"):
        check_facility_file(path, layer="parks")


def test_geopackage_in_wgs84_with_an_empty_geometry(tmp_path, geopandas):
    path = tmp_path / "facilities.gpkg"
    frame = geopandas.GeoDataFrame(
        {"名称": ["甲", "乙"], "类型": ["幼儿园", "幼儿园"]},
        geometry=[Point(117.3, 31.8), None],
        crs="EPSG:4326",
    )
    frame.to_file(path, driver="GPKG")
    check = check_facility_file(path)
    assert (check.crs, check.geographic) == ("EPSG:4326", True)
    assert problems_of(check) == [(2, "geom", "缺少几何图形（空几何）")]


def test_geopackage_blobs_that_cannot_be_read(tmp_path, geopandas):
    path = tmp_path / "facilities.gpkg"
    frame = geopandas.GeoDataFrame(
        {"名称": ["甲", "乙", "丙", "丁"], "类型": ["小学"] * 4},
        geometry=[Point(1, 2), Point(3, 4), Point(), Point(5, 6)],
        crs="EPSG:4548",
    )
    frame.to_file(path, layer="f", driver="GPKG", SPATIAL_INDEX="NO")  # no ST_ triggers
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE f SET geom = X'0102030405' WHERE fid = 1")
        connection.execute("UPDATE f SET geom = substr(geom, 1, 12) WHERE fid = 2")
    connection.close()
    assert problems_of(check_facility_file(path)) == [
        (1, "geom", "几何图形无法解析"),
        (2, "geom", "几何图形无法解析"),
        (3, "geom", "缺少几何图形（空几何）"),
    ]


def test_every_bad_cell_is_named_and_no_row_is_kept(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "名称,类型,经度,纬度,容量\n"
        "甲,游泳馆,117.3,31.8,10\n"
        ",,117.3,31.8,\n"
        "丙,小学,,abc,-5\n"
        "丁,小学,inf,nan,许多\n"
        "戊,小学,181,-91,1\n"
        "己,小学,117.3,31.8,2\n",
        encoding="utf-8",
    )
    check = check_facility_file(path)
    assert check.rows == []
    assert problems_of(check) == [
        (2, "类型", "未知设施类型“游泳馆”，可填写：社区卫生服务中心、社区卫生服务站、托育机构、"
                    "幼儿园、小学、初中等"),
        (3, "名称", "名称为空"),
        (3, "类型", "类型为空"),
        (4, "经度", "经度为空"),
        (4, "纬度", "纬度“abc”不是数字"),
        (4, "容量", "容量不能为负数（-5）"),
        (5, "经度", "经度“inf”不是有限的数值"),
        (5, "纬度", "纬度“nan”不是有限的数值"),
        (5, "容量", "容量“许多”不是数字"),
        (6, "经度", "经度181超出−180至180的范围"),
        (6, "纬度", "纬度-91超出−90至90的范围"),
    ]  # fmt: skip
    assert check.problems[0].file == "bad.csv"


def test_projected_coordinates_have_no_range(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("名称,类型,X,Y\n甲,小学,39520000,3520000\n", encoding="utf-8")
    assert check_facility_file(path).rows[0].x == 39520000.0


@pytest.mark.parametrize(
    ("name", "content", "error", "match"),
    [
        ("f.shp", b"", UnsupportedFormat, r"\.geojson"),
        ("f.xls", b"", UnsupportedFormat, r"另存为 \.xlsx"),
        ("f.csv", "名称,类型,经度,纬度\n".encode(), EmptyDocument, "没有任何数据"),
        ("f.csv", "名称,类型\n甲,小学\n".encode(), InputProblem, "缺少坐标列"),
        ("f.csv", "名称,经度,纬度\n甲,1,2\n".encode(), InputProblem, "设施类型"),
        ("f.csv", "名称,类型,X,Y,经度,纬度\n甲,小学,1,2,3,4\n".encode(), InputProblem,
         "X/Y.*经度/纬度"),
        ("f.geojson", b"{not json", UnreadableDocument, "GeoJSON"),
        ("f.geojson", b'{"type": "Feature"}', UnreadableDocument, "FeatureCollection"),
        ("f.geojson", b'{"type": "FeatureCollection", "features": []}', EmptyDocument, "数据"),
        ("f.gpkg", b"not a database at all" * 100, UnreadableDocument, "GeoPackage"),
    ],
)  # fmt: skip
def test_whole_file_problems_name_the_file(tmp_path, name, content, error, match):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(error, match=match) as raised:
        check_facility_file(path)
    assert raised.value.file == name


def test_a_missing_file(tmp_path):
    with pytest.raises(NotFound):
        check_facility_file(tmp_path / "nowhere.csv")


def test_a_geopackage_without_feature_tables(tmp_path):
    path = tmp_path / "f.gpkg"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE gpkg_contents (table_name TEXT, data_type TEXT)")
        connection.execute("CREATE TABLE gpkg_geometry_columns (table_name TEXT, "
                           "column_name TEXT, srs_id INTEGER)")  # fmt: skip
    connection.close()
    with pytest.raises(EmptyDocument, match="要素图层"):
        check_facility_file(path)
