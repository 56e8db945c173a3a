"""The fast way through a worksheet: its XML read as text, with strict patterns.

Excel, WPS, LibreOffice and openpyxl write a cell in one of a few shapes —
`<c r="B2" s="3" t="s"><v>12</v></c>`, a formula's cached `<v>` after its `<f>`, an
inline `<is><t>…</t></is>` — and matching those shapes with regular expressions costs a
fraction of building an lxml element per cell. The patterns are strict. When every cell
of the sheet has one of the shapes, one pass of `findall` over the whole sheet finds them
all and `sheet_rows` turns them into text, converting each distinct value once
(a template repeats its names, years and units on every row); faster still, rows of the
shape most of them share are matched whole and read a column at a time (`uniform_rows`),
and only the rows between them cell by cell. Otherwise the sheet is read
row by row (`raw_rows`): a row whose cells do not all have one of the shapes (rich text,
an attribute they do not know) is parsed by lxml instead, and so is a whole sheet that is
not plain UTF-8 XML with a `<sheetData>` (a DOCTYPE, CDATA, a namespace prefix on its
elements). Either way a cell comes out as the text `workbook` makes of it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from functools import cache, partial

from lxml import etree

from minsheng.collect import uniform_rows
from minsheng.collect.uniform_rows import COLUMNS, column_index

RawCell = tuple[int, str, int, str]
"""A cell as stored: 0-based column, type (`t`, "n" when absent), style index, and value
(the `<v>` text, or the text of an inline string)."""

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
_DECLARATION = re.compile(r'<\?xml[^>]*encoding="([^"]*)"')
_ROOT = re.compile(r"<worksheet\b([^>]*)>")
_ROW = re.compile(r"<row\b([^>]*?)(?:/>|>(.*?)</row>)", re.S)
_ROW_NUMBER = re.compile(r'\sr="([0-9.]+)"')
_CELL = re.compile(
    r'<c r="([A-Z]{1,3})[0-9]+"(?: s="([0-9]+)")?(?: t="([a-zA-Z]+)")?(?: s="([0-9]+)")?'
    r"(?:/>|>(?:<f>[^<]*</f>|<f [^>]*/>|<f [^>]*>[^<]*</f>)?(?:<v>([^<]*)</v>|<v/>)?</c>"
    r'|><is><t(?: xml:space="preserve")?>([^<]*)</t></is></c>)'
)
_ATTRIBUTES = r'((?: s="[0-9]+")?(?: t="[a-zA-Z]+")?(?: s="[0-9]+")?)'
_CONTENT = (
    r"(?:/>|>(?:<f>[^<]*</f>|<f [^>]*/>|<f [^>]*>[^<]*</f>)?(?:<v>([^<]*)</v>|<v/>)?</c>"
    r'|><is>(<t(?: xml:space="preserve")?>[^<]*)</t></is></c>)'
)
_TOKEN = re.compile(
    rf'<c r="([A-Z]{{1,3}})[0-9]+"{_ATTRIBUTES}{_CONTENT}|(<row\b[^>]*>)|(<(?!/row>))'
)
"""A cell (column, attributes, value, inline text), a row's start tag, or any other tag."""
_NAMESPACES = re.compile(r'\sxmlns(?::\w+)?="[^"]*"')
_UNSAFE = ("<!DOCTYPE", "<![CDATA[")


def sheet_data(text: str) -> tuple[str, str] | None:
    """The sheet's namespace declarations and the text inside its `<sheetData>`.

    None when the fast path cannot read the sheet: not UTF-8, no plain `<worksheet>`
    root or `<sheetData>`, or a DOCTYPE or CDATA anywhere.
    """
    declared = _DECLARATION.search(text, 0, 200)
    root = _ROOT.search(text)
    if (declared and declared[1].lower() != "utf-8") or root is None:
        return None
    if any(mark in text for mark in _UNSAFE):
        return None
    start, end = text.find("<sheetData>"), text.rfind("</sheetData>")
    if start < 0 or end < start:
        return None if "<sheetData" in text else ("", "")  # no rows: <sheetData/>
    return " ".join(_NAMESPACES.findall(root[1])), text[start + len("<sheetData>") : end]


TextOf = Callable[[str, int, str], str]
"""(type, style, value) → the text a person reads in the cell (`workbook`'s rules)."""


def sheet_rows(data: str, text_of: TextOf) -> Iterator[tuple[int, list[str]]] | None:
    """The rows with text of the sheet whose `<sheetData>` holds `data`: each row's
    number and its cells' text by column. None when a part of the sheet has a shape the
    patterns do not know; then `raw_rows` reads it."""
    texts_of = _Texts(text_of)
    uniform = uniform_rows.read(data, texts_of.cell, partial(_token_rows, texts_of=texts_of))
    if uniform is not None:
        return iter(uniform)
    tokens = _known_tokens(data)
    if tokens is None:
        return None
    return _texts_by_row(tokens, texts_of, 0)  # lazily: a sheet without the header stops early


def _token_rows(data: str, number: int, texts_of: _Texts) -> list[tuple[int, list[str]]] | None:
    """The rows of a part of the sheet read cell by cell after row `number`; None when a
    part of it has a shape the patterns do not know."""
    tokens = _known_tokens(data)
    return None if tokens is None else list(_texts_by_row(tokens, texts_of, number))


def _known_tokens(data: str) -> list[tuple[str, ...]] | None:
    """The tokens of `data`; None when one is a tag the patterns do not know."""
    tokens = _TOKEN.findall(data)
    return None if any(token[5] for token in tokens) else tokens


def _texts_by_row(
    tokens: list[tuple[str, ...]], texts_of: _Texts, number: int
) -> Iterator[tuple[int, list[str]]]:
    """The tokens as rows of text. The loop runs once per cell of the sheet, so what
    `_Texts.cell` and `column_index` do is done here inline when they already know the
    answer."""
    texts = list[str]()
    known, columns, nothing = texts_of.known, COLUMNS, dict[str, str]()
    for letters, attributes, value, inline, row, _ in tokens:
        if row:
            if texts:
                yield number, texts
            found = _ROW_NUMBER.search(row)
            number, texts = int(float(found[1])) if found else number + 1, []
            continue
        key, raw = (_INLINE, inline) if inline else (attributes, value)
        text = known.get(key, nothing).get(raw)
        if text is None:
            text = texts_of.cell(key, raw)
        if text:
            column = columns.get(letters)
            if column is None:
                column = column_index(letters)
            if column == len(texts):
                texts.append(text)
            else:
                texts.extend([""] * (column + 1 - len(texts)))
                texts[column] = text
    if texts:
        yield number, texts


class _Texts:
    """Cell texts as `text_of` makes them, each distinct cell converted once."""

    def __init__(self, text_of: TextOf) -> None:
        self.text_of = text_of
        self.known: dict[str, dict[str, str]] = {}  # attributes → value → text

    def cell(self, attributes: str, value: str) -> str:
        """The text of a cell; an inline string's comes as (`_INLINE`, its `<t>…` element)."""
        known = self.known.get(attributes)
        if known is None:
            known = self.known[attributes] = {}
        text = known.get(value)
        if text is None:
            text = known[value] = self._convert(attributes, value)
        return text

    def _convert(self, attributes: str, value: str) -> str:
        if attributes == _INLINE:
            return self.text_of("inlineStr", 0, _unescaped(value.split(">", 1)[1]))
        found = dict(reversed(_ATTRIBUTE.findall(attributes)))  # the first `s` counts
        return self.text_of(found.get("t") or "n", int(found.get("s") or 0), value)


_INLINE = "inline"
"""The attributes an inline string's texts are kept under (no cell's look like this)."""
_ATTRIBUTE = re.compile(r'(\w)="([^"]*)"')


ParseRow = Callable[[etree._Element], list[RawCell]]
"""How lxml reads a `<row>` element's cells (`workbook.element_cells`)."""


def raw_rows(
    namespaces: str, data: str, parse_row: ParseRow
) -> Iterator[tuple[int, list[RawCell]]]:
    """Each row's number and cells, from the text inside `<sheetData>`."""
    number = 0
    unescaped = cache(_unescaped)  # a template repeats its names on every row
    for row in _ROW.finditer(data):
        found = _ROW_NUMBER.search(row[1])
        number = int(float(found[1])) if found else number + 1
        inner = row[2] or ""
        cells = _matched(inner, unescaped)
        if cells is None:  # a shape the patterns do not cover
            cells = parse_row(etree.fromstring(f"<row {namespaces}>{inner}</row>", _PARSER))
        yield number, cells


def _matched(inner: str, unescaped: Callable[[str], str]) -> list[RawCell] | None:
    """The cells when every one of them has a known shape, else None."""
    cells: list[RawCell] = []
    position = 0
    for cell in _CELL.finditer(inner):
        if cell.start() != position:
            return None
        position = cell.end()
        column = column_index(cell[1])
        style = int(cell[2] or cell[4] or 0)
        inline = cell[6]
        if inline is not None:
            cells.append((column, "inlineStr", style, unescaped(inline)))
        else:
            cells.append((column, cell[3] or "n", style, cell[5] or ""))
    return cells if position == len(inner) else None


def _unescaped(text: str) -> str:
    if "&" in text:
        text = html.unescape(text)
    return text.replace("\r\n", "\n") if "\r" in text else text
