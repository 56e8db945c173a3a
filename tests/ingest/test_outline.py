"""Outline: numbered headings in body order; lost chapter headings are reported."""

from __future__ import annotations

import pytest

from minsheng.ingest import parse_file
from minsheng.ingest.document import Paragraph
from minsheng.ingest.parsers.outline import chapter_gaps, chinese_numeral, extract_outline


@pytest.mark.parametrize(
    ("numeral", "number"), [("一", 1), ("九", 9), ("十", 10), ("十四", 14), ("二十三", 23)]
)
def test_chinese_numerals(numeral, number):
    assert chinese_numeral(numeral) == number


def lines(*texts: str) -> list[Paragraph]:
    return [Paragraph(text, line) for line, text in enumerate(texts, start=1)]


def test_table_of_contents_entries_are_not_headings():
    outline = extract_outline(
        lines(
            "目  录",
            "第一章 规划背景 2",
            "第一节 发展基础 2",
            "第一章 规划背景",
            "正文。",
            "第一节 发展基础",
        )
    )
    assert [(h.level, h.title, h.line) for h in outline] == [
        (1, "第一章规划背景", 4),
        (2, "第一节发展基础", 6),
    ]


def test_list_numbering_is_the_outline_only_without_chapters():
    outline = extract_outline(
        lines("一、总体要求", "（一）指导思想", "（二）基本原则加强统筹。正文继续")
    )
    assert [(h.level, h.title) for h in outline] == [(1, "一、总体要求"), (2, "（一）指导思想")]


def test_gaps_name_the_lost_chapters():
    outline = extract_outline(lines("第二章 甲", "第三章 乙", "第六章 丙"))
    assert chapter_gaps(outline) == [
        (1, "no heading for chapter 1 before chapter 2"),
        (3, "no heading for chapter 4, 5 before chapter 6"),
    ]


def test_luan_plan_reports_its_two_lost_chapters(seeds_dir):
    plan = parse_file(seeds_dir / "001_efc89e334599d1ca.txt")
    lost = [w.message for w in plan.warnings if w.code == "missing_heading"]
    assert lost == ["no heading for chapter 5, 6 before chapter 7"]
