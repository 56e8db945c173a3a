"""`minsheng projects fill|export|import` as a planner runs them on Hefei's plan."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

HEFEI_SEED = "000_7c865537b9a88152.txt"


def test_fill_export_edit_import(minsheng, seeds_dir, tmp_path):
    assert minsheng("import", str(seeds_dir / HEFEI_SEED)).returncode == 0
    filled = minsheng("projects", "fill", "--plan", "合肥市")
    assert filled.returncode == 0, filled.stderr
    assert "合肥市: 309 projects (district 170, nature 276)" in filled.stdout
    again = minsheng("projects", "fill", "--from", str(seeds_dir / HEFEI_SEED))
    assert again.returncode == 0 and "district 170, nature 276" in again.stdout
    sheet = tmp_path / "luyang.xlsx"
    written = minsheng("projects", "export", str(sheet), "--plan", "合肥市", "--district", "庐阳区")
    assert written.returncode == 0 and "18 key projects of 合肥市" in written.stdout
    book = load_workbook(sheet)
    rows = book.active
    header = [cell.value for cell in rows[1]]
    rows.cell(row=2, column=header.index("总投资（万元）") + 1, value="abc")
    rows.cell(row=5, column=header.index("开工时间") + 1, value="2023年13月")
    book.save(sheet)
    refused = minsheng("projects", "import", str(sheet), "--plan", "合肥市")
    assert refused.returncode == 2
    assert "第 2 行 总投资（万元）" in refused.stderr and "第 5 行 开工时间" in refused.stderr
    rows.cell(row=2, column=header.index("总投资（万元）") + 1, value=3200)
    rows.cell(row=5, column=header.index("开工时间") + 1, value="2023-03")
    book.save(sheet)
    done = minsheng("projects", "import", str(sheet), "--plan", "合肥市", "--author", "规划处")
    assert done.returncode == 0 and "18 rows read, 2 projects of 合肥市 changed" in done.stdout
    refill = minsheng("projects", "fill", "--plan", "合肥市")
    assert "total_investment 1" in refill.stdout  # the planner's value stays


def test_a_sheet_for_another_plan_is_refused(minsheng, seeds_dir, tmp_path):
    assert minsheng("import", str(seeds_dir / HEFEI_SEED)).returncode == 0
    missing = minsheng("projects", "import", str(tmp_path / "none.xlsx"), "--plan", "合肥市")
    assert missing.returncode == 2
    not_a_sheet = tmp_path / "plan.xlsx"
    not_a_sheet.write_text("not a workbook")
    refused = minsheng("projects", "import", str(not_a_sheet), "--plan", "合肥市")
    assert refused.returncode == 2 and "不是可读取的 XLSX 文件" in refused.stderr
    elsewhere = minsheng(
        "projects",
        "fill",
        "--plan",
        "合肥市",
        "--from",
        str(seeds_dir / "004_0c50dddbae650310.txt"),
    )
    assert elsewhere.returncode == 2 and "不是合肥市的" in elsewhere.stderr


FIFTEENTH = Path(__file__).parents[1] / "ingest" / "documents" / "hefei_15th_five_year_plan.txt"


def test_a_fifteenth_plan_sheet_has_its_own_years_and_keeps_them(minsheng, tmp_path):
    """A 十五五 plan's projects are planned for 2026–2030: its sheet has those columns (not
    2021–2025), and a year filled in the sheet is stored and written out again."""
    assert minsheng("import", str(FIFTEENTH)).returncode == 0
    sheet = tmp_path / "fifteenth.xlsx"
    written = minsheng("projects", "export", str(sheet), "--plan", "合肥市十五五")
    assert written.returncode == 0, written.stderr
    book = load_workbook(sheet)
    header = [cell.value for cell in book.active[1]]
    years = sorted({int(h[:4]) for h in header if h and h[:4].isdigit()})
    assert years == [2026, 2027, 2028, 2029, 2030]
    book.active.cell(row=2, column=header.index("2027年计划投资（万元）") + 1, value=500)
    book.save(sheet)
    done = minsheng(
        "projects", "import", str(sheet), "--plan", "合肥市十五五", "--author", "规划处"
    )
    assert done.returncode == 0 and "1 projects of 合肥市十五五 changed" in done.stdout, done.stdout
    again = tmp_path / "again.xlsx"
    assert minsheng("projects", "export", str(again), "--plan", "合肥市十五五").returncode == 0
    rows = load_workbook(again).active
    assert rows.cell(row=2, column=header.index("2027年计划投资（万元）") + 1).value == 500
