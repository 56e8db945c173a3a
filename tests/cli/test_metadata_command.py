"""`minsheng metadata show|export|import` as a planner runs them: an exported workbook or
CSV imports again unchanged, an edited one changes what `show` prints, and every bad row
of a file is named (exit 2) with nothing written."""

from __future__ import annotations

import csv

from openpyxl import load_workbook

LUAN_SEED = "001_efc89e334599d1ca.txt"
SPORTS = "人均体育场地面积"


def test_show_export_edit_import(minsheng, seeds_dir, tmp_path):
    assert minsheng("import", str(seeds_dir / LUAN_SEED)).returncode == 0
    shown = minsheng("metadata", "show", "--plan", "六安市", "--indicator", SPORTS)
    assert shown.returncode == 0, shown.stderr
    assert (
        "定义: 体育场地内可供开展训练、比赛和健身活动的有效面积与人口的比值。  [规划文本]"
        in shown.stdout
    )
    assert "计算方法: 暂无" in shown.stdout and "更新频率: 年度" in shown.stdout

    book = tmp_path / "metadata.xlsx"
    exported = minsheng("metadata", "export", "--plan", "六安市", "-o", str(book))
    assert exported.returncode == 0 and "indicator_metadata 22" in exported.stdout
    assert "22 rows read, 0 indicators changed" in minsheng("metadata", "import", str(book)).stdout

    sheet = load_workbook(book).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[header.index("name")].value == SPORTS)
    row[header.index("formula")].value = "体育场地面积 ÷ 常住人口"
    row[header.index("frequency")].value = "季度"
    sheet.parent.save(book)
    imported = minsheng("metadata", "import", str(book), "--author", "规划科")
    assert imported.returncode == 0 and "1 indicators changed" in imported.stdout
    shown = minsheng("metadata", "show", "--plan", "六安市", "--indicator", SPORTS).stdout
    assert (
        "计算方法: 体育场地面积 ÷ 常住人口  [规划人员维护]" in shown and "更新频率: 季度" in shown
    )


def test_every_bad_row_is_named_and_nothing_is_written(minsheng, seeds_dir, tmp_path):
    assert minsheng("import", str(seeds_dir / LUAN_SEED)).returncode == 0
    exported = tmp_path / "metadata.csv"
    assert minsheng("metadata", "export", "--plan", "六安市", "-o", str(exported)).returncode == 0
    with exported.open(encoding="utf-8-sig") as file:
        first = next(csv.DictReader(file))["indicator_id"]
    bad = tmp_path / "bad.csv"
    bad.write_text(
        f"指标编号,计算方法,更新频率\n{first},公式,年度\n一,公式,年度\n{first},公式,每周\n",
        encoding="utf-8",
    )
    refused = minsheng("metadata", "import", str(bad))
    assert refused.returncode == 2
    assert "bad.csv: 3 处有误，未导入任何内容" in refused.stderr
    assert "第3行 指标编号：应为整数，现为“一”" in refused.stderr
    assert "第4行 指标编号：指标" in refused.stderr and "第4行 更新频率" in refused.stderr
    again = minsheng("metadata", "export", "--plan", "六安市", "-o", str(exported))
    assert again.returncode == 0
    assert "公式" not in exported.read_text(encoding="utf-8-sig")
    wrong = minsheng("metadata", "export", "--plan", "六安市", "-o", str(tmp_path / "m.txt"))
    assert wrong.returncode == 2 and ".xlsx or .csv" in wrong.stderr
