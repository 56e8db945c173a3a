"""Boxed columns (专栏): number, title, kind, body, and the key projects they list."""

from __future__ import annotations

import re

from minsheng.ingest.document import Paragraph
from minsheng.ingest.parsers.patterns import (
    COLUMN_TITLE,
    NUMBERED_NOTE,
    is_column_title,
    is_structural_heading,
    is_table_title,
    is_toc_entry,
)
from minsheng.ingest.parsers.text import squash
from minsheng.model.plan import Column, ColumnKind, KeyProject

_KIND_WORDS: tuple[tuple[tuple[str, ...], ColumnKind], ...] = (
    (("指标", "完成情况"), ColumnKind.INDICATORS),
    (("基本公共服务项目", "基本公共服务清单", "项目清单"), ColumnKind.SERVICES),
    (("工程", "项目", "计划", "行动", "任务", "方向", "建设", "设施"), ColumnKind.PROJECTS),
)
_LEAD = re.compile(r"^(?P<name>[^。：:；;]{2,30})[。：:](?P<detail>.+)$")
MAX_PROJECT_NAME = 30
_GROUP_LIST = re.compile(r"^(?P<group>[^:：∶，,。]{1,20})[:：∶](?P<items>.+)$")
_LIST_SEPARATORS = re.compile(r"[、，,;；]")
_ENUMERATION = re.compile(r"[、;；]")
_CLAUSE = re.compile(r"[，,]")
_FIRST_CLAUSE = re.compile(r"[，,；;。]")
_VERB = re.compile(r"^(新建|改扩建|扩建|改建|迁建|续建|建设|提升改造|改造)")


def column_kind(title: str) -> ColumnKind:
    for words, kind in _KIND_WORDS:
        if any(word in title for word in words):
            return kind
    return ColumnKind.OTHER


def _ends_body(text: str) -> bool:
    return is_column_title(text) or is_structural_heading(text) or is_table_title(text)


def extract_columns(paragraphs: list[Paragraph]) -> list[Column]:
    """Every 专栏 of the body; a 专栏 table of contents is not a column."""
    columns = []
    for index, paragraph in enumerate(paragraphs):
        match = COLUMN_TITLE.match(squash(paragraph.text))
        if not match or is_toc_entry(paragraph.text):
            continue
        body = []
        for later in paragraphs[index + 1 :]:
            if _ends_body(later.text):
                break
            body.append(later.text.strip())
        title = match["title"]
        columns.append(
            Column(
                number=int(match["number"]),
                title=title,
                kind=column_kind(title),
                body=[line for line in body if line],
                line=paragraph.line,
            )
        )
    return columns


def extract_projects(columns: list[Column]) -> list[KeyProject]:
    """The key projects a project column enumerates, one entry each."""
    projects = []
    for column in columns:
        if column.kind is not ColumnKind.PROJECTS:
            continue
        for entry in column.body:
            projects.extend(_projects_in(column.number, entry, column.line))
    return projects


def _projects_in(column: int, entry: str, line: int) -> list[KeyProject]:
    """`庐阳区(16个):新建A、B;改扩建C。` lists facilities; other entries are one programme."""
    text = NUMBERED_NOTE.sub("", squash(entry))
    listed = [
        KeyProject(column=column, name=name, detail=group or None, line=line)
        for group, names in _facility_lists(text)
        for name in names
    ]
    return listed or [_programme(column, text, line)]


def _facility_lists(text: str) -> list[tuple[str, list[str]]]:
    """Sentences of the form `group: verb name、name…` with their facility names."""
    found: list[tuple[str, list[str]]] = []
    for sentence in filter(None, text.split("。")):
        match = _GROUP_LIST.match(sentence)
        if not match and not _VERB.match(sentence):
            continue
        group = match["group"] if match else (found[-1][0] if found else "")
        items = match["items"] if match else sentence
        separators = _LIST_SEPARATORS if match or found else _ENUMERATION
        if not match and not found and _CLAUSE.search(sentence):
            continue  # `新建A,按照…标准建设B`: prose about a norm, not a list of facilities
        names = [_VERB.sub("", item) for item in separators.split(items)]
        names = [name for name in names if name]
        if len(names) > 1 and all(len(name) <= MAX_PROJECT_NAME for name in names):
            found.append((group, names))
    return found


def _programme(column: int, text: str, line: int) -> KeyProject:
    """A programme is named by its lead phrase (`就业服务。…`), else by its first clause."""
    match = _LEAD.match(text)
    if match:
        return KeyProject(column=column, name=match["name"], detail=match["detail"], line=line)
    first = _FIRST_CLAUSE.split(text, maxsplit=1)[0]
    name = first if len(first) <= MAX_PROJECT_NAME else first[:MAX_PROJECT_NAME] + "…"
    return KeyProject(column=column, name=name, detail=text, line=line)
