"""Stream the cells of an `.xlsx` workbook as text, row by row, without openpyxl's objects.

openpyxl builds an object per cell and, for inline strings (which openpyxl itself writes),
a rich-text object too: 100,000 template rows take it a minute. This reader walks each
worksheet's XML with lxml's `iterparse`, keeps nothing but the current row, and turns a
cell into the text a person reads, as `readers` always did with openpyxl's values:

- shared and inline strings as written (phonetic runs left out), formula results as
  cached (a formula without a cached value is blank), booleans as 是/否, errors as their
  code (#N/A);
- numbers without a trailing `.0`; a number formatted as a percentage (Excel keeps `95%`
  as 0.95) as `95%`; a number formatted as a date as its ISO date (openpyxl's own
  calendar conversion), a duration as `H:MM:SS`.

Worksheets come in workbook order (chart sheets are skipped); each is opened only when
asked for, so a file whose first sheet holds the data is read once.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from typing import IO

from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.cell import column_index_from_string
from openpyxl.utils.datetime import (
    CALENDAR_MAC_1904,
    CALENDAR_WINDOWS_1900,
    from_excel,
    from_ISO8601,
)

from minsheng.collect import messages as msg
from minsheng.collect.sheet_text import RawCell, raw_rows, sheet_data, sheet_rows
from minsheng.limits import archive_problem

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATIONS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_ROW, _CELL, _VALUE, _TEXT = f"{MAIN}row", f"{MAIN}c", f"{MAIN}v", f"{MAIN}t"
_INLINE, _RUN = f"{MAIN}is", f"{MAIN}r"
_PLAIN, _PERCENT, _DATE, _DURATION = 0, 1, 2, 3  # how a cell style shows a number

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
"""An uploaded file is untrusted: no entities expanded, nothing fetched (iterparse too)."""

Row = tuple[int, list[str]]
"""A sheet row: its number and its cells' text by column (index 0 is column A)."""


@dataclass(frozen=True)
class Sheet:
    title: str
    part: str


class Workbook:
    """An open `.xlsx` file; `WorkbookError` when it is not one (see `open_workbook`)."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        book = _part_path("", _relations(archive, "_rels/.rels"), "/officeDocument")
        links = _relations(archive, _rels_of(book))
        tree = etree.fromstring(archive.read(book), _PARSER)
        self.sheets = [
            Sheet(node.get("name", ""), _join(book, links[node.get(f"{{{DOCUMENT}}}id", "")]))
            for node in tree.iter(f"{MAIN}sheet")
            if links.get(node.get(f"{{{DOCUMENT}}}id", ""), ("", ""))[1].endswith("/worksheet")
        ]
        self.epoch = CALENDAR_MAC_1904 if _uses_1904(tree) else CALENDAR_WINDOWS_1900
        parts = {kind.rsplit("/", 1)[-1]: _join(book, (t, kind)) for t, kind in links.values()}
        self.strings = _shared_strings(archive, parts.get("sharedStrings"))
        self.styles = _number_styles(archive, parts.get("styles"))

    def rows(self, sheet: Sheet) -> Generator[Row, None, None]:
        """The sheet's rows that have text, in order (see `sheet_text` for how)."""
        data = self.archive.read(sheet.part)
        found = _sheet_text(data)
        fast = sheet_rows(found[1], self._text) if found is not None else None
        if fast is not None:
            yield from fast
            return
        raw = _streamed_rows(io.BytesIO(data)) if found is None else raw_rows(*found, element_cells)
        for number, cells in raw:
            texts = _texts(cells, self)
            if any(texts):
                yield number, texts

    def close(self) -> None:
        self.archive.close()

    def _text(self, kind: str, style: int, value: str) -> str:
        return _cell_text(kind, style, value, self) if value else ""


class WorkbookError(ValueError):
    """Not a workbook this reader understands: the message says why."""


UNREADABLE = (zipfile.BadZipFile, LookupError, OSError, ValueError, etree.XMLSyntaxError)
"""What a damaged or foreign file raises while it is opened or read."""


def open_workbook(path: str) -> Workbook:
    """Open the workbook's package, refusing one that would unpack to far more than it is."""
    try:
        archive = zipfile.ZipFile(path)
    except UNREADABLE as error:
        raise WorkbookError(str(error) or type(error).__name__) from error
    if (problem := archive_problem(archive)) is not None:
        archive.close()
        raise WorkbookError(problem)
    return Workbook(archive)


# --- Package parts --------------------------------------------------------------------


def _relations(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (target, type) of one part."""
    if part not in archive.namelist():
        return {}
    tree = etree.fromstring(archive.read(part), _PARSER)
    return {
        node.get("Id", ""): (node.get("Target", ""), node.get("Type", ""))
        for node in tree.iter(f"{RELATIONS}Relationship")
    }


def _part_path(base: str, links: dict[str, tuple[str, str]], kind: str) -> str:
    for target, type_ in links.values():
        if type_.endswith(kind):
            return _join(base, (target, type_))
    raise WorkbookError(msg.WORKBOOK_PART_MISSING)


def _join(base: str, link: tuple[str, str]) -> str:
    target = link[0]
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), target))


def _rels_of(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _uses_1904(tree: etree._Element) -> bool:
    properties = tree.find(f"{MAIN}workbookPr")
    flag = properties.get("date1904", "") if properties is not None else ""
    return flag.lower() in {"1", "true"}


def _shared_strings(archive: zipfile.ZipFile, part: str | None) -> list[str]:
    if part is None or part not in archive.namelist():
        return []
    strings = []
    with archive.open(part) as source:
        for _, item in etree.iterparse(
            source, tag=f"{MAIN}si", resolve_entities=False, no_network=True
        ):
            strings.append(_text_of(item).replace("x005F_", ""))
            item.clear()
    return strings


def _text_of(node: etree._Element) -> str:
    """A string item's text: its plain text and its runs, not its phonetic guides."""
    texts = [child.text or "" for child in node if child.tag == _TEXT]
    texts += [part.text or "" for run in node if run.tag == _RUN for part in run.iter(_TEXT)]
    return "".join(texts)


def _number_styles(archive: zipfile.ZipFile, part: str | None) -> list[int]:
    """For each cell style, how it shows a number: plain, percent, date or duration."""
    if part is None or part not in archive.namelist():
        return []
    tree = etree.fromstring(archive.read(part), _PARSER)
    codes = dict(BUILTIN_FORMATS)
    for node in tree.iter(f"{MAIN}numFmt"):
        codes[int(node.get("numFmtId", "0"))] = node.get("formatCode", "")
    cell_styles = tree.find(f"{MAIN}cellXfs")
    if cell_styles is None:
        return []
    return [_kind(codes.get(int(xf.get("numFmtId", "0")), "")) for xf in cell_styles]


_LITERAL = re.compile(r'"[^"]*"|\\.')
"""Quoted text and escaped characters of a number format: a `"%"` there multiplies nothing."""


def _kind(code: str) -> int:
    if is_timedelta_format(code):
        return _DURATION
    if is_date_format(code):
        return _DATE
    return _PERCENT if "%" in _LITERAL.sub("", code) else _PLAIN


# --- Rows and cells -------------------------------------------------------------------


def _sheet_text(data: bytes) -> tuple[str, str] | None:
    try:
        return sheet_data(data.decode("utf-8"))
    except UnicodeDecodeError:
        return None  # lxml reads other encodings, or says why it cannot


def _streamed_rows(source: IO[bytes]) -> Iterator[tuple[int, list[RawCell]]]:
    """Rows as lxml reads them, for a sheet the text patterns cannot (see `sheet_text`)."""
    number = 0
    for _, row in etree.iterparse(source, tag=_ROW, resolve_entities=False, no_network=True):
        number = _int(row.get("r")) or number + 1
        yield number, element_cells(row)
        row.clear()
        while row.getprevious() is not None:
            del row.getparent()[0]


def element_cells(row: etree._Element) -> list[RawCell]:
    """The cells of a `<row>` element: column, type, style and value."""
    cells: list[RawCell] = []
    column = -1
    for cell in row.iter(_CELL):
        reference = cell.get("r")
        column = _column(reference) if reference else column + 1
        kind = cell.get("t") or "n"
        style = int(cell.get("s") or 0)
        if kind == "inlineStr":
            inline = cell.find(_INLINE)
            cells.append((column, kind, style, _text_of(inline) if inline is not None else ""))
        else:
            cells.append((column, kind, style, cell.findtext(_VALUE) or ""))
    return cells


def _int(text: str | None) -> int:
    return int(float(text)) if text else 0


def _column(reference: str) -> int:
    """0-based column of a cell reference such as `AB12`."""
    return column_index_from_string(reference.rstrip("0123456789")) - 1


def _texts(cells: list[RawCell], book: Workbook) -> list[str]:
    """A row's cell texts by column."""
    texts: list[str] = []
    for column, kind, style, value in cells:
        text = _cell_text(kind, style, value, book) if value else ""
        if text:
            texts.extend([""] * (column + 1 - len(texts)))
            texts[column] = text
    return texts


def _cell_text(kind: str, style: int, value: str, book: Workbook) -> str:
    if kind == "s":
        return book.strings[int(value)].strip()
    if kind == "n":
        return _number(value, book.styles[style] if style < len(book.styles) else _PLAIN, book)
    if kind == "b":
        return msg.YES if value.strip() not in {"0", "false"} else msg.NO
    if kind == "d":
        return from_ISO8601(value).isoformat()
    return value.strip()  # inline or formula (str) text, or an error code such as #N/A


def _number(value: str, style: int, book: Workbook) -> str:
    number: float = float(value) if any(c in value for c in ".Ee") else int(value)
    if style == _PERCENT:
        return number_text(round(float(number) * 100, 10)) + "%"
    if style in {_DATE, _DURATION}:
        try:
            moment = from_excel(number, book.epoch, timedelta=style == _DURATION)
        except (OverflowError, ValueError):
            return msg.EXCEL_VALUE_ERROR  # openpyxl's reading of a date out of range
        return str(moment) if style == _DURATION else moment.isoformat()
    return number_text(number)


def number_text(value: float) -> str:
    """A number as a person writes it: 3 not 3.0, 0.1 not 0.1000000001."""
    if isinstance(value, int):
        return str(value)
    if value.is_integer():
        return str(int(value))
    return repr(value)
