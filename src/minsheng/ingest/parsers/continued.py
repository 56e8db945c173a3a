"""Tables split across pages: a 续表 or a repeated header row continues the table above.

Word and web copies of a plan often break a long indicator table into several tables,
each repeating the header, sometimes after a 续表 caption. They are joined back into one
table before any parser looks, so the rows of the later parts are not lost.
"""

from __future__ import annotations

import re

from minsheng.ingest.document import Block, Paragraph, Table
from minsheng.ingest.parsers.layout import layout_from_header
from minsheng.ingest.parsers.text import squash

_CONTINUED = re.compile(r"^[（(]?续表")


def is_continuation_caption(text: str) -> bool:
    return _CONTINUED.match(squash(text)) is not None


def join_continued_tables(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """The blocks with every continuation table appended to the table it continues."""
    joined: list[Block] = []
    index = 0
    while index < len(blocks):
        last = joined[-1] if joined else None
        found = _continuation_at(blocks, index, last) if isinstance(last, Table) else None
        if found is None:
            joined.append(blocks[index])
            index += 1
            continue
        part, index = found
        assert isinstance(last, Table)
        joined[-1] = _append(last, part)
    return tuple(joined)


def _continuation_at(
    blocks: tuple[Block, ...], index: int, last: Table
) -> tuple[Table, int] | None:
    """The table at `index` (or after a 续表 caption there) that continues `last`, and
    the index after it."""
    block = blocks[index]
    if isinstance(block, Paragraph) and is_continuation_caption(block.text):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        return (following, index + 2) if isinstance(following, Table) else None
    if isinstance(block, Table) and block.rows and block.rows[0] in last.rows[:3]:
        return block, index + 1
    return None


def _append(first: Table, part: Table) -> Table:
    """`first` with the rows of `part`, its repeated header rows dropped."""
    skip = 0
    while skip < len(part.rows) and _is_header(part.rows[skip], first):
        skip += 1
    width = max(len(first.rows[0]), len(part.rows[0]))
    offset = len(first.rows) - skip
    rows = tuple(_padded(row, width) for row in (*first.rows, *part.rows[skip:]))
    moved = {(r + offset, c) for r, c in part.continued if r >= skip}
    return Table(rows=rows, line=first.line, continued=first.continued | frozenset(moved))


def _is_header(row: tuple[str, ...], first: Table) -> bool:
    return row in first.rows[:3] or layout_from_header(list(row)) is not None


def _padded(row: tuple[str, ...], width: int) -> tuple[str, ...]:
    return row + ("",) * (width - len(row))
