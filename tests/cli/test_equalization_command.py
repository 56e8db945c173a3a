"""`minsheng population import` then `minsheng equalization`, as a planner runs them: a real
process each on a SQLite file in a temporary data directory (示例数据 written here)."""

from __future__ import annotations

import json

from tests.hefei import HEFEI_DISTRICTS

HEFEI_SEED = "000_7c865537b9a88152.txt"
DISTRICTS = HEFEI_DISTRICTS
VALUES = (3.1, 2.4, 3.6, 3.3, 1.8, 2.0, 2.2, 1.6, 1.9)
PEOPLE = (101.0, 66.0, 110.0, 125.0, 78.0, 90.0, 96.0, 90.0, 72.0)  # 万人


def test_population_then_equalization_as_json(minsheng, seeds_dir, tmp_path):
    assert minsheng("import", str(seeds_dir / HEFEI_SEED)).returncode == 0
    indicator = "每千人口拥有3岁以下婴幼儿托位数"
    values = tmp_path / "values.csv"
    rows = [f"{d},{indicator},2024,{v}" for d, v in zip(DISTRICTS, VALUES, strict=True)]
    values.write_text("region,indicator,year,value\n" + "\n".join(rows) + "\n", encoding="utf-8")
    imported = minsheng("observe", "import", str(values), "--plan", "合肥市")
    assert imported.returncode == 0, imported.stderr
    people = tmp_path / "people.csv"
    rows = [f"{d},2024,{p}" for d, p in zip(DISTRICTS, PEOPLE, strict=True)]
    people.write_text("地区,年份,常住人口（万人）\n" + "\n".join(rows) + "\n", encoding="utf-8")
    loaded = minsheng("population", "import", str(people))
    assert loaded.returncode == 0, loaded.stderr
    assert "9 figure(s) added" in loaded.stdout
    result = minsheng(
        "equalization", "--plan", "合肥市", "--indicator", indicator, "--year", "2024",
        "--format", "json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert {"indicator", "year", "regions", "unweighted", "weighted", "reaching_target"} <= set(
        found
    )
    assert [r["population"] for r in found["regions"]] == [p * 10_000 for p in PEOPLE]
    assert found["weighted"]["decomposition"]["theil_l"]["between"] > 0
    assert found["reaching_target"] == {"count": 0, "of": 9}  # the target is ≥4.6
    table = minsheng("equalization", "--plan", "合肥市", "--indicator", indicator, "--year", "2024")
    assert table.returncode == 0 and "theil_t_between" in table.stdout


def test_a_bad_population_file_exits_2_naming_the_cells(minsheng, tmp_path):
    people = tmp_path / "people.csv"
    people.write_text("region,year,population\n鼓楼区,2024,abc\n", encoding="utf-8")
    result = minsheng("population", "import", str(people))
    assert result.returncode == 2
    assert "row 2" in result.stderr and "行政区划代码" in result.stderr
    assert "不是正数" in result.stderr


def test_a_grouping_from_a_file(minsheng, seeds_dir, tmp_path):
    assert minsheng("import", str(seeds_dir / HEFEI_SEED)).returncode == 0
    values = tmp_path / "values.csv"
    rows = [f"{d},人均预期寿命,2024,{v + 78}" for d, v in zip(DISTRICTS, VALUES, strict=True)]
    values.write_text("region,indicator,year,value\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert minsheng("observe", "import", str(values), "--plan", "合肥市").returncode == 0
    groups = tmp_path / "groups.csv"
    north = ("瑶海区", "庐阳区", "长丰县", "肥东县")
    lines = [f"{d},{'北部' if d in north else '南部'}" for d in DISTRICTS[:-1]]  # 巢湖市: 其他
    groups.write_text("地区,分组\n" + "\n".join(lines) + "\n", encoding="utf-8")
    common = ("equalization", "--plan", "合肥市", "--indicator", "人均预期寿命", "--year", "2024")
    result = minsheng(*common, "--groups", str(groups), "--format", "json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert [r["group"] for r in found["regions"]] == [
        "北部" if d in north else "南部" for d in DISTRICTS[:-1]
    ] + ["其他"]
    assert found["unweighted"]["decomposition"]["grouping"] == "custom"
    twice = tmp_path / "twice.csv"
    twice.write_text("地区,分组\n瑶海区,北部\n瑶海区,南部\n", encoding="utf-8")
    refused = minsheng(*common, "--groups", str(twice))
    assert (
        refused.returncode == 2
        and "twice.csv" in refused.stderr
        and "grouped twice" in refused.stderr
    )
