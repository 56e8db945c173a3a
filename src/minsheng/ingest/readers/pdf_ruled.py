"""Ruled PDF tables: cells from pdfplumber's table finder, merged cells expanded.

The finder reports a merged cell once, at its top-left position, and `None` for the
other positions it covers. Those are filled with the merged cell's text and listed as
continued, the shape the Word reader gives, so the parser reads both alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from pdfplumber.page import Page
from pdfplumber.table import Table as FoundTable

from minsheng.ingest.readers.pdf_pieces import TablePiece
from minsheng.ingest.readers.pdf_text import cell_text

Box = tuple[float, float, float, float]
_MIN_COLUMNS = 2  # a one-column box is a framed paragraph, read as lines
_EDGE_TOLERANCE = 1.0  # points


def ruled_pieces(page: Page, page_number: int) -> list[TablePiece]:
    """The page's ruled tables with two or more columns and some text."""
    pieces = []
    for found in page.find_tables():
        piece = _piece(found, page_number)
        if piece is not None:
            pieces.append(piece)
    return pieces


def _piece(found: FoundTable, page_number: int) -> TablePiece | None:
    texts = _texts(found)
    boxes = [list(row.cells) for row in found.rows]
    if not texts or len(texts[0]) < _MIN_COLUMNS:
        return None
    rows, continued = _expand(texts, boxes)
    if not any(cell.strip() for row in rows for cell in row):
        return None
    x0, top, x1, bottom = found.bbox
    return TablePiece(rows, continued, page_number, (x0, top, x1, bottom))


@dataclass(frozen=True)
class _Within:
    """Stands for the page in a table's `extract`, which only looks at its chars."""

    chars: list[dict[str, Any]]


def _texts(found: FoundTable) -> list[list[str | None]]:
    """`found.extract()`, which tests every char of the page against every row of the
    table: here only the chars whose centre lies within the table are tested, the one
    way a char can fall in one of its rows (the same test as extract's)."""
    x0, top, x1, bottom = found.bbox
    chars = [
        char
        for char in found.page.chars
        if x0 <= (char["x0"] + char["x1"]) / 2 < x1
        and top <= (char["top"] + char["bottom"]) / 2 < bottom
    ]
    return FoundTable(cast(Page, _Within(chars)), found.cells).extract()


def _expand(
    texts: list[list[str | None]], boxes: list[list[Box | None]]
) -> tuple[tuple[tuple[str, ...], ...], frozenset[tuple[int, int]]]:
    """Fill each covered position from the cell to its left or above, whichever covers it."""
    lefts = _column_lefts(boxes)
    grid = [[cell_text(text) for text in row] for row in texts]
    origins = [list(row) for row in boxes]
    continued: set[tuple[int, int]] = set()
    for r, row in enumerate(boxes):
        for c, box in enumerate(row):
            if box is None:
                continued.add((r, c))
                source = _source(r, c, origins, lefts)
                if source is not None:
                    grid[r][c], origins[r][c] = (
                        grid[source[0]][source[1]],
                        origins[source[0]][source[1]],
                    )
    return tuple(tuple(row) for row in grid), frozenset(continued)


def _source(
    r: int, c: int, origins: list[list[Box | None]], lefts: list[float]
) -> tuple[int, int] | None:
    """The position whose cell covers (r, c): to the left if it reaches over, else above."""
    left = origins[r][c - 1] if c else None
    if left is not None and left[2] > lefts[c] + _EDGE_TOLERANCE:
        return r, c - 1
    if r and origins[r - 1][c] is not None:
        return r - 1, c
    return None


def _column_lefts(boxes: list[list[Box | None]]) -> list[float]:
    """Each column's left edge, from the cells that start in it."""
    width = len(boxes[0])
    starts = [[box[0] for row in boxes if (box := row[c]) is not None] for c in range(width)]
    return [min(xs) if xs else float("-inf") for xs in starts]
