"""Say so when indicator tables are missed, rather than returning fewer indicators quietly.

A table that looks like an indicator table (its header names an indicator or a value
column) but could not be read is reported with the reason, and a plan whose text speaks of
its indicators while no indicator table was found is reported at the line that does.
"""

from __future__ import annotations

import re

from minsheng.ingest.document import Block, Paragraph, Table
from minsheng.ingest.parsers.layout import (
    MAX_UNKNOWN_SHARE,
    VALUE_ROLES,
    Role,
    header_role,
    layout_from_header,
)
from minsheng.ingest.parsers.patterns import is_table_title
from minsheng.ingest.parsers.text import squash

HEADER_ROWS = 3  # rows of a real table that may hold its header
_INDICATOR_WORDS = (
    re.compile(r"约束性|预期性"),
    re.compile(r"主要指标|发展指标|指标体系"),
)


def header_gap(cells: list[str]) -> str | None:
    """Why header-like cells do not make an indicator table; None if they are no header."""
    roles = [header_role(cell) for cell in cells if squash(cell)]
    known = [role for role in roles if role is not None]
    if len(known) < 2 or not any(r is Role.NAME or r in VALUE_ROLES for r in known):
        return None
    if layout_from_header(cells) is not None:
        return None
    reasons = []
    if Role.NAME not in known:
        reasons.append("no indicator-name column")
    if sum(role in VALUE_ROLES for role in known) < 2:
        reasons.append("fewer than two value columns (baseline and target)")
    if roles.count(None) > len(roles) * MAX_UNKNOWN_SHARE:
        reasons.append("most header cells name no known column")
    return "; ".join(reasons) or "the header could not be read"


def _gap_of(block: Block) -> str | None:
    if isinstance(block, Table):
        gaps = (header_gap(list(row)) for row in block.rows[:HEADER_ROWS])
        return next((gap for gap in gaps if gap), None)
    cells = block.text.split("\t")
    return header_gap(cells) if len([c for c in cells if c.strip()]) >= 3 else None


def skipped_tables(blocks: tuple[Block, ...], used: set[int]) -> list[tuple[int, str]]:
    """(line, message) for each indicator-like table outside the tables that were read."""
    found = []
    for block in blocks:
        gap = None if block.line in used else _gap_of(block)
        if gap:
            kind = "table" if isinstance(block, Table) else "tab-separated header line"
            found.append((block.line, f"{kind} not read as an indicator table: {gap}"))
    return found


def indicator_mention(paragraphs: list[Paragraph]) -> Paragraph | None:
    """The line that best shows the plan has indicators: a 表N caption, then 约束性/预期性,
    then 主要指标."""
    captions = [p for p in paragraphs if is_table_title(p.text) and "指标" in p.text]
    if captions:
        return captions[0]
    for words in _INDICATOR_WORDS:
        hits = [p for p in paragraphs if words.search(p.text)]
        if hits:
            return hits[0]
    return None
