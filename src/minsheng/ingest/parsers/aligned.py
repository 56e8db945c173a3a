"""Space-aligned text tables: cells lined up with runs of spaces instead of tabs.

Plain-text releases and `pdftotext -layout` copies put a table's cells under its header
words. Such a table is rewritten as tab-separated lines, cut at the header's column
positions, so the table finder reads it like any other text grid. Positions are display
columns: a wide (CJK) character takes two, as it does on the screen the table was made for.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from minsheng.ingest.document import Block, Paragraph
from minsheng.ingest.parsers.layout import header_role, layout_from_header
from minsheng.ingest.parsers.patterns import (
    is_column_title,
    is_note_line,
    is_structural_heading,
    is_table_title,
)

_PIECE = re.compile(r"\S+(?: \S+)*")  # text separated from its neighbours by 2+ spaces
_WIDE = frozenset({"W", "F"})
SLACK = 2  # columns a cell may stray past its column's edge
MIN_HEADER_PIECES = 3


@dataclass(frozen=True)
class Piece:
    """A run of text on a line and the display columns it occupies."""

    text: str
    start: int
    end: int


def display_width(text: str) -> int:
    """Columns the text takes on screen: two for wide and full-width characters."""
    return sum(2 if unicodedata.east_asian_width(char) in _WIDE else 1 for char in text)


def pieces(text: str) -> list[Piece]:
    """The runs of a line separated by two or more spaces, with their display columns."""
    found = []
    for match in _PIECE.finditer(text):
        start = display_width(text[: match.start()])
        found.append(Piece(match.group(), start, start + display_width(match.group())))
    return found


def _join_split_words(found: list[Piece]) -> list[Piece]:
    """`类  别` spaced out letter by letter is one header word, 类别."""
    joined: list[Piece] = []
    for piece in found:
        last = joined[-1] if joined else None
        fragments = last and not header_role(last.text) and not header_role(piece.text)
        if last and fragments and header_role(last.text + piece.text):
            joined[-1] = Piece(last.text + piece.text, last.start, piece.end)
        else:
            joined.append(piece)
    return joined


def header_starts(text: str) -> list[int] | None:
    """The column starts of a space-aligned header line, or None when it is not one."""
    if "\t" in text:
        return None
    words = _join_split_words(pieces(text))
    if len(words) < MIN_HEADER_PIECES or header_role(words[-1].text) is None:
        return None
    if layout_from_header([w.text for w in words]) is None:
        return None
    return [word.start for word in words]


def _column_of(piece: Piece, starts: list[int]) -> int | None:
    """The column a piece overlaps most (on a tie, the one starting nearest to it), or
    None when it runs across a column edge."""
    edges = [*starts[1:], max(piece.end, starts[-1]) + SLACK + 1]
    scores = [
        (min(piece.end, edge) - max(piece.start, start), -abs(piece.start - start))
        for start, edge in zip(starts, edges, strict=True)
    ]
    column = scores.index(max(scores))
    if piece.start < starts[column] - SLACK or piece.end > edges[column] + SLACK:
        return None
    return column


def row_cells(text: str, starts: list[int]) -> list[str] | None:
    """A body line cut at the header's columns, blank cells kept; None if it does not fit."""
    if "\t" in text or _stops_table(text):
        return None
    cells = [""] * len(starts)
    for piece in pieces(text):
        column = _column_of(piece, starts)
        if column is None:
            return None
        cells[column] = f"{cells[column]} {piece.text}".strip()
    return cells


def _stops_table(text: str) -> bool:
    """Lines that end any table: notes, headings, 专栏 and 表N captions."""
    checks = (is_note_line, is_structural_heading, is_column_title, is_table_title)
    return any(check(text) for check in checks)


def retab(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """The blocks with every space-aligned table rewritten as tab-separated lines."""
    result: list[Block] = []
    starts: list[int] | None = None
    for block in blocks:
        if not isinstance(block, Paragraph):
            starts = None
            result.append(block)
            continue
        cells = row_cells(block.text, starts) if starts else None
        if cells is None:
            starts = header_starts(block.text)
            cells = row_cells(block.text, starts) if starts else None
        text = block.text if cells is None else "\t".join(cells)
        result.append(Paragraph(text, block.line, block.heading_level))
    return tuple(result)
