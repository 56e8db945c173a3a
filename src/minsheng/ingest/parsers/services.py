"""The basic public service list: items by domain, checked against each declared count."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from minsheng.ingest.document import Paragraph
from minsheng.ingest.parsers.patterns import (
    is_column_title,
    is_structural_heading,
    is_toc_entry,
)
from minsheng.ingest.parsers.report import WarningSink
from minsheng.ingest.parsers.rows import is_domain_part
from minsheng.ingest.parsers.tables import cells_of
from minsheng.ingest.parsers.text import squash
from minsheng.model.plan import DOMAINS, ServiceItem

_LIST_TITLE = re.compile(r"基本公共服务(项目|清单)")
_DECLARED = re.compile(r"[（(]共计?(\d+)项[)）]$")
_LIST_HEADER = ("服务领域", "服务项目")
_HEADER_WORDS = {"服务领域", "服务项目", "领域", "项目", "类别"}
_ITEM_SEPARATORS = re.compile(r"[，,；;]")
_ALL_SEPARATORS = re.compile(r"[、，,；;]")


@dataclass
class DomainList:
    domain: str
    line: int
    text: str = ""
    declared: int | None = None
    items: list[str] = field(default_factory=list)


def _list_start(paragraphs: list[Paragraph]) -> int | None:
    """After the list's 专栏 title, or at its 服务领域/服务项目 header when the title is lost."""
    for index, paragraph in enumerate(paragraphs):
        text = squash(paragraph.text)
        if is_column_title(text) and _LIST_TITLE.search(text):
            if not is_toc_entry(paragraph.text):
                return index + 1
        elif _starts_header(paragraphs, index):
            return index
    return None


def _starts_header(paragraphs: list[Paragraph], index: int) -> bool:
    cells = [squash(c) for c in cells_of(paragraphs[index].text) if squash(c)]
    if len(cells) == 1 and index + 1 < len(paragraphs):
        cells.append(squash(paragraphs[index + 1].text))
    return cells[:2] == list(_LIST_HEADER)


def _ends_list(text: str) -> bool:
    return "。" in text or is_structural_heading(text) or is_column_title(text)


def _domain_lists(paragraphs: list[Paragraph], start: int) -> list[DomainList]:
    lists: list[DomainList] = []
    domain_parts: list[str] = []
    for paragraph in paragraphs[start:]:
        if _ends_list(paragraph.text):
            break
        for cell in (squash(c) for c in cells_of(paragraph.text)):
            if not cell or cell in _HEADER_WORDS:
                continue
            if is_domain_part(cell) and not _DECLARED.search(cell):
                domain_parts.append(cell)
                continue
            if domain_parts or not lists:
                lists.append(DomainList("".join(domain_parts), paragraph.line))
                domain_parts = []
            lists[-1].text = _join_items(lists[-1].text, cell)
    return lists


def _join_items(text: str, more: str) -> str:
    """A list continued on the next line (after a page break) goes on as the next item."""
    if not text or text[-1] in "、，,；;":
        return text + more
    return f"{text}，{more}"


def split_items(entry: DomainList, sink: WarningSink) -> list[str]:
    """Items are split on ， where that gives the declared count (、 may sit inside an item)."""
    match = _DECLARED.search(entry.text)
    text = _DECLARED.sub("", entry.text)
    entry.declared = int(match.group(1)) if match else None
    coarse = [item for item in _ITEM_SEPARATORS.split(text) if item]
    fine = [item for item in _ALL_SEPARATORS.split(text) if item]
    if entry.declared == len(coarse):
        return coarse
    if entry.declared is None:
        sink.add("count_missing", f"{entry.domain}: no declared item count", entry.line)
    elif entry.declared != len(fine):
        sink.add(
            "count_mismatch",
            f"{entry.domain}: declared {entry.declared} items, found {len(fine)}",
            entry.line,
        )
    return fine


def extract_service_items(
    paragraphs: list[Paragraph], sink: WarningSink
) -> tuple[list[ServiceItem], dict[str, int]]:
    """Items in list order, and the count each domain declares (共计N项)."""
    start = _list_start(paragraphs)
    if start is None:
        return [], {}
    items: list[ServiceItem] = []
    declared: dict[str, int] = {}
    for entry in _domain_lists(paragraphs, start):
        if entry.domain not in DOMAINS:
            sink.add("unknown_domain", f"service list domain {entry.domain!r}", entry.line)
        names = split_items(entry, sink)
        if entry.declared is not None:
            declared[entry.domain] = entry.declared
        items.extend(ServiceItem(domain=entry.domain, name=n, line=entry.line) for n in names)
    return items, declared
