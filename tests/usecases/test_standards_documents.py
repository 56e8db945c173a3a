"""Standards documents in, levels against the national floor, XLSX of the five fields, and
implementation monitoring, on SQLite and PostgreSQL with the bundled Hefei and Lu'an plans."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import Workbook
from tests.conftest import database_with
from tests.standards_samples import CITY, write_docx, write_table_docx, write_text

from minsheng.data.bundled import bundled_plans
from minsheng.errors import InputProblem
from minsheng.store import session_scope
from minsheng.usecases import import_plan
from minsheng.usecases.plans import find_current_plan
from minsheng.usecases.standards import (
    catalogue,
    define_indicator,
    import_standards_file,
    import_standards_workbook,
    item_delivery,
    item_detail,
    item_levels,
    report_value,
)
from minsheng.usecases.standards.delivery import find_item

HEFEI, LUAN = "合肥市", "六安市"


def _hefei_and_luan(session) -> None:
    for plan in bundled_plans():
        if plan.plan.region in {HEFEI, LUAN}:
            import_plan(session, plan, author="规划处")


database_url = database_with("hefei-luan", _hefei_and_luan)
"""Hefei and Lu'an imported (a copy of a template database)."""


@pytest.fixture
def stored(engine):
    return engine


def run_import(engine, path, **options):
    options = {"region": HEFEI, "level": "national", "as_of": None, **options}
    with session_scope(engine) as session:
        return import_standards_file(session, path=path, author="规划处", **options)


def fields_of(engine, name, region=HEFEI):
    with session_scope(engine) as session:
        item = item_detail(session, item_id=find_item(session, region=region, name=name)).item
        return {f: getattr(item, f) for f in ("beneficiaries", "standard", "lead_department")}


@pytest.mark.parametrize("writer", [write_text, write_docx], ids=["txt", "docx"])
def test_a_national_document_fills_the_matching_items(stored, tmp_path, writer):
    path = writer(tmp_path / ("national.txt" if writer is write_text else "national.docx"))
    done = run_import(stored, path, as_of=date(2021, 3, 30))
    assert done.entries == 4 and done.source == path.name
    assert sorted(f.item_name for f in done.filled) == [
        "儿童健康管理",
        "免费孕前优生健康检查",
        "预防接种",
    ]
    assert [(u.entry, u.reason) for u in done.unmatched] == [
        ("示例不存在的服务项目", "规划清单中没有该服务项目")
    ]
    assert fields_of(stored, "儿童健康管理") == {
        "beneficiaries": "辖区内0-6岁儿童",
        "standard": "每年2次，儿童健康管理率不低于90%",
        "lead_department": "卫生健康部门",
    }
    # wrapped lines joined; an item whose fields sit on its own numbered line read too
    assert fields_of(stored, "预防接种")["standard"] == "免疫规划疫苗接种率不低于90%"
    assert "待完善" not in str(fields_of(stored, "免费孕前优生健康检查"))
    assert fields_of(stored, "基本避孕服务") == dict.fromkeys(fields_of(stored, "基本避孕服务"))


def test_all_plans_match_through_a_qualifier_and_a_table_document(stored, tmp_path):
    done = run_import(stored, write_text(tmp_path / "n.txt"), region=None)
    luan = {f.item_name for f in done.filled if f.plan_region == LUAN}
    assert "农村免费孕前优生健康检查" in luan  # 农村 qualifier, the one such item
    table = run_import(stored, write_table_docx(tmp_path / "table.docx"))
    assert [f.item_name for f in table.filled] == ["基本避孕服务", "孕产妇健康服务"]
    assert fields_of(stored, "孕产妇健康服务")["standard"] == "孕期检查5次"


def test_a_city_standard_below_the_national_floor_is_flagged(stored, tmp_path):
    run_import(stored, write_text(tmp_path / "national.txt"), as_of=date(2021, 3, 30))
    run_import(stored, write_text(tmp_path / "city.txt", CITY), level="city")
    with session_scope(stored) as session:
        levels = {
            name: item_levels(session, item_id=find_item(session, region=HEFEI, name=name))
            for name in ("儿童健康管理", "预防接种", "免费孕前优生健康检查")
        }
    shown = fields_of(stored, "儿童健康管理")["standard"]
    child = levels["儿童健康管理"]
    assert [c.level for c in child.columns] == ["national", "city"]
    assert [c.source for c in child.columns] == ["national.txt", "city.txt"]
    assert child.columns[0].as_of == date(2021, 3, 30)
    [below] = child.below_floor
    assert {(p.measure, p.local, p.national) for p in below.floor.pairs if p.below} == {
        ("次/年", 1, 2),
        ("%", 85, 90),
    }
    assert shown == "每年1次，儿童健康管理率不低于85%"  # the city level is the one in force
    assert not levels["预防接种"].below_floor and levels["预防接种"].columns[1].comparable
    assert not levels["免费孕前优生健康检查"].columns[1].comparable  # 按国家规定执行


def test_a_later_national_import_leaves_the_city_standard_in_force(stored, tmp_path):
    run_import(stored, write_text(tmp_path / "city.txt", CITY), level="city")
    done = run_import(stored, write_text(tmp_path / "national.txt"))
    assert not next(f for f in done.filled if f.item_name == "儿童健康管理").changed
    assert fields_of(stored, "儿童健康管理")["standard"] == "每年1次，儿童健康管理率不低于85%"


def test_a_document_without_items_is_refused(stored, tmp_path):
    with pytest.raises(InputProblem, match="no standards items"):
        run_import(stored, write_text(tmp_path / "empty.txt", "一、幼有所育\n没有编号的正文。\n"))


def workbook(path, rows):
    book = Workbook()
    sheet = book.active
    sheet.append(["服务项目编号", "服务项目", "服务对象", "服务标准"])
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def test_xlsx_rows_all_or_nothing_every_bad_row_named(stored, tmp_path):
    with session_scope(stored) as session:
        target = find_item(session, region=HEFEI, name="预防接种")
    bad = workbook(
        tmp_path / "bad.xlsx",
        [(target, "预防接种", "儿童", "每年1次"), ("x", "", "", ""), (999999, "", "", "")],
    )
    with session_scope(stored) as session, pytest.raises(InputProblem) as refused:
        import_standards_workbook(session, path=bad, author="规划处")
    message = str(refused.value)
    assert "2 处有误，未导入任何内容" in message and "第3行" in message and "第4行" in message
    assert fields_of(stored, "预防接种")["beneficiaries"] is None
    good = workbook(tmp_path / "good.xlsx", [(target, "预防接种", "0-6岁儿童", "每年1次")])
    with session_scope(stored) as session:
        done = import_standards_workbook(session, path=good, author="规划处")
    assert (done.rows, done.changed) == (1, 1)
    assert fields_of(stored, "预防接种")["standard"] == "每年1次"


def test_a_standard_not_delivered_warns_and_is_filtered(stored):
    with session_scope(stored) as session:
        target = find_item(session, region=HEFEI, name="儿童健康管理")
        row = define_indicator(
            session,
            item_id=target,
            name="儿童健康管理率",
            kind="coverage",
            required=90,
            unit=None,
            author="规划处",
        )
        report_value(session, indicator_id=row.id, year=2024, value=92, author="卫健委")
        report_value(session, indicator_id=row.id, year=2025, value=86.5, author="卫健委")
    with session_scope(stored) as session:
        [status] = item_delivery(session, item_id=target)
        plan_id = find_current_plan(session, region=HEFEI).id
        short = catalogue(session, plan_id=plan_id, undelivered_only=True)
        everything = catalogue(session, plan_id=plan_id)
    assert status.unit == "%" and [v.year for v in status.values] == [2024, 2025]
    assert status.undelivered and status.latest.value == 86.5
    assert [h.item.name for hits in short.groups.values() for h in hits] == ["儿童健康管理"]
    assert everything.count == 91


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"kind": "speed"}, "kind"),
        ({"required": float("nan")}, "required"),
        ({"name": " "}, "name"),
    ],
)
def test_bad_indicators_are_refused(stored, options, field):
    with session_scope(stored) as session, pytest.raises(InputProblem) as refused:
        target = find_item(session, region=HEFEI, name="儿童健康管理")
        given = {"name": "覆盖率", "kind": "coverage", "required": 90.0, **options}
        define_indicator(session, item_id=target, unit=None, author="规划处", **given)
    assert refused.value.field == field
