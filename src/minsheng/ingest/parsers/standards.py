"""A standards document (基本公共服务标准) read into its service items and their five fields.

Such documents list numbered items under domain and category headings (一、幼有所育 /
（一）优孕优生服务 / 1. 免费孕前优生健康检查), each followed by labelled fields — 服务对象：…
服务内容：… 服务标准：… 支出责任：… 牵头负责单位：… — which may wrap over lines, use a half- or
full-width colon, or sit on the item's own line; or they come as a table whose header row
names the fields. A numbered line followed by fields is an item; one without is a heading.
Pure: works on the readers' `Document`, so txt, docx, html and pdf read alike.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from minsheng.ingest.document import Document, Paragraph, Table
from minsheng.model.plan import DOMAINS

FIELD_LABELS: dict[str, str] = {
    "beneficiaries": "服务对象",
    "content": "服务内容",
    "standard": "服务标准",
    "funding": "支出责任",
    "lead_department": "牵头负责单位",
}
"""The five fields in the documents' order, each with the label the documents use."""

LABEL_FIELDS = {label: name for name, label in FIELD_LABELS.items()}
LABEL_FIELDS["牵头单位"] = "lead_department"
_LABEL = re.compile(r"(牵头负责单位|牵头单位|服务对象|服务内容|服务标准|支出责任)\s*[:：]")
_NUMBERED = re.compile(
    r"^\s*(?:(?P<arabic>\d{1,3})\s*[.．、](?!\d)|[（(](?P<paren>[一二三四五六七八九十]{1,3})[）)]"
    r"|(?P<chinese>[一二三四五六七八九十]{1,3})\s*、)\s*(?P<rest>\S.*)$"
)
NAME_HEADERS = ("服务项目", "项目名称", "服务事项", "项目")
DOMAIN_HEADERS = ("领域", "服务领域", "类别", "服务类别")
MIN_FIELD_HEADERS = 3


@dataclass
class StandardEntry:
    """One service item as the document states it; `line` points back into the source."""

    name: str
    line: int
    domain: str | None = None
    category: str | None = None
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class StandardsDocument:
    source: str
    entries: list[StandardEntry]


def parse_standards(document: Document) -> StandardsDocument:
    """Every item of the document's running text and tables, in body order."""
    entries: list[StandardEntry] = []
    lines: list[tuple[str, int]] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            lines += [(text, block.line) for text in block.text.splitlines() if text.strip()]
        elif isinstance(block, Table):
            entries += _text_entries(lines)
            lines = []
            entries += table_entries(block)
    entries += _text_entries(lines)
    return StandardsDocument(document.source, entries)


# --- running text -------------------------------------------------------------------------


@dataclass
class _Context:
    domain: str | None = None
    category: str | None = None
    current: StandardEntry | None = None
    label: str | None = None
    found: list[StandardEntry] = field(default_factory=list)


def _text_entries(lines: list[tuple[str, int]]) -> list[StandardEntry]:
    context = _Context()
    for text, line in lines:
        numbered = _NUMBERED.match(text)
        if numbered and not _LABEL.match(numbered.group("rest")):
            _start(context, numbered, line)
        else:
            _add_text(context, text)
    return [entry for entry in context.found if entry.fields]


def _start(context: _Context, numbered: re.Match[str], line: int) -> None:
    """A numbered line: an item (kept only if fields follow), or a domain/category heading."""
    rest = numbered.group("rest").strip()
    head, _, tail = rest.partition(_first_label(rest) or "\0")
    name = head.strip(" 　:：")
    if numbered.group("chinese") and not _LABEL.search(rest):
        context.domain, context.category = _domain(name), None
    elif numbered.group("paren") and not _LABEL.search(rest):
        context.category = name
    context.current = StandardEntry(name, line, context.domain, context.category)
    context.label = None
    context.found.append(context.current)
    if tail or _first_label(rest):
        _add_text(context, rest[len(head) :])


def _first_label(text: str) -> str | None:
    found = _LABEL.search(text)
    return text[found.start() : found.end()] if found else None


def _add_text(context: _Context, text: str) -> None:
    """Labelled pieces start a field; unlabelled text continues the field before it."""
    entry = context.current
    if entry is None:
        return
    pieces = _LABEL.split(text)
    if context.label and pieces[0].strip():
        entry.fields[context.label] = _joined(entry.fields[context.label], pieces[0])
    for label, value in zip(pieces[1::2], pieces[2::2], strict=True):
        context.label = LABEL_FIELDS[label]
        entry.fields[context.label] = _joined(entry.fields.get(context.label, ""), value)


def _joined(before: str, more: str) -> str:
    """Wrapped lines of Chinese text join without a space; Latin words keep one."""
    more = more.strip()
    if before and more and before[-1].isascii() and more[0].isascii():
        return f"{before} {more}"
    return before + more


def _domain(name: str) -> str:
    """The heading as one of the nine domains when it names one (一、幼有所育服务 → 幼有所育)."""
    return next((domain for domain in DOMAINS if domain in name), name)


# --- tables -------------------------------------------------------------------------------


def table_entries(table: Table) -> list[StandardEntry]:
    """Rows of a table whose header names at least three of the five fields and the item."""
    for index, row in enumerate(table.rows):
        columns = _header_columns(row)
        if columns is not None:
            return [
                entry
                for body in table.rows[index + 1 :]
                if (entry := _row_entry(body, columns, table.line)) is not None
            ]
    return []


def _header_columns(row: tuple[str, ...]) -> dict[str, int] | None:
    cells = [re.sub(r"\s", "", unicodedata.normalize("NFKC", cell)) for cell in row]
    columns = {LABEL_FIELDS[c]: i for i, c in enumerate(cells) if c in LABEL_FIELDS}
    name = next((i for i, c in enumerate(cells) if c in NAME_HEADERS), None)
    if len(columns) < MIN_FIELD_HEADERS or name is None:
        return None
    domain = next((i for i, c in enumerate(cells) if c in DOMAIN_HEADERS), None)
    return columns | {"name": name} | ({"domain": domain} if domain is not None else {})


def _row_entry(row: tuple[str, ...], columns: dict[str, int], line: int) -> StandardEntry | None:
    cells = {key: _cell(row, index) for key, index in columns.items()}
    name = _NUMBERED.sub(r"\g<rest>", cells.pop("name")).strip()
    domain = cells.pop("domain", "") or None
    fields = {key: text for key, text in cells.items() if text}
    if not name or not fields:
        return None
    return StandardEntry(name, line, _domain(domain) if domain else None, None, fields)


def _cell(row: tuple[str, ...], index: int) -> str:
    text = row[index] if index < len(row) else ""
    return "".join(part.strip() for part in text.splitlines())
