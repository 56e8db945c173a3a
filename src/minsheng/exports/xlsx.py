"""A package as one workbook: one sheet per table, named by the table, header bold and frozen."""

from __future__ import annotations

from pathlib import Path

from minsheng.exports.tables import Package
from minsheng.exports.writers import add_sheet, empty_workbook, workbook_bytes

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_SHEET_TITLE = 31  # Excel's limit


class XlsxFormat:
    """Tables keep their order; `observe import` reads the first with its headers."""

    name = "xlsx"
    suffix = ".xlsx"
    media_type = XLSX_TYPE

    def to_bytes(self, package: Package) -> bytes:
        workbook = empty_workbook()
        for table in package.tables:
            add_sheet(workbook, table.name[:MAX_SHEET_TITLE], table.header, table.rows)
        return workbook_bytes(workbook)

    def write(self, package: Package, path: Path) -> Path:
        path.write_bytes(self.to_bytes(package))
        return path
