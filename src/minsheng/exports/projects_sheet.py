"""The key projects list as an XLSX workbook: the sheet planners edit and import again
(`minsheng projects import`, the projects page); its columns are usecases.project_sheets'."""

from __future__ import annotations

from collections.abc import Sequence

from minsheng.exports.writers import add_sheet, empty_workbook, workbook_bytes
from minsheng.usecases.project_sheets import sheet_header, sheet_row
from minsheng.usecases.read.projects import ProjectRow

SHEET_TITLE = "重点项目"


def projects_xlsx(rows: Sequence[ProjectRow], years: range) -> bytes:
    """One sheet, one row per project, Chinese headers, amounts in 万元 for each of `years`
    (`usecases.project_sheets.sheet_years`)."""
    workbook = empty_workbook()
    sheet = [sheet_row(row, years) for row in rows]
    add_sheet(workbook, SHEET_TITLE, sheet_header(years), sheet)
    return workbook_bytes(workbook)
