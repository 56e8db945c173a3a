"""Read an uploaded observation file (or any upload laid out as a `TableLayout`, such as
population) into raw records, located as the user sees them.

Two formats:

- `.xlsx`: the first sheet with a header row naming region, indicator, year and value
  (the template's `填报` sheet or any sheet laid out the same way). The header row is
  looked for in the first `HEADER_SEARCH_ROWS` rows, so a title above it is fine.
- `.csv`: UTF-8 with or without a BOM, falling back to GB18030 (what Excel on a Chinese
  Windows writes); comma-separated, or tab-separated when the header has tabs and no
  commas. The first non-blank line is the header.

Headers are matched after width folding, trimming and lower-casing, in English (`region,
indicator, year, value, unit, source, note`) or Chinese (the template's `地区, 指标, 年份,
数值, 单位, 数据来源, 备注` and a few synonyms, see `messages.HEADER_ALIASES`). Other
columns (the template's 领域, 基期值, 目标值) are ignored.

Rows are kept as raw strings: typing them is `validate`'s job. Blank rows are skipped, and
so is a row whose value is blank: the template lists every indicator × region × year and
a department leaves a value empty when it has nothing to report, which is "not
reported", not an error. The rule is the same for CSV so that a template saved as CSV
reads the same way.

Excel cells are turned into text as a person would read them: whole numbers without
`.0`, and a number formatted as a percentage (Excel stores `95%` typed into a cell as
0.95) as `95%`.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import compress, zip_longest
from pathlib import Path
from typing import TYPE_CHECKING, Any

from minsheng.collect import messages as msg
from minsheng.collect.records import RawRecord, Records
from minsheng.errors import (
    EmptyDocument,
    InputProblem,
    NotFound,
    UnreadableDocument,
    UnsupportedFormat,
)
from minsheng.limits import MAX_CELL_CHARS, MAX_FILE_BYTES

if TYPE_CHECKING:
    from minsheng.collect.workbook import Row, Workbook

FIELDS: tuple[str, ...] = ("region", "indicator", "year", "value", "unit", "source", "note")
REQUIRED_FIELDS: tuple[str, ...] = ("region", "indicator", "year", "value")
HEADER_SEARCH_ROWS = 10

__all__ = [
    "FIELDS",
    "OBSERVATIONS",
    "REQUIRED_FIELDS",
    "RawRecord",
    "Records",
    "TableLayout",
    "header_map",
    "read_observation_file",
    "read_table_file",
]


@dataclass(frozen=True)
class TableLayout:
    """The columns of one kind of upload: their fields, which are required, the headers
    each may go by, how each is named to a user, and the field whose blank cell means the
    row reports nothing (so the row is left out); None leaves out blank rows only."""

    fields: tuple[str, ...]
    required: tuple[str, ...]
    aliases: Mapping[str, tuple[str, ...]]
    labels: Mapping[str, str]
    reported: str | None

    @cached_property
    def header_fields(self) -> dict[str, str]:
        """Normalised header text → field."""
        return {
            _normalise(name): field
            for field in self.fields
            for name in (field, *self.aliases.get(field, ()))
        }


OBSERVATIONS = TableLayout(FIELDS, REQUIRED_FIELDS, msg.HEADER_ALIASES, msg.FIELD_LABELS, "value")
"""An observation file: region, indicator, year, value (unit, source, note optional)."""


def read_observation_file(path: Path | str) -> Records:
    """Read an `.xlsx` or `.csv` observation file; raise `InputProblem` if it cannot be."""
    return read_table_file(path, OBSERVATIONS)


def read_table_file(path: Path | str, layout: TableLayout) -> Records:
    """Read an `.xlsx` or `.csv` file laid out as `layout` says; `InputProblem` if not."""
    path = Path(path)
    if not path.is_file():
        raise NotFound(msg.FILE_NOT_FOUND.format(file=path))
    _check_size(path)
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        return _read_workbook(path, layout)
    if suffix == ".csv":
        return _read_csv(path, layout)
    if suffix == ".xls":
        raise UnsupportedFormat(msg.UNSUPPORTED_XLS, file=path.name)
    raise UnsupportedFormat(
        msg.UNSUPPORTED_FORMAT.format(suffix=suffix or path.name), file=path.name
    )


def _check_size(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        problem = msg.TOO_LARGE_FILE.format(size=size / 2**20, limit=MAX_FILE_BYTES / 2**20)
        raise UnreadableDocument(problem, file=path.name)


# --- Headers ----------------------------------------------------------------------------


def _normalise(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def header_map(cells: Sequence[str], layout: TableLayout) -> dict[str, int]:
    """Field → column index for a header row (as `read_table_file` reads one)."""
    return _header_map(cells, layout)


def _header_map(cells: Sequence[str], layout: TableLayout) -> dict[str, int]:
    """Field → column index for the cells of a candidate header row; first match wins."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        field = layout.header_fields.get(_normalise(cell).strip("*＊"))
        if field is not None and field not in found:
            found[field] = index
    return found


def _missing_problem(
    file: str, found: Mapping[str, int], sheet: str | None, layout: TableLayout
) -> InputProblem:
    missing = [field for field in layout.required if field not in found]
    columns = "、".join(
        msg.MISSING_COLUMN.format(label=layout.labels[field], field=field) for field in missing
    )
    where = f"{file}[{sheet}]" if sheet else file
    return InputProblem(
        msg.MISSING_COLUMNS.format(columns=columns),
        file=where,
        row=None,
        field=",".join(missing),
    )


def _records(
    file: str,
    sheet: str | None,
    header: Sequence[str],
    found: Mapping[str, int],
    rows: Iterable[tuple[int, Sequence[str]]],
    *,
    reported_field: str | None,
) -> Records:
    """The data rows, column by column: blank rows and rows without a value left out."""
    numbered = list(rows)
    numbers = [number for number, _ in numbered]
    width = max(found.values()) + 1  # a stray cell far right widens no column but its own
    table = list(zip_longest(*[cells[:width] for _, cells in numbered], fillvalue=""))
    blank = [""] * len(numbers)
    texts = {
        field: list(map(str.strip, table[index] if index < len(table) else blank))
        for field, index in found.items()
    }
    # a blank value is "not reported"; a blank row has none
    reported: Sequence[object] = (
        texts[reported_field] if reported_field else _any_text(texts.values(), len(numbers))
    )
    if not all(reported):
        numbers = list(compress(numbers, reported))
        texts = {field: list(compress(cells, reported)) for field, cells in texts.items()}
    columns = {field: header[index].strip() for field, index in found.items()}
    return Records(file, sheet, numbers, texts, columns)


def _any_text(columns: Iterable[list[str]], count: int) -> list[bool]:
    """Per row, whether any read column has text in it (a blank row has none)."""
    read = list(columns)
    return list(map(any, zip(*read, strict=True))) if read else [False] * count


# --- Excel -----------------------------------------------------------------------------


def _read_workbook(path: Path, layout: TableLayout) -> Records:
    # the workbook reader uses openpyxl's helpers, which take 0.3 s to import: only here,
    # so reading a CSV (a command's whole run, often) never pays for them
    from minsheng.collect.workbook import UNREADABLE, WorkbookError, open_workbook  # noqa: PLC0415

    try:
        book = open_workbook(str(path))
    except WorkbookError as error:
        raise _unreadable(path, error) from error
    try:
        return _workbook_records(book, path.name, layout)
    except UNREADABLE as error:
        raise _unreadable(path, error) from error
    finally:
        book.close()


def _unreadable(path: Path, error: Exception) -> UnreadableDocument:
    reason = str(error) or type(error).__name__
    return UnreadableDocument(msg.UNREADABLE_WORKBOOK.format(reason=reason), file=path.name)


def _workbook_records(book: Workbook, file: str, layout: TableLayout) -> Records:
    """The records under the first sheet's header row naming every required field."""
    best: tuple[int, str | None, dict[str, int]] = (-1, None, {})
    for sheet in book.sheets:
        rows = book.rows(sheet)
        for _, cells in _first_rows(rows):
            found = _header_map(cells, layout)
            if all(field in found for field in layout.required):
                return _records(
                    file, sheet.title, cells, found, _past_names(rows, layout),
                    reported_field=layout.reported,
                )  # fmt: skip
            if len(found) > best[0]:
                best = (len(found), sheet.title, found)
        rows.close()
    if best[1] is None:
        raise EmptyDocument(msg.EMPTY_FILE, file=file)
    raise _missing_problem(file, best[2], best[1], layout)


def _first_rows(rows: Iterator[Row]) -> Iterator[Row]:
    """The rows among the sheet's first `HEADER_SEARCH_ROWS`, counted from its first row."""
    first: int | None = None
    for number, cells in rows:
        first = number if first is None else first
        if number >= first + HEADER_SEARCH_ROWS:
            return
        yield number, cells


# --- CSV -------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableDocument(msg.UNREADABLE_CSV)


def _read_csv(path: Path, layout: TableLayout) -> Records:
    try:
        text = _decode(path.read_bytes())
    except UnreadableDocument as error:
        raise UnreadableDocument(error.message, file=path.name) from error
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows = _checked(_numbered(reader, text), reader, path.name)
    header = next((cells for _, cells in rows if "".join(cells).strip()), None)
    if header is None:
        raise EmptyDocument(msg.EMPTY_FILE, file=path.name)
    found = _header_map(header, layout)
    if not all(field in found for field in layout.required):
        raise _missing_problem(path.name, found, None, layout)
    rows = _past_names(rows, layout)
    return _records(path.name, None, header, found, rows, reported_field=layout.reported)


def _past_names(rows: Iterator[Row], layout: TableLayout) -> Iterator[Row]:
    """The rows after the header, a second header row of field names (the English names
    under the Chinese headers of minsheng's own open data files) left out."""
    for number, cells in rows:
        if not all(field in _header_map(cells, layout) for field in layout.required):
            yield number, cells
        break
    yield from rows


def _numbered(reader: Any, text: str) -> Iterator[tuple[int, list[str]]]:
    """Each CSV row with the line it starts on (a quoted cell may span lines)."""
    if '"' not in text:  # nothing quoted: every line is one row
        return enumerate(reader, start=1)
    return _counted(reader)


def _counted(reader: Any) -> Iterator[tuple[int, list[str]]]:
    start = 1
    for cells in reader:
        yield start, cells
        start = reader.line_num + 1


def _checked(rows: Iterator[tuple[int, list[str]]], reader: Any, file: str) -> Iterator[Row]:
    """The rows, with a broken quote or an over-long field named by its line."""
    try:
        for number, cells in rows:
            if any(len(cell) > MAX_CELL_CHARS for cell in cells):
                reason = msg.CELL_TOO_LONG.format(limit=MAX_CELL_CHARS)
                problem = msg.BROKEN_CSV.format(line=number, reason=reason)
                raise UnreadableDocument(problem, file=file)
            yield number, cells
    except csv.Error as error:
        problem = msg.BROKEN_CSV.format(line=reader.line_num, reason=error)
        raise UnreadableDocument(problem, file=file) from error
