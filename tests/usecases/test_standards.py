"""The standards catalogue on a real database: search, edits with history, list comparison."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest
from tests.conftest import database_with

from minsheng.data.bundled import bundled_plans
from minsheng.errors import InputProblem
from minsheng.store import session_scope
from minsheng.store.repositories import audit
from minsheng.usecases import import_plan
from minsheng.usecases.plans import find_current_plan
from minsheng.usecases.standards import (
    catalogue,
    compare_lists,
    edit_item,
    highlight,
    item_detail,
    name_key,
    search_terms,
    term_score,
)

HEFEI, LUAN = "合肥市", "六安市"


def seed_names(region: str) -> set[str]:
    """The service item names of a bundled plan, read straight from its JSON."""
    for path in files("minsheng.data").joinpath("plans").iterdir():
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["plan"]["region"] == region:
            return {item["name"] for item in data["service_items"]}
    raise LookupError(region)


def _hefei_and_luan(session) -> None:
    for plan in bundled_plans():
        if plan.plan.region in {HEFEI, LUAN}:
            import_plan(session, plan, author="规划处")


database_url = database_with("hefei-luan", _hefei_and_luan)
"""Hefei and Lu'an imported (a copy of a template database)."""


@pytest.fixture
def stored(engine):
    return engine


def names(found) -> list[tuple[str, str]]:
    return [(h.plan.region.name, h.item.name) for hits in found.groups.values() for h in hits]


def test_terms_split_on_any_space_and_fold_width():
    assert search_terms(" 托育\u3000ＡＢ  托育 ") == ["托育", "ab"]
    assert term_score("托育", "普惠托育服务") == 1
    assert term_score("婴幼儿托育服务", "婴幼儿照护服务") >= 0.5
    assert term_score("托育服务", "婴幼儿托育") == 0


def test_highlight_marks_matches_and_keeps_the_text():
    pieces = highlight("<b>普惠托育</b>", ["托育"])
    assert "".join(p.text for p in pieces) == "<b>普惠托育</b>"
    assert [p.text for p in pieces if p.hit] == ["托育"]


def test_search_for_tuoyu_finds_hefeis_childcare_items(stored):
    with session_scope(stored) as session:
        found = catalogue(session, query="托育")
        assert list(found.groups) == ["幼有所育"]
        assert (HEFEI, "儿童健康管理") in names(found)
        hefei = find_current_plan(session, region=HEFEI)
        item = next(h.item for h in found.groups["幼有所育"] if h.plan.id == hefei.id)
        edit_item(
            session,
            item_id=item.id,
            fields={"content": "为3岁以下婴幼儿提供普惠托育服务指导"},
            author="planner",
        )
        again = catalogue(session, query="托育", plan_id=hefei.id)
    first = again.groups["幼有所育"][0]
    assert first.item.id == item.id and not first.by_domain  # its own text ranks first
    assert {h.plan.region.name for h in again.groups["幼有所育"]} == {HEFEI}


def test_several_terms_must_all_match(stored):
    with session_scope(stored) as session:
        both = names(catalogue(session, query="残疾人 服务"))
        one = names(catalogue(session, query="残疾人"))
    assert (HEFEI, "残疾人托养服务") in both
    assert (HEFEI, "困难残疾人生活补贴和重度残疾人护理补贴") in one
    assert (HEFEI, "困难残疾人生活补贴和重度残疾人护理补贴") not in both
    assert all("服务" in name and "残疾人" in name for _, name in both)


def test_an_edit_keeps_a_revision_and_an_audit_row(stored):
    with session_scope(stored) as session:
        item = catalogue(session, query="预防接种").groups["幼有所育"][0].item
        first = edit_item(
            session, item_id=item.id, fields={"beneficiaries": "0—6岁儿童"}, author="planner"
        )
        unchanged = edit_item(
            session, item_id=item.id, fields={"beneficiaries": " 0—6岁儿童 "}, author="planner"
        )
        edit_item(
            session,
            item_id=item.id,
            fields={"beneficiaries": "0—6岁儿童", "funding": "中央与地方共同财政事权"},
            author="admin",
        )
        detail = item_detail(session, item_id=item.id)
        rows = audit.entries(session, entity="service_item")
    assert first is not None and unchanged is None
    assert [e.author for e in detail.history] == ["admin", "planner"]
    assert [c.field for c in detail.history[0].changes] == ["funding"]
    assert detail.history[1].changes[0].after == "0—6岁儿童"
    assert detail.item.funding == "中央与地方共同财政事权"
    assert [(r.username, r.entity_id) for r in rows] == [("planner", item.id), ("admin", item.id)]


def test_too_long_a_field_is_refused(stored):
    with session_scope(stored) as session:
        item = catalogue(session).groups["幼有所育"][0].item
        with pytest.raises(InputProblem):
            edit_item(session, item_id=item.id, fields={"content": "长" * 5000}, author="x")


def test_comparing_hefei_and_luan_marks_what_each_lacks(stored):
    only_hefei = seed_names(HEFEI) - seed_names(LUAN)
    only_luan = seed_names(LUAN) - seed_names(HEFEI)
    assert "大中城市联合招聘服务" in only_hefei
    assert "义务教育免费提供教科书" in only_luan
    with session_scope(stored) as session:
        hefei = find_current_plan(session, region=HEFEI)
        luan = find_current_plan(session, region=LUAN)
        result = compare_lists(session, plan_ids=[hefei.id, luan.id])
        rows = {
            row.key: [cell.name if cell else None for cell in row.cells]
            for block in result.domains
            for row in block.rows
        }
        counts = {block.domain: block.counts for block in result.domains}
    assert rows[name_key("大中城市联合招聘服务")] == ["大中城市联合招聘服务", None]
    assert rows[name_key("义务教育免费提供教科书")] == [None, "义务教育免费提供教科书"]
    # a rural qualifier alone does not split a row; each side keeps its wording
    assert rows[name_key("免费孕前优生健康检查")] == [
        "免费孕前优生健康检查",
        "农村免费孕前优生健康检查",
    ]
    assert counts["幼有所育"] == [9, 9]
    assert result.totals == [len(seed_names(HEFEI)), len(seed_names(LUAN))]


def test_comparing_needs_two_plans(stored):
    with session_scope(stored) as session, pytest.raises(InputProblem):
        compare_lists(session, plan_ids=[find_current_plan(session, region=HEFEI).id])
