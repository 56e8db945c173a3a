"""Ruled PDF tables: cells from pdfplumber's table finder, merged cells expanded.

The finder reports a merged cell once, at its top-left position, and `None` for the
other positions it covers. Those are filled with the merged cell's text and listed as
continued, the shape the Word reader gives, so the parser reads both alike.
"""

from __future__ import annotations

from typing import Any

from pdfplumber.page import Page
from pdfplumber.table import CellGroup
from pdfplumber.table import Table as FoundTable
from pdfplumber.utils import extract_text

from minsheng.ingest.readers.pdf_pieces import TablePiece
from minsheng.ingest.readers.pdf_text import cell_text

Box = tuple[float, float, float, float]
Obj = dict[str, Any]
Centred = tuple[float, float, Obj]  # a char's centre (x, y) and the char
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
    found_rows = found.rows
    texts = _texts(found, found_rows)
    boxes = [list(row.cells) for row in found_rows]
    if not texts or len(texts[0]) < _MIN_COLUMNS:
        return None
    rows, continued = _expand(texts, boxes)
    if not any(cell.strip() for row in rows for cell in row):
        return None
    x0, top, x1, bottom = found.bbox
    return TablePiece(rows, continued, page_number, (x0, top, x1, bottom))


def _texts(found: FoundTable, rows: list[CellGroup]) -> list[list[str | None]]:
    """The cells' texts as `found.extract()` gives them: a cell's text is that of the
    chars whose centre lies in it, tested first against the table's box, then the row's
    (extract tests every char of the page against every row); None where a merged cell
    covers the position."""
    chars = _within([_centred(char) for char in found.page.chars], found.bbox)
    texts = []
    for row in rows:
        in_row = _within(chars, row.bbox)
        texts.append([None if cell is None else _text(_within(in_row, cell)) for cell in row.cells])
    return texts


def _centred(char: Obj) -> Centred:
    return (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2, char


def _within(chars: list[Centred], box: Box) -> list[Centred]:
    """The chars whose centre lies in the box (its right and bottom edges left out)."""
    x0, top, x1, bottom = box
    return [char for char in chars if x0 <= char[0] < x1 and top <= char[1] < bottom]


def _text(chars: list[Centred]) -> str:
    return extract_text([char for _, _, char in chars]) if chars else ""


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
