"""Find the indicator tables of a plan, in text lines or real tables, and read their rows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from minsheng.ingest.document import Block, Paragraph, Table
from minsheng.ingest.parsers.layout import Layout, Role, header_role, layout_from_header
from minsheng.ingest.parsers.patterns import (
    is_column_title,
    is_note_line,
    is_structural_heading,
    is_table_title,
)
from minsheng.ingest.parsers.rows import Cell, RawRow, StreamAssembler, assemble_grid
from minsheng.ingest.parsers.text import squash

# A completion table's caption reports what was achieved; a plan's own names its period.
_COMPLETION_CAPTION = re.compile(r"完成情况|实际完成|完成值|实现情况")
_PLAN_CAPTION = re.compile(r"十[四五]五")
MAX_HEADER_CELLS = 8
MAX_CELL_LENGTH = 60
GRID_MIN_CELLS = 3


@dataclass
class FoundTable:
    """An indicator table located in a document, with its rows still as text."""

    layout: Layout
    title: str
    line: int
    rows: list[RawRow]
    notes: list[str] = field(default_factory=list)
    unplaced: list[Cell] = field(default_factory=list)
    end: int = 0  # index of the first block after the table and its notes

    @property
    def is_previous_plan(self) -> bool:
        """Decided by the caption's words first, by the header only when the caption is silent."""
        caption = squash(self.title)
        if _COMPLETION_CAPTION.search(caption) or "十三五" in caption:
            return True
        if _PLAN_CAPTION.search(caption):
            return False
        return self.layout.is_previous_plan


def cells_of(text: str) -> list[str]:
    """Tab-separated cells of a line, blanks kept so positions survive."""
    return [cell.strip() for cell in text.split("\t")]


def find_tables(blocks: tuple[Block, ...]) -> list[FoundTable]:
    """Every indicator table in body order."""
    found: list[FoundTable] = []
    index = 0
    while index < len(blocks):
        table = _table_at(blocks, index)
        if table is None:
            index += 1
            continue
        found.append(table)
        index = table.end
    return found


def _table_at(blocks: tuple[Block, ...], index: int) -> FoundTable | None:
    block = blocks[index]
    if isinstance(block, Table):
        return _read_real_table(blocks, index)
    header = _text_header_at(blocks, index)
    if header is None:
        return None
    layout, body_start = header
    return _read_text_table(blocks, index, body_start, layout)


def _title_before(blocks: tuple[Block, ...], index: int) -> str:
    for block in reversed(blocks[max(0, index - 3) : index]):
        if isinstance(block, Paragraph) and block.text.strip():
            return squash(block.text)
    return ""


def _text_header_at(blocks: tuple[Block, ...], index: int) -> tuple[Layout, int] | None:
    """A header either on one tab-separated line or one cell per line."""
    first = blocks[index]
    if not isinstance(first, Paragraph) or header_role(cells_of(first.text)[-1]) is None:
        return None
    line_cells = [cell for cell in cells_of(first.text) if cell]
    if len(line_cells) >= GRID_MIN_CELLS:
        layout = layout_from_header(line_cells)
        return (layout, index + 1) if layout else None
    if header_role(line_cells[0]) not in (Role.DOMAIN, Role.NAME):
        return None
    cells: list[str] = []
    end = index
    while end < len(blocks) and len(cells) < MAX_HEADER_CELLS:
        block = blocks[end]
        text = block.text.strip() if isinstance(block, Paragraph) else ""
        if not text or header_role(text) is None:
            break
        cells.append(text)
        end += 1
    layout = layout_from_header(cells)
    return (layout, end) if layout else None


def _ends_table(text: str) -> bool:
    if is_note_line(text) or is_structural_heading(text):
        return True
    if is_column_title(text) or is_table_title(text):
        return True
    return any(len(squash(cell)) > MAX_CELL_LENGTH for cell in cells_of(text))


def _read_text_table(
    blocks: tuple[Block, ...], index: int, body_start: int, layout: Layout
) -> FoundTable:
    body: list[Paragraph] = []
    end = body_start
    while end < len(blocks):
        block = blocks[end]
        if not isinstance(block, Paragraph) or _ends_table(block.text):
            break
        body.append(block)
        end += 1
    notes, end = _notes_from(blocks, end)
    table = FoundTable(layout, _title_before(blocks, index), blocks[index].line, [], notes, end=end)
    if _is_grid(body):
        grid = [(cells_of(p.text), p.line) for p in body if p.text.strip()]
        table.rows = assemble_grid(grid, layout)
    else:
        assembler = StreamAssembler(layout)
        cells = [Cell(c, p.line) for p in body for c in cells_of(p.text) if c]
        table.rows = assembler.feed(cells)
        table.unplaced = assembler.leftover
    return table


def _is_grid(body: list[Paragraph]) -> bool:
    """Tab-separated rows: most lines carry three or more cells."""
    lines = [p for p in body if p.text.strip()]
    wide = [p for p in lines if len([c for c in cells_of(p.text) if c]) >= GRID_MIN_CELLS]
    return bool(lines) and len(wide) * 2 >= len(lines)


def _notes_from(blocks: tuple[Block, ...], index: int) -> tuple[list[str], int]:
    """Footnotes right after a table: 注：… lines and numbered definitions."""
    notes: list[str] = []
    while index < len(blocks):
        block = blocks[index]
        if not isinstance(block, Paragraph) or not is_note_line(block.text):
            break
        notes.append(block.text.strip())
        index += 1
    return notes, index


def _read_real_table(blocks: tuple[Block, ...], index: int) -> FoundTable | None:
    table = blocks[index]
    assert isinstance(table, Table)
    header = _header_of(table)
    if header is None:
        return None
    header_index, layout = header
    body = [_row_without_spans(table, r) for r in range(header_index + 1, len(table.rows))]
    notes, end = _notes_from(blocks, index + 1)
    rows = assemble_grid([(row, table.line) for row in body], layout)
    return FoundTable(layout, _title_before(blocks, index), table.line, rows, notes, end=end)


def _header_of(table: Table) -> tuple[int, Layout] | None:
    """The first row that reads as a header; a title row or a merged upper header may precede it."""
    for position in range(len(table.rows)):
        layout = layout_from_header(_row_without_spans(table, position))
        if layout is not None:
            return position, layout
    return None


def _row_without_spans(table: Table, row_index: int) -> list[str]:
    """A row with each horizontally merged cell read once, known from the merge, not the text.

    Equal neighbouring values (100, 100) are separate cells; only a position the reader
    marked as continuing the cell to its left is dropped.
    """
    row = table.rows[row_index]
    return [
        cell
        for column, cell in enumerate(row)
        if not (column > 0 and (row_index, column) in table.continued and row[column - 1] == cell)
    ]
