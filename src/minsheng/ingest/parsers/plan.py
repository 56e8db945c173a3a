"""Put the parsers together: one document in, one structured plan (with warnings) out."""

from __future__ import annotations

from minsheng.ingest.document import Document, Paragraph, Table
from minsheng.ingest.parsers.aligned import retab
from minsheng.ingest.parsers.columns import extract_columns, extract_projects
from minsheng.ingest.parsers.continued import join_continued_tables
from minsheng.ingest.parsers.indicators import read_indicators, read_previous_results
from minsheng.ingest.parsers.meta import extract_meta
from minsheng.ingest.parsers.outline import chapter_gaps, extract_outline
from minsheng.ingest.parsers.report import WarningSink
from minsheng.ingest.parsers.rows import is_value_like
from minsheng.ingest.parsers.services import extract_service_items
from minsheng.ingest.parsers.skipped import indicator_mention, skipped_tables
from minsheng.ingest.parsers.tables import FoundTable, find_tables
from minsheng.model.plan import ParsedPlan


def linear_paragraphs(document: Document) -> list[Paragraph]:
    """Text and table rows as lines (cells tab-separated), for parsers that read lines."""
    lines: list[Paragraph] = []
    for block in document.blocks:
        if isinstance(block, Table):
            lines.extend(Paragraph("\t".join(row), block.line) for row in _distinct_rows(block))
        else:
            lines.append(block)
    return lines


def _distinct_rows(table: Table) -> list[tuple[str, ...]]:
    """Blank out merged-cell repeats so a merged category is read once."""
    return [
        tuple("" if (r, c) in table.continued else cell for c, cell in enumerate(row))
        for r, row in enumerate(table.rows)
    ]


def _table_lines(table: FoundTable) -> set[int]:
    return {row.line for row in table.rows} | {table.line}


def _report_tables(tables: list[FoundTable], sink: WarningSink) -> None:
    """Warn about indicator tables beyond the first of each plan and cells that fit no row."""
    current = [t for t in tables if not t.is_previous_plan]
    previous = [t for t in tables if t.is_previous_plan]
    for kind, found in (("current", current), ("previous-plan", previous)):
        for extra in found[1:]:
            sink.add("extra_table", f"another {kind} indicator table was ignored", extra.line)
    for cell in (cell for table in tables for cell in table.unplaced if cell.text.strip()):
        what = "value" if is_value_like(cell.text) else "table cell"
        sink.add("unplaced_cell", f"{what} {cell.text!r} fits no row", cell.line)


def _report_losses(
    document: Document, paragraphs: list[Paragraph], tables: list[FoundTable], sink: WarningSink
) -> None:
    """Warn about indicator-like tables that were skipped, and about a plan that speaks of
    indicators but gave no indicator table."""
    used = {line for table in tables for line in _spanned_lines(document, table)}
    for line, message in skipped_tables(document.blocks, used):
        sink.add("skipped_table", message, line)
    mention = indicator_mention(paragraphs)
    if mention is not None and not any(not table.is_previous_plan for table in tables):
        text = mention.text.strip()[:40]
        message = f"the plan mentions indicators ({text!r}) but no indicator table was found"
        sink.add("no_indicator_table", message, mention.line)


def _spanned_lines(document: Document, table: FoundTable) -> set[int]:
    """Lines from a table's header to its last block, repeated headers in its body included."""
    last = document.blocks[table.end - 1].line if table.end else table.line
    return {block.line for block in document.blocks if table.line <= block.line <= last}


def parse_document(document: Document) -> ParsedPlan:
    sink = WarningSink()
    for note in document.notes:
        sink.add(note.code, note.message, note.line)
    document = Document(document.source, join_continued_tables(retab(document.blocks)))
    paragraphs = linear_paragraphs(document)
    tables = find_tables(document.blocks)
    current = [t for t in tables if not t.is_previous_plan]
    previous = [t for t in tables if t.is_previous_plan]
    _report_tables(tables, sink)
    _report_losses(document, paragraphs, tables, sink)
    items, counts = extract_service_items(paragraphs, sink)
    columns = extract_columns(paragraphs)
    skip = set().union(*(_table_lines(t) for t in tables)) if tables else set()
    outline = extract_outline(paragraphs, skip)
    for line, message in chapter_gaps(outline):
        sink.add("missing_heading", message, line)
    return ParsedPlan(
        source=document.source,
        plan=extract_meta(paragraphs),
        outline=outline,
        indicators=read_indicators(current[0], sink) if current else [],
        indicator_table_notes=current[0].notes if current else [],
        previous_plan_results=read_previous_results(previous[0], sink) if previous else [],
        service_items=items,
        service_counts=counts,
        columns=columns,
        projects=extract_projects(columns),
        warnings=sink.items,
    )
