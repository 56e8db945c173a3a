"""The downloads page in Chromium: a person clicks a plan's Excel link and a single
table's CSV link and gets files named for what they hold, with every row; the page is
readable at phone width."""

from __future__ import annotations

from openpyxl import load_workbook

from tests.exports.sheets import csv_records
from tests.web.conftest import ON_SQLITE_SHARED, screenshot


@ON_SQLITE_SHARED
def test_clicking_the_links_saves_named_complete_files(read_server, page, tmp_path):
    page.goto(f"{read_server.url}/downloads")
    with page.expect_download() as clicked:
        page.get_by_role("link", name="合肥市-十四五.xlsx").click()
    workbook = clicked.value
    assert workbook.suggested_filename == "合肥市-十四五.xlsx"
    saved = tmp_path / workbook.suggested_filename
    workbook.save_as(saved)
    sheets = load_workbook(saved)
    assert sheets["指标"].max_row - 2 == 38 and sheets["指标"]["A1"].value == "指标编号"

    row = page.locator("tr", has_text="合肥市“十四五”公共服务规划")
    row.get_by_text("单表下载").click()
    with page.expect_download() as clicked:
        row.locator("li", has_text="评估结果").get_by_role("link", name="CSV").click()
    table = clicked.value
    assert table.suggested_filename == "合肥市-十四五-评估结果.csv"
    table.save_as(tmp_path / "table.csv")
    labels, rows = csv_records((tmp_path / "table.csv").read_bytes())
    assert labels[:2] == ["规划编号", "评估年份"] and len(rows) >= 38

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{read_server.url}/downloads")
    screenshot(page, "downloads-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways page
