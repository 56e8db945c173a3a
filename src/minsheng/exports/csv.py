"""A package as CSV files, one per table (UTF-8 with a BOM), in a folder or a zip archive.

Open data files carry two header rows by default — the Chinese headers, then the English
field names — (`headers="zh-en"`); `en` writes the field names only, for programs and for
files imported again by minsheng's own import commands.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from minsheng.exports.labels import table_name
from minsheng.exports.tables import Package, Table
from minsheng.exports.writers import csv_pieces, header_rows

ZIP_TYPE = "application/zip"
CSV_TYPE = "text/csv; charset=utf-8"


def table_csv(table: Table, *, bom: bool = True, headers: str = "en") -> bytes:
    """The table's rows with dates and times in ISO 8601, as data packages expect."""
    return b"".join(table_csv_pieces(table, bom=bom, headers=headers))


def table_csv_pieces(table: Table, *, bom: bool = True, headers: str = "en") -> Iterator[bytes]:
    """`table_csv` in pieces, for a streamed download."""
    rows = ({key: _text(value) for key, value in row.items()} for row in table.rows)
    chosen = header_rows(table.header, table.labels, headers)
    return csv_pieces(chosen, table.header, rows, bom=bom)


def _text(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def file_name(table: Table) -> str:
    return f"{table.name}.csv"


def people_file_name(package: Package, table: Table, suffix: str) -> str:
    """A file name that says what it is: 合肥市-十四五-指标.csv."""
    return f"{package.file_stem()}-{table_name(table.name)}{suffix}"


def zipped(files: dict[str, bytes]) -> bytes:
    """Files (name → content) in a zip archive, in the given order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def write_files(files: dict[str, bytes], path: Path) -> Path:
    """Into a zip when `path` ends in .zip, else into the folder `path` (created if needed)."""
    if path.suffix.lower() == ".zip":
        path.write_bytes(zipped(files))
        return path
    path.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (path / name).write_bytes(content)
    return path


class CsvFormat:
    """One CSV per table; a download is a zip of them."""

    name = "csv"
    suffix = ".zip"
    media_type = ZIP_TYPE

    def __init__(self, headers: str = "zh-en") -> None:
        self.headers = headers

    def files(self, package: Package) -> dict[str, bytes]:
        return {
            file_name(table): table_csv(table, headers=self.headers) for table in package.tables
        }

    def to_bytes(self, package: Package) -> bytes:
        return zipped(self.files(package))

    def write(self, package: Package, path: Path) -> Path:
        """A single table may go to a `.csv` file; otherwise a folder or `.zip`."""
        if path.suffix.lower() == ".csv" and len(package.tables) == 1:
            path.write_bytes(table_csv(package.tables[0], headers=self.headers))
            return path
        return write_files(self.files(package), path)
