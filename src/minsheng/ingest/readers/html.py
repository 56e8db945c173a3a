"""Web-page plans: text between block boundaries becomes paragraphs, tables become grids.

Government sites wrap a plan in many nested divs, so text is collected as runs and
emitted whenever a block element starts or ends (or at <br>). Each piece of text is
therefore emitted once, by the innermost block around it, however deep the nesting.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PageElement, PreformattedString

from minsheng.ingest.document import Block, Document, Paragraph, Table
from minsheng.ingest.readers.base import Reader, clean_line, decode, read_bytes

# Page furniture and non-content elements whose text is never part of the plan.
_DROPPED = frozenset(
    {
        "script",
        "style",
        "nav",
        "header",
        "footer",
        "noscript",
        "template",
        "head",
        "iframe",
        "svg",
        "select",
        "button",
        "textarea",
    }
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_TABLE_PARTS = frozenset({"table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th"})
_BLOCKS = (
    frozenset(
        {
            "address",
            "article",
            "aside",
            "blockquote",
            "body",
            "center",
            "dd",
            "details",
            "dialog",
            "dir",
            "div",
            "dl",
            "dt",
            "fieldset",
            "figcaption",
            "figure",
            "form",
            "hgroup",
            "hr",
            "html",
            "li",
            "main",
            "menu",
            "ol",
            "p",
            "pre",
            "section",
            "summary",
            "ul",
        }
    )
    | _HEADINGS
    | _TABLE_PARTS
)
_COLLAPSIBLE = re.compile(r"[ \t\n\r\f]+")  # HTML whitespace; NBSP is not collapsible
_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([-\w.:]+)|<\?xml[^>]*?encoding\s*=\s*["']([-\w.:]+)""",
    re.IGNORECASE,
)
_MAX_COLSPAN = 1000  # the HTML limit; guards against absurd spans in broken pages

Grid = tuple[tuple[tuple[str, ...], ...], frozenset[tuple[int, int]]]


class HtmlReader(Reader):
    """Reads saved web pages (.html, .htm and the .shtml that Chinese government sites use).

    A table whose rows hold a single cell, or whose cells hold headings or further
    tables, is page layout rather than data; its content is read as ordinary blocks.
    """

    suffixes: ClassVar[tuple[str, ...]] = (".html", ".htm", ".shtml")

    def read(self, path: Path) -> Document:
        """Read `path` into paragraphs and tables; `line` is the block ordinal."""
        data = read_bytes(path)
        soup = BeautifulSoup(decode(data, path, _declared_charset(data)), "lxml")
        collector = _BlockCollector(flatten_tables=False)
        collector.walk(soup.body or soup, heading_level=None)
        collector.flush(heading_level=None)
        return Document(source=str(path), blocks=tuple(collector.blocks))


def _declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a meta tag or XML declaration, if any.

    A declared UTF-16 is ignored: a page that could be scanned for it as ASCII is not
    UTF-16, and real UTF-16 is found from its byte-order mark.
    """
    match = _CHARSET.search(data[:4096])
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii").lower()
    return None if name.startswith("utf-16") else name


class _BlockCollector:
    """Walks an element tree, turning text runs between block boundaries into blocks.

    With `flatten_tables` every table is read as plain lines; that is how the text of
    a cell, nested tables included, is gathered.
    """

    def __init__(self, *, flatten_tables: bool) -> None:
        self.blocks: list[Block] = []
        self._flatten_tables = flatten_tables
        self._run: list[str] = []

    def walk(self, element: Tag, heading_level: int | None) -> None:
        """Visit the descendants of `element` in document order, with a stack of its own
        rather than Python's: a page nested thousands deep is read, not a RecursionError."""
        pending: list[_Step] = _children(element, heading_level)
        while pending:
            node, level = pending.pop()
            if node is None:
                self.flush(level)
            elif isinstance(node, Tag):
                pending.extend(self._visit(node, level))
            elif isinstance(node, NavigableString) and not isinstance(node, PreformattedString):
                self._run.append(str(node))

    def flush(self, heading_level: int | None) -> None:
        """Emit the text collected since the last block boundary, if any."""
        text = clean_line(_COLLAPSIBLE.sub(" ", "".join(self._run))).strip()
        self._run.clear()
        if text:
            self.blocks.append(Paragraph(text, len(self.blocks) + 1, heading_level))

    def _visit(self, tag: Tag, heading_level: int | None) -> list[_Step]:
        """Handle `tag`; returns what to visit next, last first (a None node: flush)."""
        name = tag.name.lower()
        if name in _DROPPED:
            return []
        if name == "br":
            self.flush(heading_level)
        elif name == "table" and not self._flatten_tables and not _is_layout(tag):
            self.flush(heading_level)
            self._add_table(tag)
        elif name in _BLOCKS:
            inner_level = int(name[1]) if name in _HEADINGS else heading_level
            self.flush(heading_level)
            return [(None, inner_level), *_children(tag, inner_level)]
        else:
            return _children(tag, heading_level)
        return []

    def _add_table(self, table: Tag) -> None:
        rows, continued = _table_grid(table)
        if rows:
            self.blocks.append(Table(rows, len(self.blocks) + 1, continued))


_Step = tuple["PageElement | None", int | None]
"""A node to visit with its heading level; None stands for "flush the text so far"."""


def _children(element: Tag, heading_level: int | None) -> list[_Step]:
    """The children to visit, last first, as the stack pops them."""
    return [(child, heading_level) for child in reversed(element.contents)]


def _own_rows(table: Tag) -> list[Tag]:
    """The table's rows, leaving out rows of tables nested in its cells."""
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]


def _cells(tr: Tag) -> list[Tag]:
    return tr.find_all(["td", "th"], recursive=False)


def _is_layout(table: Tag) -> bool:
    """True for tables used to lay out a page rather than to hold data."""
    rows = _own_rows(table)
    if all(len(_cells(tr)) <= 1 for tr in rows):
        return True
    return any(cell.find(["table", *_HEADINGS]) for tr in rows for cell in _cells(tr))


def _table_grid(table: Tag) -> Grid:
    """Expand rowspan/colspan so every covered position repeats the merged cell's text."""
    rows = _own_rows(table)
    filled: dict[tuple[int, int], str] = {}
    continued: set[tuple[int, int]] = set()
    widest = _real_width(rows)
    for r, tr in enumerate(rows):
        col = 0
        for cell in _cells(tr):
            while (r, col) in filled:
                col += 1
            if col >= widest:  # pushed past the table's width by hostile rowspans
                break
            text = _cell_text(cell)
            height = min(_span(cell, "rowspan") or len(rows), len(rows) - r)
            width = min(_span(cell, "colspan") or 1, _MAX_COLSPAN, widest - col)
            for i in range(height):
                for j in range(width):
                    filled[(r + i, col + j)] = text
                    if i or j:
                        continued.add((r + i, col + j))
            col += width
    if not filled:
        return (), frozenset()
    width = max(c for _, c in filled) + 1
    grid = tuple(tuple(filled.get((r, c), "") for c in range(width)) for r in range(len(rows)))
    return grid, frozenset(continued)


MAX_TABLE_CELLS = 2_000_000
"""More grid positions than this is not a plan's table (the largest seed table has ~2,000)."""


def _real_width(rows: list[Tag]) -> int:
    """The table's width with every colspan capped at the most cells any row has: a title
    cell spanning four columns keeps its four, a hostile colspan of 10⁶ is clipped."""
    most = max((len(_cells(tr)) for tr in rows), default=1) or 1
    width = max(
        (sum(min(_span(c, "colspan") or 1, most) for c in _cells(tr)) for tr in rows), default=1
    )
    if width * len(rows) > MAX_TABLE_CELLS:
        raise ValueError(f"a table of {len(rows)} rows × {width} columns is too large to read")
    return max(width, 1)


def _span(cell: Tag, attribute: str) -> int:
    """A span attribute as an int: 1 when absent or malformed, 0 meaning "to the end"."""
    match = re.match(r"\s*(\d+)", str(cell.get(attribute, "1")))
    return int(match.group(1)) if match else 1


def _cell_text(cell: Tag) -> str:
    """A cell's lines joined by newlines; nested tables are flattened into them."""
    collector = _BlockCollector(flatten_tables=True)
    collector.walk(cell, heading_level=None)
    collector.flush(heading_level=None)
    return "\n".join(block.text for block in collector.blocks if isinstance(block, Paragraph))
