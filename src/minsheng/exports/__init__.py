"""Open data: a plan's tables and the standards catalogue as XLSX, CSV or a data package.

`plan_package` and `standards_package` assemble the tables (store → read model); a format
from `FORMATS` writes them. A new format is one new module and one entry here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from minsheng.exports.csv import CsvFormat
from minsheng.exports.datapackage import DataPackageFormat
from minsheng.exports.standards import standards_package
from minsheng.exports.tables import PUBLISHED, Package, Table, plan_package, plan_table_package
from minsheng.exports.xlsx import XlsxFormat


class ExportFormat(Protocol):
    name: str
    suffix: str  # of a download's file name
    media_type: str

    def to_bytes(self, package: Package) -> bytes: ...

    def write(self, package: Package, path: Path) -> Path: ...


FORMATS: dict[str, ExportFormat] = {
    format.name: format for format in (XlsxFormat("zh-en"), CsvFormat("zh-en"), DataPackageFormat())
}
"""The open data formats; `with_headers` gives one with other header rows."""


def with_headers(format: str, headers: str) -> ExportFormat:
    """The format `format` writing the header rows `headers` (see writers.HEADER_MODES)."""
    if format == "xlsx":
        return XlsxFormat(headers)
    return CsvFormat(headers) if format == "csv" else FORMATS[format]


__all__ = [
    "FORMATS",
    "PUBLISHED",
    "ExportFormat",
    "Package",
    "Table",
    "plan_package",
    "plan_table_package",
    "standards_package",
    "with_headers",
]
