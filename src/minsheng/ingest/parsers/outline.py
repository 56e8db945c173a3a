"""The plan's chapter and section headings, in body order, whatever numbering it uses."""

from __future__ import annotations

import re
from collections.abc import Iterable

from minsheng.ingest.document import Paragraph
from minsheng.ingest.parsers.patterns import (
    CHAPTER,
    LIST_LEVEL_ONE,
    LIST_LEVEL_TWO,
    MAX_HEADING_LENGTH,
    SECTION,
    is_toc_entry,
)
from minsheng.ingest.parsers.text import squash
from minsheng.model.plan import Heading

UNNUMBERED_PARTS = {"序言", "前言", "总则", "结语", "附则", "附件"}
_SENTENCE_INSIDE = re.compile(r"[。；;].")


def _scheme(paragraphs: list[Paragraph]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """第一章/第一节 when the plan has chapters; otherwise 一、/（一）."""
    if any(CHAPTER.match(squash(p.text)) for p in paragraphs):
        return CHAPTER, SECTION
    return LIST_LEVEL_ONE, LIST_LEVEL_TWO


def _level(text: str, patterns: tuple[re.Pattern[str], re.Pattern[str]]) -> int | None:
    for level, pattern in enumerate(patterns, start=1):
        if pattern.match(text):
            return level
    return 1 if text in UNNUMBERED_PARTS else None


def extract_outline(paragraphs: list[Paragraph], skip_lines: Iterable[int] = ()) -> list[Heading]:
    """Headings of the body; table-of-contents entries and table cells are not headings."""
    patterns = _scheme(paragraphs)
    skipped = set(skip_lines)
    outline = []
    for paragraph in paragraphs:
        text = squash(paragraph.text)
        if paragraph.line in skipped or len(text) > MAX_HEADING_LENGTH:
            continue
        level = _level(text, patterns)
        if level is None or _SENTENCE_INSIDE.search(text) or is_toc_entry(paragraph.text):
            continue
        outline.append(Heading(level=level, title=text, line=paragraph.line))
    return outline


_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
_CHAPTER_NUMBER = re.compile(r"^第?(?P<numeral>[一二三四五六七八九十]+)[章、]")


def chinese_numeral(text: str) -> int:
    """一 → 1, 十 → 10, 十四 → 14, 二十三 → 23 (chapter numbers stay below 100)."""
    tens, _, units = text.rpartition("十")
    if "十" not in text:
        return _DIGITS[text]
    return (_DIGITS.get(tens, 1) if tens else 1) * 10 + (_DIGITS[units] if units else 0)


def chapter_gaps(outline: list[Heading]) -> list[tuple[int, str]]:
    """Where chapter numbering skips (第四章 then 第七章): headings the text has lost."""
    gaps = []
    previous = 0
    for heading in outline:
        match = _CHAPTER_NUMBER.match(heading.title) if heading.level == 1 else None
        if match is None:
            continue
        number = chinese_numeral(match["numeral"])
        if number > previous + 1:
            lost = ", ".join(str(n) for n in range(previous + 1, number))
            gaps.append((heading.line, f"no heading for chapter {lost} before chapter {number}"))
        elif number <= previous:
            gaps.append((heading.line, f"chapter {number} follows chapter {previous}"))
        previous = number
    return gaps
