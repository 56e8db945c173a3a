"""An indicator table is a name column and two value columns, however they are worded.

Other columns (备注, 序号, 年均增长 …) ride along without sinking the table, and which
plan a table belongs to comes from its caption and the years of its value columns.
"""

from __future__ import annotations

import pytest

from minsheng.ingest.document import Document, Paragraph, Table
from minsheng.ingest.parsers.plan import parse_document
from minsheng.model.plan import ParsedPlan

ROWS = (
    ("学有所教", "九年义务教育巩固率(%)", "98.5", "99"),
    ("病有所医", "人均预期寿命(岁)", "77.8", "78.5"),
)


def _table(header: tuple[str, ...], extra: tuple[str, ...] = ()) -> Table:
    """The two rows under `header`; `extra` cells are appended to each row."""
    rows = (header, *((*row, *extra) for row in ROWS))
    return Table(rows=rows, line=2)


def _parse(caption: str, table: Table) -> ParsedPlan:
    return parse_document(Document("t.docx", (Paragraph(caption, 1), table)))


def _current(plan: ParsedPlan) -> list[tuple[str, str, str, str]]:
    return [(i.domain, i.name, i.baseline.raw, i.target.raw) for i in plan.indicators]


EXPECTED = [
    ("学有所教", "九年义务教育巩固率", "98.5", "99"),
    ("病有所医", "人均预期寿命", "77.8", "78.5"),
]


def test_a_remarks_column_does_not_sink_the_table():
    header = ("类别", "指标", "2020年", "2025年", "备注")
    plan = _parse("“十四五”主要指标", _table(header, ("新口径",)))
    assert _current(plan) == EXPECTED
    assert not plan.previous_plan_results


@pytest.mark.parametrize(
    "header",
    [
        ("领域", "指标名称", "基数", "规划值"),
        ("领域", "指标", "基期值", "目标值"),
        ("领域", "指标", "现状值", "十四五末"),
        ("领域", "指标", "基准值", "期末值"),
        ("分类", "指标", "2025年", "2030年"),
    ],
)
def test_baseline_and_target_words(header):
    assert _current(_parse("主要指标", _table(header))) == EXPECTED


def test_dated_actual_before_the_target_year_is_the_baseline():
    header = ("类别", "指标", "2020年实际值", "2025年目标值")
    plan = _parse("表1 主要指标", _table(header))
    assert _current(plan) == EXPECTED
    assert not plan.previous_plan_results


def test_unknown_columns_and_serial_numbers_ride_along():
    header = ("序号", "类别", "指标", "2020年", "2025年", "年均增长(%)", "责任单位")
    rows = (header, *(("1", *row, "0.1", "市教育局") for row in ROWS))
    assert _current(_parse("“十四五”主要指标", Table(rows=rows, line=2))) == EXPECTED


def test_completion_caption_makes_a_previous_plan_table():
    header = ("领域", "指标", "规划目标", "实际完成")
    plan = _parse("“十三五”时期主要指标完成情况", _table(header))
    assert not plan.indicators
    assert [(r.name, r.target.raw, r.actual.raw) for r in plan.previous_plan_results] == [
        ("九年义务教育巩固率", "98.5", "99"),
        ("人均预期寿命", "77.8", "78.5"),
    ]


def test_same_year_target_and_actual_is_a_completion_table():
    header = ("领域", "指标", "2020年目标", "2020年实绩")
    plan = _parse("表1", _table(header))
    assert not plan.indicators
    assert len(plan.previous_plan_results) == 2
