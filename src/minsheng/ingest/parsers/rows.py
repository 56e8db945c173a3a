"""Assemble indicator-table rows from cells, whatever shape the source gave them.

Two shapes exist. A *grid* (a Word/HTML table, or tab-separated lines) places every
cell in its column. A *stream* (one cell per line, blank cells dropped, rows run
together) has only the order of cells; there a row is recognised by its content:
leading short category words, a name, the value cells, and the attribute cell that
ends the row when the table has one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from minsheng.ingest.parsers.layout import Layout, Role, header_role
from minsheng.ingest.parsers.text import cjk_count, ends_with_unit, squash
from minsheng.model.cell import parse_value
from minsheng.model.value import ValueKind

ATTRIBUTE_WORDS = {"预期性": "expected", "约束性": "binding"}
MAX_DOMAIN_PART = 10
MAX_COMMITMENT = 6
_NOT_DOMAIN = re.compile(r"[\d（）()%％、，,]")


@dataclass(frozen=True)
class Cell:
    text: str
    line: int


@dataclass
class RawRow:
    """One table row before typing: strings keyed by column role."""

    domain_parts: list[str]
    name_parts: list[str]
    values: dict[Role, str]
    line: int
    attribute: str | None = None
    unit: str | None = None
    problems: list[str] = field(default_factory=list)


def is_attribute(text: str) -> bool:
    return squash(text) in ATTRIBUTE_WORDS


def is_value_like(text: str) -> bool:
    """True for cells a person would read as a value rather than a name."""
    value = parse_value(text.strip())
    if value.kind is ValueKind.QUALITATIVE:
        return len(squash(text)) <= MAX_COMMITMENT and not ends_with_unit(text)
    return value.kind is not ValueKind.ODD or cjk_count(text) <= 2


def is_domain_part(text: str) -> bool:
    """Category cells are short words with no digits, units or list punctuation."""
    text = squash(text)
    return 0 < len(text) <= MAX_DOMAIN_PART and not _NOT_DOMAIN.search(text)


def is_repeated_header(text: str) -> bool:
    return header_role(text) is not None and not is_attribute(text)


class StreamAssembler:
    """Rows from cells in reading order, for tables that lost their grid."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.value_count = len(layout.value_roles)
        self.pending: list[Cell] = []
        self.rows: list[RawRow] = []
        self.leftover: list[Cell] = []

    def feed(self, cells: list[Cell]) -> list[RawRow]:
        for cell in cells:
            if is_repeated_header(cell.text):
                continue
            self.pending.append(cell)
            if self._row_complete():
                self._emit()
        self.leftover = self.pending
        return self.rows

    def _row_complete(self) -> bool:
        if self.layout.has_attribute:
            return is_attribute(self.pending[-1].text)
        tail = self.pending[-self.value_count :]
        head = self.pending[: -self.value_count]
        return (
            len(self.pending) > self.value_count
            and all(is_value_like(cell.text) for cell in tail)
            and not is_value_like(head[-1].text)
        )

    def _emit(self) -> None:
        cells, self.pending = self.pending, []
        attribute = cells.pop().text if self.layout.has_attribute else None
        split = len(cells)
        while (
            split > 0
            and len(cells) - split < self.value_count
            and is_value_like(cells[split - 1].text)
        ):
            split -= 1
        prefix, value_cells = cells[:split], cells[split:]
        row = _row_from_prefix(prefix, cells[0].line if cells else 0)
        row.attribute = attribute
        missing = self.value_count - len(value_cells)
        texts = [""] * missing + [cell.text for cell in value_cells]
        row.values = dict(zip(self.layout.value_roles, texts, strict=True))
        if missing:
            row.problems.append(f"{missing} value cell(s) missing; the first taken as blank")
        self.rows.append(row)


def _row_from_prefix(prefix: list[Cell], line: int) -> RawRow:
    """Split the text cells before the values into category words and name parts."""
    texts = [cell.text for cell in prefix]
    start = 0
    while start < len(texts) - 1 and is_domain_part(texts[start]):
        start += 1
    return RawRow(domain_parts=texts[:start], name_parts=texts[start:], values={}, line=line)


def assemble_grid(rows: list[tuple[list[str], int]], layout: Layout) -> list[RawRow]:
    """Rows from positioned cells; blank category cells mean "same as above"."""
    width = len(layout.roles)
    assembled: list[RawRow] = []
    carried_name: list[str] = []
    for raw_cells, line in rows:
        cells = _fit(raw_cells, width)
        if cells is None or all(is_repeated_header(c) or not c.strip() for c in cells):
            continue
        by_role = dict(zip(layout.roles, cells, strict=True))
        values = {role: by_role[role].strip() for role in layout.value_roles}
        name = by_role.get(Role.NAME, "").strip()
        if not any(values.values()) and not by_role.get(Role.ATTRIBUTE, "").strip():
            carried_name.append(name)  # a name broken over two rows
            continue
        domain = by_role.get(Role.DOMAIN, "").strip()
        row = RawRow(
            domain_parts=[domain] if domain else [],
            name_parts=[*carried_name, name],
            values=values,
            line=line,
            attribute=by_role.get(Role.ATTRIBUTE, "").strip() or None,
            unit=by_role.get(Role.UNIT, "").strip() or None,
        )
        carried_name = []
        assembled.append(row)
    return assembled


def _fit(cells: list[str], width: int) -> list[str] | None:
    """Align a row to the header's width: trailing blanks dropped, a missing category padded."""
    while len(cells) > width and not cells[-1].strip():
        cells = cells[:-1]
    if len(cells) > width:
        return None
    return [""] * (width - len(cells)) + cells
