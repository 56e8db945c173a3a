"""Rows to CSV bytes and workbook sheets: the one writer web downloads and exports share.

Plan text is untrusted: a cell Excel would run as a formula (=, +, -, @ …) is kept as text
— a leading ' in CSV, a string cell in XLSX. CSV is UTF-8 with a BOM so that Excel on a
Chinese Windows reads it correctly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

Row = Mapping[str, Any]
BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(value: Any) -> Any:
    """Text Excel would run as a formula gets a leading '; numbers written as text stay."""
    if isinstance(value, str) and len(value) > 1 and value.startswith(FORMULA_STARTS):
        try:
            float(value)
        except ValueError:
            return "'" + value
    return value


def csv_bytes(header: Sequence[str], rows: Iterable[Row], *, bom: bool = True) -> bytes:
    """A header line and one line per row (CRLF, as Excel writes), UTF-8 with a BOM.

    Without the BOM (`bom=False`) for readers that take UTF-8 literally, such as data
    package tools, which would read the BOM into the first column's name.
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(header), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({key: inert(value) for key, value in row.items()} for row in rows)
    return ((BOM if bom else "") + buffer.getvalue()).encode("utf-8")


def empty_workbook() -> Workbook:
    """A workbook without the sheet openpyxl starts with, so its sheets are only ours."""
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    return workbook


def add_sheet(workbook: Workbook, title: str, header: Sequence[str], rows: Iterable[Row]) -> None:
    """A sheet with a bold, frozen header row and one row per record."""
    sheet: Worksheet = workbook.create_sheet(title)
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_excel_value(row.get(column)) for column in header])
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # text that looks like a formula stays text
                cell.data_type = "s"
    sheet.freeze_panes = "A2"


def _excel_value(value: Any) -> Any:
    """Excel has no time zones: an aware time is written as UTC without one."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
