"""Nothing is lost in silence: missed indicator tables are reported, with the reason."""

from __future__ import annotations

from minsheng.ingest.document import Document, Paragraph, Table
from minsheng.ingest.parsers.plan import parse_document
from minsheng.model.plan import ParsedPlan


def _parse(*blocks: Paragraph | Table) -> ParsedPlan:
    return parse_document(Document("t.docx", blocks))


def _warnings(plan: ParsedPlan, code: str) -> list[tuple[int | None, str]]:
    return [(w.line, w.message) for w in plan.warnings if w.code == code]


def test_indicator_words_without_a_table_are_reported_at_the_caption():
    plan = _parse(
        Paragraph("到2025年，基本公共服务主要指标达到全省平均水平。", 1),
        Paragraph("表2 “十四五”公共服务主要指标", 2),
        Paragraph("每千人口拥有3岁以下婴幼儿托位数达到4.5个，为预期性指标。", 3),
    )
    assert not plan.indicators
    [(line, message)] = _warnings(plan, "no_indicator_table")
    assert line == 2
    assert "表2" in message


def test_binding_words_are_enough_to_expect_a_table():
    plan = _parse(Paragraph("九年义务教育巩固率保持在99%以上（约束性）。", 7))
    assert [line for line, _ in _warnings(plan, "no_indicator_table")] == [7]


def test_a_plan_without_indicator_words_gets_no_such_warning():
    plan = _parse(Paragraph("第一章 规划背景", 1), Paragraph("公共服务体系不断完善。", 2))
    assert not _warnings(plan, "no_indicator_table")


def test_a_table_with_one_value_column_is_reported_with_the_reason():
    table = Table(
        rows=(("类别", "指标", "2025年"), ("学有所教", "九年义务教育巩固率(%)", "99")), line=2
    )
    plan = _parse(Paragraph("“十四五”主要指标", 1), table)
    [(line, message)] = _warnings(plan, "skipped_table")
    assert line == 2
    assert "fewer than two value columns" in message
    assert _warnings(plan, "no_indicator_table")


def test_a_tab_separated_header_without_a_name_column_is_reported():
    plan = _parse(Paragraph("类别\t2020年\t2025年", 4), Paragraph("学有所教\t98\t99", 5))
    [(line, message)] = _warnings(plan, "skipped_table")
    assert line == 4
    assert "no indicator-name column" in message


def test_tables_that_were_read_and_other_tables_are_not_reported():
    indicators = Table(
        rows=(("类别", "指标", "2020年", "2025年"), ("学有所教", "巩固率", "98", "99")), line=2
    )
    services = Table(rows=(("服务领域", "服务项目"), ("幼有所育", "孕前优生健康检查")), line=3)
    plan = _parse(Paragraph("“十四五”主要指标", 1), indicators, services)
    assert len(plan.indicators) == 1
    assert not _warnings(plan, "skipped_table")
    assert not _warnings(plan, "no_indicator_table")
