"""Line shapes that several parsers must agree on: headings, columns, notes."""

from __future__ import annotations

import re

from minsheng.ingest.parsers.text import cjk_count, squash

NUMERAL = "一二三四五六七八九十百零〇"
CHAPTER = re.compile(rf"^第[{NUMERAL}\d]+章")
SECTION = re.compile(rf"^第[{NUMERAL}\d]+节")
LIST_LEVEL_ONE = re.compile(rf"^[{NUMERAL}]+[、．.]")
LIST_LEVEL_TWO = re.compile(rf"^[（(][{NUMERAL}]+[）)]")
COLUMN_TITLE = re.compile(r"^专栏\s*(?P<number>\d+)\s*(?P<title>.*)$")
TABLE_TITLE = re.compile(r"^表\s*\d+")
NOTE_START = re.compile(r"^注[释]?[:：]")
NUMBERED_NOTE = re.compile(r"^[（(]?\d+[)）.．、](?!\d)")
_TOC_ENTRY = re.compile(r"(\.{3,}|…{2,})\s*\d*$|\s\d+$")
MAX_HEADING_LENGTH = 40
MIN_NOTE_CJK = 4


def is_column_title(text: str) -> bool:
    return COLUMN_TITLE.match(squash(text)) is not None


def is_table_title(text: str) -> bool:
    return TABLE_TITLE.match(squash(text)) is not None


def is_note_line(text: str) -> bool:
    """注：… or a numbered footnote such as `1.带*的为累计数。`."""
    text = squash(text)
    if NOTE_START.match(text):
        return True
    return NUMBERED_NOTE.match(text) is not None and cjk_count(text) >= MIN_NOTE_CJK


def is_structural_heading(text: str) -> bool:
    """Chapter/section headings of either numbering scheme, short enough to be a heading."""
    text = squash(text)
    if len(text) > MAX_HEADING_LENGTH:
        return False
    return any(p.match(text) for p in (CHAPTER, SECTION, LIST_LEVEL_ONE, LIST_LEVEL_TWO))


def is_toc_entry(raw: str) -> bool:
    """A table-of-contents line ends with leader dots or a page number after a space."""
    return _TOC_ENTRY.search(raw.rstrip()) is not None
