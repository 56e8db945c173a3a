"""Tables as found on one PDF page, and how the pieces of one table are joined again.

A table that runs over a page break arrives as one piece per page. The next page's piece
may repeat the header, may be introduced by a `续表` caption, and may start with the
rest of a row the page break cut: its first cell is empty and cells the cut row filled
are empty too. A piece whose first cell is empty but whose row is complete is a new row
under a merged cell (a category) that carries on from the previous page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from minsheng.ingest.readers.pdf_text import Line, join_wrapped

_HEADER_REPEAT_LIMIT = 3  # header rows a continuation may repeat
# Lines that may stand between two pieces of one table: a 续表 caption, a page number.
_BETWEEN_PIECES = re.compile(r"^\s*(?:续表.{0,40}|[-—–\s]*\d{1,4}[-—–\s]*|第\s*\d+\s*页.*)$")


@dataclass(frozen=True)
class TablePiece:
    """One page's part of a table: the cell grid, merged positions and where it sits."""

    rows: tuple[tuple[str, ...], ...]
    continued: frozenset[tuple[int, int]]
    page: int
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom
    merges_known: bool = True  # False when no rules show where a cell ends

    @property
    def top(self) -> float:
        return self.bbox[1]

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0


Item = Line | TablePiece


def stitch(items: list[Item]) -> list[Item]:
    """Join each table piece to the piece it continues from an earlier page."""
    joined: list[Item] = []
    for item in items:
        index = _continues(joined, item) if isinstance(item, TablePiece) else None
        if index is None:
            joined.append(item)
            continue
        first = joined[index]
        assert isinstance(first, TablePiece) and isinstance(item, TablePiece)
        del joined[index:]
        joined.append(join(first, item))
    return joined


def _continues(joined: list[Item], piece: TablePiece) -> int | None:
    """Where the piece on the page before that `piece` carries on sits, if any.

    Only captions and page numbers may stand between the two.
    """
    for index in range(len(joined) - 1, -1, -1):
        item = joined[index]
        if isinstance(item, TablePiece):
            return index if item.width == piece.width and piece.page == item.page + 1 else None
        if not _BETWEEN_PIECES.match(item.text):
            return None
    return None


def join(first: TablePiece, second: TablePiece) -> TablePiece:
    """One piece from two: repeated header dropped, a cut row mended, merges carried on."""
    rest, rest_continued = _without_repeated_header(first, second)
    rows = [list(row) for row in first.rows]
    cut = bool(rest) and is_cut_row(rows[-1], rest[0], merged=_merged_at_break(first, second))
    if cut:
        rows[-1] = [join_wrapped(a, b) for a, b in zip(rows[-1], rest[0], strict=True)]
    offset = len(rows) - 1 if cut else len(rows)
    rows.extend(list(row) for row in rest[1 if cut else 0 :])
    continued = set(first.continued) | {(r + offset, c) for r, c in rest_continued if r or not cut}
    if not cut and rest:
        _carry_merges(rows, continued, offset)
    bbox = (first.bbox[0], first.top, first.bbox[2], second.bbox[3])
    grid = tuple(tuple(row) for row in rows)
    return replace(first, rows=grid, continued=frozenset(continued), page=second.page, bbox=bbox)


def _merged_at_break(first: TablePiece, second: TablePiece) -> bool:
    """Whether the table merges first cells, so one may run over the break.

    Always assumed when merges cannot be seen (no vertical rules).
    """
    if not (first.merges_known and second.merges_known):
        return True
    return any(c == 0 for _, c in first.continued | second.continued)


def _without_repeated_header(
    first: TablePiece, second: TablePiece
) -> tuple[list[tuple[str, ...]], set[tuple[int, int]]]:
    """The second piece's rows after the header rows that repeat the first piece's."""
    skip = 0
    limit = min(_HEADER_REPEAT_LIMIT, len(first.rows) - 1, len(second.rows))
    while skip < limit and second.rows[skip] == first.rows[skip]:
        skip += 1
    continued = {(r - skip, c) for r, c in second.continued if r >= skip}
    return list(second.rows[skip:]), continued


def is_cut_row(above: list[str], below: tuple[str, ...], *, merged: bool) -> bool:
    """True when `below` is the rest of `above`, its first cell empty.

    Where the first column shows no merged cell at the break, an empty first cell can
    only be the rest of a cut row. Where it is merged (or merges cannot be seen), the
    row may be a new one under a category carried on from the page before, so it must
    also leave out cells that `above` filled.
    """
    if below[0].strip() or not any(cell.strip() for cell in below):
        return False
    pairs = zip(above[1:], below[1:], strict=True)
    return not merged or any(a.strip() and not b.strip() for a, b in pairs)


def _carry_merges(rows: list[list[str]], continued: set[tuple[int, int]], start: int) -> None:
    """An empty first cell at the top of a page continues the merged cell above it."""
    if rows[start][0].strip() or not rows[start - 1][0].strip():
        return
    text = rows[start - 1][0]
    row = start
    while row < len(rows) and (row == start or (row, 0) in continued) and not rows[row][0].strip():
        rows[row][0] = text
        continued.add((row, 0))
        row += 1
