"""`minsheng standards …` as a real process: a standards document fills Hefei's items and
lists what it could not match; the five fields go out as XLSX and back in, all rows or
none; a delivery indicator reported below its level says 未达标准."""

from __future__ import annotations

from openpyxl import load_workbook
from tests.standards_samples import write_docx

HEFEI_SEED = "000_7c865537b9a88152.txt"


def test_import_export_and_monitor(minsheng, seeds_dir, tmp_path):
    assert minsheng("import", str(seeds_dir / HEFEI_SEED)).returncode == 0
    document = write_docx(tmp_path / "national.docx")
    done = minsheng(
        "standards", "import", str(document), "--plan", "合肥市", "--as-of", "2021-03-30"
    )
    assert done.returncode == 0, done.stderr
    assert (
        "4 items read (national, 2021-03-30); 3 service items matched, 3 changed; 1 unmatched"
        in done.stdout
    )
    assert "unmatched 合肥市 示例不存在的服务项目" in done.stdout

    book = tmp_path / "standards.xlsx"
    exported = minsheng("standards", "export", "--plan", "合肥市", "-o", str(book))
    assert exported.returncode == 0 and "standards 91" in exported.stdout
    sheet = load_workbook(book).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[header.index("name")].value == "预防接种")
    assert row[header.index("standard")].value == "免疫规划疫苗接种率不低于90%"
    row[header.index("standard")].value = "免疫规划疫苗接种率不低于95%"
    bad = next(r for r in sheet.iter_rows(min_row=2) if r[header.index("name")].value == "生育保险")
    kept = bad[header.index("item_id")].value
    bad[header.index("item_id")].value = "编号"
    sheet.parent.save(book)
    refused = minsheng("standards", "import-xlsx", str(book))
    assert refused.returncode == 2
    assert "第" in refused.stderr and "服务项目编号：应为整数，现为“编号”" in refused.stderr
    bad[header.index("item_id")].value = kept
    sheet.parent.save(book)
    imported = minsheng("standards", "import-xlsx", str(book), "--author", "规划科")
    assert imported.returncode == 0 and "91 rows read, 1 service items changed" in imported.stdout
    again = minsheng("standards", "export", "--plan", "合肥市", "-o", str(tmp_path / "again.csv"))
    assert again.returncode == 0
    assert "免疫规划疫苗接种率不低于95%" in (tmp_path / "again.csv").read_text(encoding="utf-8-sig")


def test_delivery_indicator_and_report(minsheng, seeds_dir):
    assert minsheng("import", str(seeds_dir / HEFEI_SEED)).returncode == 0
    item = ("--plan", "合肥市", "--item", "儿童健康管理")
    defined = minsheng(
        "standards",
        "indicator",
        *item,
        "--name",
        "儿童健康管理率",
        "--kind",
        "coverage",
        "--required",
        "90",
    )
    assert defined.returncode == 0, defined.stderr
    assert "儿童健康管理率 >= 90 %" in defined.stdout
    low = minsheng(
        "standards",
        "report",
        *item,
        "--indicator",
        "儿童健康管理率",
        "--year",
        "2025",
        "--value",
        "86",
    )
    assert low.returncode == 0 and "2025: 86 (standard 90) 未达标准" in low.stdout
    unknown = minsheng(
        "standards", "report", *item, "--indicator", "覆盖率", "--year", "2025", "--value", "1"
    )
    assert unknown.returncode == 2 and "儿童健康管理率" in unknown.stderr
    wrong = minsheng(
        "standards", "indicator", *item, "--name", "x", "--kind", "speed", "--required", "1"
    )
    assert wrong.returncode == 2 and "kind" in wrong.stderr
