"""A plan's period comes from the document: its title, a stated span, or the period it
names most — so a 十五五 plan that reviews the 十四五 at length is still a 2026–2030 plan."""

from __future__ import annotations

from pathlib import Path

from minsheng.ingest import parse_file
from minsheng.ingest.document import Paragraph
from minsheng.ingest.parsers.meta import extract_meta
from minsheng.model.plan import Period

FIFTEENTH = Path(__file__).parent / "documents" / "hefei_15th_five_year_plan.txt"


def meta_of(*lines: str):
    return extract_meta([Paragraph(text, n) for n, text in enumerate(lines, 1)])


def test_a_fifteenth_plan_is_2026_to_2030_though_it_names_the_fourteenth_more():
    plan = parse_file(FIFTEENTH).plan
    assert (plan.region, plan.period) == ("合肥市", Period(start=2026, end=2030))
    assert plan.title == "合肥市“十五五”公共服务规划"


def test_titles_of_other_wordings_and_periods_are_read():
    meta = meta_of("淮北市“十五五”基本公共服务规划", "“十四五”期间……“十四五”……")
    assert (meta.region, meta.period) == ("淮北市", Period(start=2026, end=2030))
    issued = meta_of("关于印发《六安市“十四五”公共服务发展规划》的通知")
    assert (issued.region, issued.period) == ("六安市", Period(start=2021, end=2025))


def test_without_a_title_a_stated_span_decides_then_the_period_named_most():
    stated = meta_of("合肥市公共服务规划", "“十四五”“十四五”回顾", "规划期为（2026—2030年）")
    assert stated.period == Period(start=2026, end=2030)
    named = meta_of("合肥市公共服务规划", "“十三五”时期回顾", "“十四五”时期", "“十四五”目标")
    assert named.period == Period(start=2021, end=2025)
