"""Rows of one repeated shape, read a column at a time.

A filled template repeats one row shape for thousands of rows: the same cells, with the
same attributes, each holding a plain `<v>`. One pattern made from that shape matches a
whole row and hands back its values, and each column's values are turned into text
together, each distinct value once, instead of cell by cell. Rows of any other shape,
wherever they are, are read by the caller's cell-by-cell path, so the rows come out
exactly as that path makes them (a test compares the two on workbooks of many shapes).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from itertools import islice

Row = tuple[int, list[str]]
CellText = Callable[[str, str], str]
"""(a cell's attributes, its value) → its text."""
RowsBetween = Callable[[str, int], list[Row] | None]
"""(sheet text of other shapes, the number of the row before it) → its rows, or None when
a part of it has a shape only lxml reads."""

Shape = tuple[tuple[str, str], ...]
"""A row's cells: each one's column letters and attributes (as `sheet_text` keys them)."""

SAMPLE_ROWS = 50
"""Rows looked at for the shape that repeats: a template's first rows show it."""
_ROW = re.compile(r'<row r="[0-9]+"[^>]*>([^<]*(?:<(?!/row>|row\b)[^<]*)*)</row>')
"""A row and its cells; a try ends at the next row's start, so a sheet of rows without
`</row>` (`<row r="1"/>`) costs one pass, not one per row."""
_CELL = (
    r'<c r="([A-Z]{1,3})[0-9]+"((?: s="[0-9]+")?(?: t="[a-zA-Z]+")?(?: s="[0-9]+")?)'
    r"><v>[^<]*</v></c>"
)
_CELLS = re.compile(f"(?:{_CELL})+")
_ONE_CELL = re.compile(_CELL)


def read(data: str, cell_text: CellText, rows_between: RowsBetween) -> list[Row] | None:
    """The rows with text of the sheet whose `<sheetData>` holds `data`, or None when no
    row shape repeats among its first rows or `rows_between` cannot read the others."""
    shape = _common_shape(data)
    if shape is None:
        return None
    reader = _Reader(shape, cell_text, rows_between)
    try:
        return reader.read(data)
    except (ValueError, LookupError):  # a damaged cell: the caller's path meets it in turn
        return None


def _common_shape(data: str) -> Shape | None:
    """The shape most of the first rows have, when at least two have it and its cells are
    plain values in column order."""
    shapes = Counter(_shape(row[1]) for row in islice(_ROW.finditer(data), SAMPLE_ROWS))
    shapes.pop(None, None)
    if not shapes:
        return None
    shape, count = shapes.most_common(1)[0]
    return shape if count >= 2 else None


def _shape(cells: str) -> Shape | None:
    if not _CELLS.fullmatch(cells):
        return None
    shape = tuple((cell[1], cell[2]) for cell in _ONE_CELL.finditer(cells))
    columns = [column_index(letters) for letters, _ in shape]
    return shape if columns == sorted(set(columns)) else None


def _row_pattern(shape: Shape) -> re.Pattern[str]:
    cells = "".join(
        f'<c r="{letters}[0-9]+"{re.escape(attributes)}><v>([^<]*)</v></c>'
        for letters, attributes in shape
    )
    return re.compile(f'<row r="([0-9]+)"[^>]*>{cells}</row>')


class _Reader:
    """The rows so far: runs of rows of the shape, and the rows read between them."""

    def __init__(self, shape: Shape, cell_text: CellText, rows_between: RowsBetween) -> None:
        self.shape, self.cell_text, self.rows_between = shape, cell_text, rows_between
        self.columns = [column_index(letters) for letters, _ in shape]
        self.rows: list[Row] = []
        self.run: list[tuple[str, ...]] = []

    def read(self, data: str) -> list[Row] | None:
        position = 0
        for match in _row_pattern(self.shape).finditer(data):
            if match.start() != position and not self.between(data[position : match.start()]):
                return None
            self.run.append(match.groups())
            position = match.end()
        return self.rows if self.between(data[position:]) else None

    def between(self, text: str) -> bool:
        """Close the run of rows of the shape, then read `text`; False if it cannot be."""
        number = int(self.run[-1][0]) if self.run else 0
        self._close_run()
        if not text:
            return True
        found = self.rows_between(text, number)
        if found is None:
            return False
        self.rows.extend(found)
        return True

    def _close_run(self) -> None:
        if not self.run:
            return
        numbers, *values = zip(*self.run, strict=True)
        self.run = []
        blank = [""] * len(numbers)
        by_column: list[list[str]] = [blank] * (self.columns[-1] + 1)
        maybe_blank = False
        for column, (_, attributes), cells in zip(self.columns, self.shape, values, strict=True):
            texts = {value: self.cell_text(attributes, value) for value in set(cells)}
            maybe_blank = maybe_blank or "" in texts.values()
            by_column[column] = list(map(texts.__getitem__, cells))
        rows = zip(map(int, numbers), map(list, zip(*by_column, strict=True)), strict=True)
        self.rows.extend(_with_text(rows) if maybe_blank else rows)


def _with_text(rows: Iterable[Row]) -> list[Row]:
    """Rows as the cell-by-cell path gives them: no blank cells after the last with text,
    and no row without text."""
    kept = []
    for number, texts in rows:
        while texts and not texts[-1]:
            texts.pop()
        if texts:
            kept.append((number, texts))
    return kept


COLUMNS: dict[str, int] = {}
"""Column letters → index, for the letters seen so far."""


def column_index(letters: str) -> int:
    """0-based index of a column's letters (A → 0, AB → 27)."""
    index = COLUMNS.get(letters)
    if index is None:
        index = 0
        for letter in letters:
            index = index * 26 + ord(letter) - 64
        index = COLUMNS[letters] = index - 1
    return index
