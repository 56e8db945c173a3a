"""Footnotes under an indicator table: definitions attach to the indicator they define."""

from __future__ import annotations

from minsheng.ingest import parse_file
from minsheng.ingest.parsers.indicators import defined_term


def notes_by_name(plan) -> dict[str, list[str]]:
    return {indicator.name: indicator.notes for indicator in plan.indicators}


def test_defined_term_ignores_numbering_and_note_mark():
    assert defined_term("3.人均体育场地面积:体育场地内可供开展训练") == "人均体育场地面积"
    assert defined_term("注：城镇新增就业人数：报告期内…") == "城镇新增就业人数"
    assert defined_term("1.[  ]内数据为五年累计数。") is None


def test_luan_definitions_attach_despite_bracket_width(seeds_dir):
    notes = notes_by_name(parse_file(seeds_dir / "001_efc89e334599d1ca.txt"))
    assert notes["人均体育场地面积"][0].startswith("4.人均体育场地面积：")
    assert notes["新建城区、居住(小)区配套建设养老服务设施达标率"][0].startswith("2.新建城区")
    assert notes["人均预期寿命"] == []


def test_kongtong_note_that_opens_with_the_name_attaches(seeds_dir):
    notes = notes_by_name(parse_file(seeds_dir / "002_ddc8656c13851e5b.txt"))
    assert notes["每万人接受公共文化设施服务次数"][0].startswith(
        "2.每万人接受公共文化设施服务次数中"
    )
    assert notes["城镇新增就业人数"][0].startswith("5.城镇新增就业人数:")
