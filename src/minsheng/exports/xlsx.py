"""A package as one workbook: one sheet per table, named in Chinese (指标, 监测值 …), with
the Chinese headers and the English field names as two bold, frozen header rows; with
`headers="en"` (the files minsheng's import commands read again) English names only."""

from __future__ import annotations

from pathlib import Path

from minsheng.exports.labels import table_name
from minsheng.exports.tables import Package
from minsheng.exports.writers import add_table_sheet, empty_workbook, header_rows, workbook_bytes

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_SHEET_TITLE = 31  # Excel's limit


class XlsxFormat:
    """Tables keep their order; `observe import` reads the 监测值 sheet with its headers."""

    name = "xlsx"
    suffix = ".xlsx"
    media_type = XLSX_TYPE

    def __init__(self, headers: str = "en") -> None:
        self.headers = headers

    def to_bytes(self, package: Package) -> bytes:
        workbook = empty_workbook()
        for table in package.tables:
            name = table.name if self.headers == "en" else table_name(table.name)
            title = name[:MAX_SHEET_TITLE]
            headers = header_rows(table.header, table.labels, self.headers)
            add_table_sheet(workbook, title, headers, table.header, table.rows)
        return workbook_bytes(workbook)

    def write(self, package: Package, path: Path) -> Path:
        path.write_bytes(self.to_bytes(package))
        return path
