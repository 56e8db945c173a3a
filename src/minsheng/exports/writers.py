"""Rows to CSV bytes and workbook sheets: the one writer web downloads and exports share.

Plan text is untrusted: a cell Excel would run as a formula (=, +, -, @ …) is kept as text
— a leading ' in CSV, a string cell in XLSX. CSV is UTF-8 with a BOM so that Excel on a
Chinese Windows reads it correctly.

A table's header is one or two rows (`HeaderRows`): the Chinese headers a person reads,
then the English field names a program keys on (`zh-en`, the default of downloads), or
only one of them (`zh`, `en`). Sheets get column widths from their text and real date
cells, shown whole (no ###); times are shown in Beijing time.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from itertools import islice
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from minsheng.usecases.clock import BEIJING

Row = Mapping[str, Any]
BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER_MODES = ("zh-en", "zh", "en")
"""Chinese then English header rows; Chinese only; English only (for programs)."""
CHUNK_ROWS = 2000  # rows per piece of a streamed CSV
WIDTH_SAMPLE = 500  # rows read to size a column
MIN_WIDTH, MAX_WIDTH = 8, 60
DATE_FORMAT, TIME_FORMAT = "yyyy-mm-dd", "yyyy-mm-dd hh:mm"


def header_rows(names: Sequence[str], labels: Sequence[str], mode: str) -> list[list[str]]:
    """The header rows `mode` asks for (see HEADER_MODES)."""
    chosen = {"zh-en": [labels, names], "zh": [labels], "en": [names]}[mode]
    return [list(row) for row in chosen]


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


def csv_pieces(
    headers: Sequence[Sequence[str]], names: Sequence[str], rows: Iterable[Row], *, bom: bool
) -> Iterator[bytes]:
    """The CSV in pieces of `CHUNK_ROWS` rows, so a large table streams to a download."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(headers)
    yield ((BOM if bom else "") + buffer.getvalue()).encode("utf-8")
    found = iter(rows)
    while piece := list(islice(found, CHUNK_ROWS)):
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerows([inert(row.get(name)) for name in names] for row in piece)
        yield buffer.getvalue().encode("utf-8")


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


def add_table_sheet(
    workbook: Workbook, title: str, headers: Sequence[Sequence[str]], names: Sequence[str],
    rows: Sequence[Row],
) -> None:  # fmt: skip
    """A sheet with bold, frozen header rows, sized columns and date cells shown whole."""
    sheet: Worksheet = workbook.create_sheet(title)
    for number, header in enumerate(headers, start=1):
        sheet.append(list(header))
        for cell in _row_cells(sheet, number, len(names)):
            cell.font = Font(bold=True)
    for number, row in enumerate(rows, start=len(headers) + 1):
        sheet.append([_excel_value(row.get(name)) for name in names])
        for cell in _row_cells(sheet, number, len(names)):
            _styled(cell)
    sheet.freeze_panes = f"A{len(headers) + 1}"
    _size_columns(sheet, headers, names, rows)


def _row_cells(sheet: Worksheet, number: int, width: int) -> tuple[Any, ...]:
    """Row `number`'s cells, found by its bounds: `sheet[number]` measures the whole sheet
    each time, which made a 9,000-row workbook take half a minute."""
    return next(sheet.iter_rows(min_row=number, max_row=number, max_col=max(width, 1)))


def _styled(cell: Any) -> None:
    if cell.data_type == "f":  # text that looks like a formula stays text
        cell.data_type = "s"
    elif isinstance(cell.value, datetime):
        cell.number_format = TIME_FORMAT
    elif isinstance(cell.value, date):
        cell.number_format = DATE_FORMAT


def _size_columns(
    sheet: Worksheet, headers: Sequence[Sequence[str]], names: Sequence[str], rows: Sequence[Row]
) -> None:
    """Each column as wide as its longest header or sampled cell (CJK counted double)."""
    sample = rows[:WIDTH_SAMPLE]
    for index, name in enumerate(names):
        texts = [header[index] for header in headers] + [_shown(r.get(name)) for r in sample]
        width = max((display_width(text) for text in texts), default=MIN_WIDTH) + 2
        letter = get_column_letter(index + 1)
        sheet.column_dimensions[letter].width = min(MAX_WIDTH, max(MIN_WIDTH, width))


def _shown(value: Any) -> str:
    if isinstance(value, datetime):
        return "0000-00-00 00:00"
    return "" if value is None else str(value)


def display_width(text: str) -> int:
    """Characters a cell shows, a wide (CJK) character counting two."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _excel_value(value: Any) -> Any:
    """Excel has no time zones: an aware time is written in Beijing time without one."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(BEIJING).replace(tzinfo=None)
    return value


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
