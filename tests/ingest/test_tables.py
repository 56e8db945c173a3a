"""Indicator tables from real (Word/HTML) tables: merged cells are read once, by the merge."""

from __future__ import annotations

from minsheng.ingest.document import Document, Paragraph, Table
from minsheng.ingest.parsers.plan import parse_document


def test_horizontal_merge_is_dropped_but_equal_values_are_kept():
    table = Table(
        rows=(
            ("类别", "指标", "指标", "2020年", "2025年", "属性"),
            ("学有所教", "九年义务教育巩固率(%)", "九年义务教育巩固率(%)", "100", "100", "约束性"),
            (
                "学有所教",
                "高中阶段教育毛入学率(%)",
                "高中阶段教育毛入学率(%)",
                "98",
                "98",
                "预期性",
            ),
        ),
        line=2,
        continued=frozenset({(0, 2), (1, 2), (2, 2), (2, 0)}),
    )
    document = Document("t.docx", (Paragraph("“十四五”主要指标", 1), table))
    indicators = parse_document(document).indicators
    assert [(i.domain, i.name, i.baseline.raw, i.target.raw, i.attribute) for i in indicators] == [
        ("学有所教", "九年义务教育巩固率", "100", "100", "binding"),
        ("学有所教", "高中阶段教育毛入学率", "98", "98", "expected"),
    ]
