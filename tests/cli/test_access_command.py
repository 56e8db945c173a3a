"""`minsheng facilities import`, `residents import` and `access coverage|2sfca`, as a planner
runs them: on a SQLite file, on a hand-made map of 合肥 (示例数据 written
here) whose answers are worked out by hand.

One 社区卫生服务中心 (50 beds) at 117.25°E 31.85°N in 蜀山区, and five resident points due
east and west of it, 0, 600, 1,500 and 2,500 m east and 800 m west (the last east one in
包河区), holding 100, 200, 300, 400 and 50 people.
Within 1,000 m: 100 + 200 + 50 = 350 of 1,050 (one third); 蜀山区 350 of 650, 包河区 0 of 400.
2SFCA at 1,000 m: the centre's 50 beds shared by 350 people, 1/7 bed each for those in
reach; 蜀山区's population-weighted mean 350 × (1/7) / 650 = 50/650.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.command import run_minsheng
from tests.hefei import write_csv

from minsheng.analytics.coordinates import wgs84_to_gcj02

HEFEI_SEED = "000_7c865537b9a88152.txt"
EAST_WEST = (  # lon, lat, population: 0, 600, 1,500, 2,500 m east, 800 m west
    (117.25, 31.85, 100),
    (117.256339, 31.849987, 200),
    (117.265848, 31.849968, 300),
    (117.276414, 31.849945, 400),
    (117.241548, 31.850016, 50),
)


@pytest.fixture(scope="module")
def shared(tmp_path_factory) -> Callable[..., subprocess.CompletedProcess[str]]:
    """One data directory for the module: the seed is imported once (the tests that write
    use a facility type of their own)."""
    folder = tmp_path_factory.mktemp("access")
    env = {"MINSHENG_DATA_DIR": str(folder / "data")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return run_minsheng(args, env=env, cwd=folder)

    run.folder = folder  # type: ignore[attr-defined]
    return run


@pytest.fixture(scope="module")
def hefei_points(shared, seeds_dir) -> Path:
    minsheng, tmp_path = shared, shared.folder
    assert minsheng("import", str(seeds_dir / HEFEI_SEED)).returncode == 0
    sites = write_csv(tmp_path / "sites.csv", "名称,类型,经度,纬度,床位",
                      ["示例中心,社区卫生服务中心,117.25,31.85,50"])  # fmt: skip
    people = write_csv(tmp_path / "people.csv", "lon,lat,population",
                       [f"{x},{y},{p}" for x, y, p in EAST_WEST])  # fmt: skip
    imported = minsheng("facilities", "import", str(sites), "--as-of", "2025-12-31")
    assert imported.returncode == 0, imported.stderr
    assert "community_health_center: 1 point(s) added, 合肥市" in imported.stdout
    placed = minsheng("residents", "import", str(people), "--plan", "合肥市")
    assert placed.returncode == 0, placed.stderr
    return tmp_path


def test_coverage_worked_by_hand(shared, hefei_points):
    minsheng = shared
    result = minsheng("access", "coverage", "--plan", "合肥市", "--type", "社区卫生服务中心",
                      "--format", "json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert (found["type"], found["radius"], found["facilities"]) == ("社区卫生服务中心", 1000, 1)
    assert (found["population"], found["covered"]) == (1050, 350)
    assert found["share"] == pytest.approx(1 / 3)
    by_region = {r["region"]: (r["population"], r["covered"]) for r in found["by_region"]}
    assert by_region == {"蜀山区": (650, 350), "包河区": (400, 0)}
    assert [s["population"] for s in found["blind_spots"]] == [400, 300]
    wider = minsheng("access", "coverage", "--plan", "合肥市", "--type", "community_health_center",
                     "--radius", "2000", "--format", "json")  # fmt: skip
    assert json.loads(wider.stdout)["covered"] == 650
    utm = minsheng("access", "coverage", "--plan", "合肥市", "--type", "社区卫生服务中心",
                   "--metric-crs", "EPSG:32650", "--format", "json")  # fmt: skip
    assert (json.loads(utm.stdout)["metric_crs"], json.loads(utm.stdout)["covered"]) == (
        "EPSG:32650", 350,
    )  # fmt: skip
    assert found["metric_crs"] == "EPSG:4548"  # 合肥's CGCS2000 zone, chosen by itself


def test_two_step_floating_catchment_worked_by_hand(shared, hefei_points):
    minsheng = shared
    args = ("access", "2sfca", "--plan", "合肥市", "--type", "社区卫生服务中心")
    rows = minsheng(*args, "--format", "csv")
    assert rows.returncode == 0, rows.stderr
    lines = rows.stdout.strip().splitlines()
    assert lines[0] == "lon,lat,region,population,score"
    scores = [float(line.split(",")[-1]) for line in lines[1:]]
    assert scores == pytest.approx([1 / 7, 1 / 7, 0, 0, 1 / 7])
    summary = json.loads(minsheng(*args, "--format", "json").stdout)
    means = {r["name"]: r["score"] for r in summary["by_region"]}
    assert means == pytest.approx({"蜀山区": 50 / 650, "包河区": 0})
    table = minsheng(*args)
    assert table.returncode == 0 and "蜀山区" in table.stdout


def test_a_date_imported_again_is_replaced_and_gcj02_is_stored_in_wgs84(shared, hefei_points):
    """On 社区卫生服务站 (300 m), which the other tests leave alone."""
    minsheng, station = (
        shared,
        ("access", "coverage", "--plan", "合肥市", "--type", "社区卫生服务站"),
    )
    one = write_csv(
        hefei_points / "one.csv", "name,type,lon,lat", ["甲,社区卫生服务站,117.25,31.85"]
    )
    assert minsheng("facilities", "import", str(one), "--as-of", "2025-12-31").returncode == 0
    two = ["甲,社区卫生服务站,117.25,31.85", "乙,社区卫生服务站,117.276414,31.849945"]
    sites = write_csv(hefei_points / "two.csv", "name,type,lon,lat", two)
    again = minsheng("facilities", "import", str(sites), "--as-of", "2025-12-31")
    assert again.returncode == 0 and "2 point(s) replaced" in again.stdout
    found = json.loads(minsheng(*station, "--format", "json").stdout)
    assert (found["facilities"], found["covered"]) == (2, 500)  # 100 + 400 at the sites
    older = minsheng(*station, "--on", "2025-01-01")
    assert older.returncode == 2 and "no residents" in older.stderr  # residents: as of today
    lon, lat = wgs84_to_gcj02(117.256339, 31.849987)  # the 600 m point, in GCJ-02
    gcj = [f"丙,社区卫生服务站,{float(lon[0])},{float(lat[0])}"]
    sites = write_csv(hefei_points / "gcj.csv", "name,type,lon,lat", gcj)
    loaded = minsheng("facilities", "import", str(sites), "--crs", "GCJ02", "--as-of", "2026-06-30")
    assert loaded.returncode == 0, loaded.stderr
    found = json.loads(minsheng(*station, "--radius", "100", "--format", "json").stdout)
    assert found["facilities_as_of"] == "2026-06-30"  # the newer layer, alone
    assert found["covered"] == 200  # back on the 600 m point: within 100 m only if converted


def test_bad_files_exit_2_naming_the_row(shared, hefei_points):
    minsheng = shared
    bad = write_csv(hefei_points / "bad.csv", "name,type,lon,lat", ["丁,医院,117.25,31.85"])
    result = minsheng("facilities", "import", str(bad))
    assert result.returncode == 2 and "row 2" in result.stderr and "医院" in result.stderr
    plane = write_csv(hefei_points / "plane.csv", "name,type,x,y", ["戊,幼儿园,523661,3525246"])
    result = minsheng("facilities", "import", str(plane))
    assert result.returncode == 2 and "--crs" in result.stderr
    elsewhere = write_csv(hefei_points / "far.csv", "lon,lat,population", ["100.0,40.0,5"])
    result = minsheng("residents", "import", str(elsewhere))
    assert result.returncode == 2 and "--plan" in result.stderr
    named = write_csv(hefei_points / "named.csv", "lon,lat,population,region",
                      ["117.25,31.85,5,鼓楼区"])  # fmt: skip
    result = minsheng("residents", "import", str(named), "--plan", "合肥市")
    assert result.returncode == 2 and "“鼓楼区”不是合肥市的区县" in result.stderr
    degrees = minsheng("access", "coverage", "--plan", "合肥市", "--type", "幼儿园",
                       "--metric-crs", "EPSG:4326")  # fmt: skip
    assert degrees.returncode == 2 and "not a projected CRS in metres" in degrees.stderr
    unknown = minsheng("access", "coverage", "--plan", "合肥市", "--type", "医院")
    assert unknown.returncode == 2 and "社区卫生服务中心" in unknown.stderr


def test_along_the_roads(shared, hefei_points):
    """A road east–west through the five points: the 800 m west point walks to the road's
    end at the centre, the rest lie on it, so every distance is the straight one and the
    answers are those worked out above; a file of points is no road network."""
    minsheng = shared
    line = [[117.25, 31.85], *[[x, y] for x, y, _ in EAST_WEST[1:4]]]
    roads = hefei_points / "roads.geojson"
    feature = {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "LineString", "coordinates": line},
    }
    roads.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), "utf-8")
    args = (
        "--plan",
        "合肥市",
        "--type",
        "社区卫生服务中心",
        "--network",
        str(roads),
        "--format",
        "json",
    )
    found = json.loads(minsheng("access", "coverage", *args).stdout)
    assert (found["distance"], found["covered"]) == ("network", 350)
    scores = json.loads(minsheng("access", "2sfca", *args).stdout)
    assert {r["name"]: r["score"] for r in scores["by_region"]} == pytest.approx(
        {"蜀山区": 50 / 650, "包河区": 0}
    )
    point = {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "Point", "coordinates": [117.25, 31.85]},
    }
    roads.write_text(json.dumps({"type": "FeatureCollection", "features": [point]}), "utf-8")
    refused = minsheng("access", "coverage", *args)
    assert refused.returncode == 2 and "不是线要素" in refused.stderr
