"""template → fill in → observe import → evaluate / compare, as a department and a planner
run them: a real `minsheng` process each, on a SQLite file in a temporary data directory."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook

HEFEI_SEED = "000_7c865537b9a88152.txt"
HEFEI = "合肥市"
LIFE = "人均预期寿命"  # 79.81 → 80.2, expected
MATERNAL = "孕产妇死亡率"  # 8.02 → <14, binding
DOCTORS = "每千常住人口执业(助理)医师数"  # 3.1 → 3.6, expected
BEDS = "每千常住人口医疗卫生机构床位数"
EVALUATION_KEYS = {"name", "region", "year", "value", "baseline", "target", "status", "warning",
                   "ratio"}  # fmt: skip


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def minsheng(data_dir, tmp_path, minsheng_in):
    return minsheng_in(data_dir, tmp_path)


def row_counts(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        names = [
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        return {
            name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            for name in names
        }


def fill(path: Path, values: dict[tuple[str, str, int], object]) -> dict[tuple, int]:
    """Type values into the 数值 cells of the template's rows; returns their row numbers."""
    workbook = load_workbook(path)
    sheet = workbook["填报"]
    assert [cell.value for cell in sheet[1]][:4] == ["地区", "指标", "年份", "数值"]
    rows = {
        (row[0].value, row[1].value, row[2].value): row[0].row for row in sheet.iter_rows(min_row=2)
    }
    for key, value in values.items():
        sheet.cell(row=rows[key], column=4, value=value)
    workbook.save(path)
    return {key: rows[key] for key in values}


def evaluation(minsheng, *args: str) -> list[dict]:
    result = minsheng("evaluate", "--plan", HEFEI, *args, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_template_fill_import_evaluate_compare(minsheng, seeds_dir, data_dir, tmp_path):
    imported = minsheng("import", str(seeds_dir / HEFEI_SEED))
    assert imported.returncode == 0, imported.stderr

    # The health department's workbook: 8 indicators × (合肥市 + 9 districts) for 2023.
    made = minsheng(
        "template", "--plan", HEFEI, "--department", "市卫健委", "--years", "2023",
        "--domain", "病有所医", "-o", "t.xlsx",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "t.xlsx: 80 indicator × region rows for 1 year(s)" in made.stdout
    workbook = tmp_path / "t.xlsx"
    assert workbook.is_file()

    # One text value among good ones: the whole file is refused, naming row and column.
    rows = fill(
        workbook,
        {
            (HEFEI, LIFE, 2023): "八十",
            (HEFEI, MATERNAL, 2023): 15,
            (HEFEI, DOCTORS, 2023): 3.2,
        },
    )
    database = data_dir / "minsheng.db"
    before = row_counts(database)
    refused = minsheng("observe", "import", "t.xlsx", "--plan", HEFEI)
    assert refused.returncode == 2, refused.stdout + refused.stderr
    bad_row = rows[HEFEI, LIFE, 2023]
    assert f"row {bad_row}, column 数值" in refused.stderr
    assert "八十" in refused.stderr
    assert "1 problem(s), nothing imported" in refused.stderr
    assert "recorded" not in refused.stdout
    assert row_counts(database) == before

    nothing = evaluation(minsheng, "--year", "2023")
    assert len(nothing) == 38
    assert {e["region"] for e in nothing} == {HEFEI}
    assert [e for e in nothing if e["value"] is not None] == []
    assert {e["status"] for e in nothing} == {"no_data"}

    # Fixed: every value goes in.
    fill(workbook, {(HEFEI, LIFE, 2023): 80.0})
    accepted = minsheng("observe", "import", "t.xlsx", "--plan", HEFEI, "--author", "市卫健委")
    assert accepted.returncode == 0, accepted.stderr
    assert "recorded 3 value(s) for 合肥市“十四五” (approved)" in accepted.stdout

    found = {e["name"]: e for e in evaluation(minsheng, "--year", "2023")}
    assert all(set(e) >= EVALUATION_KEYS for e in found.values())
    life, maternal, doctors = found[LIFE], found[MATERNAL], found[DOCTORS]
    # 79.81 → 80.2: path in 2023 is 80.044; r = 0.19 / 0.234 = 0.812.
    assert (life["region"], life["year"], life["value"]) == (HEFEI, 2023, 80.0)
    assert (life["baseline"], life["target"]) == ("79.81", "80.2")
    assert (life["status"], life["warning"]) == ("moderately_improving", "none")
    assert life["ratio"] == pytest.approx(0.8120, abs=1e-4)
    # Binding, met at baseline (8.02 < 14), now 15: regressing and red, no ratio.
    assert (maternal["value"], maternal["status"], maternal["warning"]) == (15, "regressing", "red")
    assert maternal["ratio"] is None
    # 3.1 → 3.6: path 3.4; r = 0.1 / 0.3: stagnating, yellow for an expected indicator.
    assert (doctors["value"], doctors["status"], doctors["warning"]) == (
        3.2,
        "stagnating",
        "yellow",
    )
    assert doctors["ratio"] == pytest.approx(1 / 3)
    assert found[BEDS]["status"] == "no_data"

    previous = minsheng("evaluate", "--plan", HEFEI, "--previous", "--format", "json")
    assert previous.returncode == 0, previous.stderr
    verdicts = json.loads(previous.stdout)
    assert {
        "domain": "基本医疗和公共卫生",
        "name": BEDS,
        "unit": "张",
        "target": "8.0",
        "actual": "7.24",
        "status": "not_achieved",
    } in verdicts
    assert {v["name"]: v["status"] for v in verdicts}[MATERNAL] == "achieved"

    compared = minsheng("compare", LIFE, "--format", "json")
    assert compared.returncode == 0, compared.stderr
    comparison = json.loads(compared.stdout)
    assert comparison["concept"] == LIFE
    plans = {(p["region"], p["reference"]): p for p in comparison["plans"]}
    assert set(plans) == {(HEFEI, False), ("全国", True)}
    assert (plans["全国", True]["target"], plans["全国", True]["value"]) == ("78.3", None)
    hefei = plans[HEFEI, False]
    assert (hefei["value"], hefei["year"], hefei["status"]) == (80.0, 2023, "moderately_improving")


def test_evaluating_a_region_without_a_plan_exits_2_naming_it(minsheng, seeds_dir):
    assert minsheng("import", str(seeds_dir / HEFEI_SEED)).returncode == 0
    result = minsheng("evaluate", "--plan", "北京市")
    assert result.returncode == 2
    assert "北京市" in result.stderr
    assert "合肥市" in result.stderr  # the plans that are stored
    assert result.stdout == ""
