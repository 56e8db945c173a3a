"""PDF words into text lines: the part of a page that is running text, not a table.

PDFs carry no paragraph structure, only positioned words. Words whose tops nearly agree
share a line. Within a line a gap wider than two character widths (two font heights,
i.e. two CJK characters) becomes a tab instead of a space, so a table that no ruling
reveals still comes out as tab-separated cells, the shape the text parser rebuilds.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from pdfplumber.utils import cluster_objects

from minsheng.ingest.readers.base import clean_line

Word = dict[str, Any]

LINE_TOLERANCE = 3  # points: words whose tops differ less than this share a line
_TAB_GAP_IN_EMS = 2.0
# Some Chinese PDFs map glyphs to Kangxi radicals or compatibility ideographs (⼀ for 一);
# NFKC on just these ranges restores the ordinary characters without touching
# full-width punctuation elsewhere.
_PARAGRAPH_ENDS = frozenset("。；：;:!?！？")
_ITEM_START = re.compile(r"^(?:\d{1,2}[.．、]|[（(]\d{1,2}[)）]|[一二三四五六七八九十]{1,3}、)")
_LOOKALIKE = re.compile("[\u2f00-\u2fdf\u2e80-\u2eff\uf900-\ufaff]")


@dataclass(frozen=True)
class Line:
    """One visual line of text and where it starts on the page, for reading order."""

    text: str
    top: float


def text_lines(words: list[Word]) -> list[Line]:
    """The words as lines top to bottom, joined by spaces or by tabs at wide gaps."""
    lines = []
    for cluster in word_lines(words):
        text = clean_line(join_words(cluster))
        if text.strip():
            lines.append(Line(restore_lookalikes(text), min(w["top"] for w in cluster)))
    return lines


def word_lines(words: list[Word]) -> list[list[Word]]:
    """Words grouped into visual lines, top to bottom, each line left to right."""
    clusters = cluster_objects(words, "top", tolerance=LINE_TOLERANCE)
    return [sorted(cluster, key=lambda word: word["x0"]) for cluster in clusters]


def join_words(words: list[Word]) -> str:
    """Join one line's words, putting a tab where the gap is wider than two characters."""
    parts = [words[0]["text"]]
    for before, word in pairwise(words):
        em = max(height(before), height(word))
        gap = word["x0"] - before["x1"]
        parts.append("\t" if gap > _TAB_GAP_IN_EMS * em else " ")
        parts.append(word["text"])
    return "".join(parts)


def height(word: Word) -> float:
    """A word's height, which for PDF text is the font size: one CJK character width."""
    return float(word["bottom"] - word["top"])


def cell_text(text: str | None) -> str:
    """A table cell's text with the lines that only wrap joined again.

    A PDF cell breaks its text wherever the column is full, so a line break is kept only
    where a paragraph plainly ends (。；：) or a numbered item begins; wrapped CJK joins
    without a space, wrapped Latin words or numbers with one.
    """
    lines = [clean_line(line).strip() for line in (text or "").split("\n")]
    joined = ""
    for line in lines:
        joined = join_wrapped(joined, line)
    return restore_lookalikes(joined)


def join_wrapped(before: str, after: str) -> str:
    """Two pieces of one cell's text, joined as the wrapping that split them demands."""
    if not before or not after:
        return before or after
    return before + _line_break(before, after) + after


def _line_break(before: str, after: str) -> str:
    """What stands between two lines of one cell: nothing, a space or a newline."""
    if before[-1] in _PARAGRAPH_ENDS or _ITEM_START.match(after):
        return "\n"
    return " " if before[-1].isascii() and after[0].isascii() else ""


def restore_lookalikes(text: str) -> str:
    """Map Kangxi radicals and compatibility ideographs back to ordinary ideographs."""
    return _LOOKALIKE.sub(lambda match: unicodedata.normalize("NFKC", match[0]), text)
