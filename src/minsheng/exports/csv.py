"""A package as CSV files, one per table (UTF-8 with a BOM), in a folder or a zip archive."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from minsheng.exports.tables import Package, Table
from minsheng.exports.writers import csv_bytes

ZIP_TYPE = "application/zip"


def table_csv(table: Table, *, bom: bool = True) -> bytes:
    """The table's rows with dates and times in ISO 8601, as data packages expect."""
    rows = ({key: _text(value) for key, value in row.items()} for row in table.rows)
    return csv_bytes(table.header, rows, bom=bom)


def _text(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def file_name(table: Table) -> str:
    return f"{table.name}.csv"


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

    def files(self, package: Package) -> dict[str, bytes]:
        return {file_name(table): table_csv(table) for table in package.tables}

    def to_bytes(self, package: Package) -> bytes:
        return zipped(self.files(package))

    def write(self, package: Package, path: Path) -> Path:
        """A single table may go to a `.csv` file; otherwise a folder or `.zip`."""
        if path.suffix.lower() == ".csv" and len(package.tables) == 1:
            path.write_bytes(table_csv(package.tables[0]))
            return path
        return write_files(self.files(package), path)
