"""Indicator metadata on SQLite and PostgreSQL: filled from the plan (its notes, binding or
cumulative), the catalogue and the assignments; a planner's edit kept with its history
and audited; bad fields named in Chinese and nothing written; a file imported all or none."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from minsheng.errors import InputProblem, NotFound
from minsheng.ingest import parse_file
from minsheng.store import create_engine_for, session_scope
from minsheng.store.repositories import audit
from minsheng.store.tables import IndicatorMetadata
from minsheng.usecases.assignments import assign
from minsheng.usecases.import_plan import import_plan
from minsheng.usecases.indicator_metadata import MetadataProblems, edit_metadata
from minsheng.usecases.indicator_metadata_import import import_metadata_file
from minsheng.usecases.plans import indicator_named
from minsheng.usecases.read.indicator_metadata import indicator_metadata, plan_metadata

LUAN = "001_efc89e334599d1ca.txt"  # its table's footnotes define 人均体育场地面积


@pytest.fixture
def luan(database_url, seeds_dir):
    """The Lu'an plan parsed from its document (footnotes kept), and its id."""
    engine = create_engine_for(database_url)
    with session_scope(engine) as session:
        plan_id = import_plan(session, parse_file(seeds_dir / LUAN), author="test").plan_id
    yield engine, plan_id
    engine.dispose()


def named(session, plan_id: int, name: str) -> int:
    return indicator_named(session, plan_id=plan_id, name=name)


def test_the_plan_the_catalogue_and_the_assignments_fill_it(luan):
    engine, plan_id = luan
    with session_scope(engine) as session:
        sports = named(session, plan_id, "人均体育场地面积")
        retention = named(session, plan_id, "九年义务教育巩固率")
        assign(session, department="市教育局", indicator_id=retention, region_id=None, author="t")
        views = {view.indicator_id: view for view in plan_metadata(session, plan_id=plan_id)}
    defined = views[sports]
    assert (
        defined.value("definition")
        == "体育场地内可供开展训练、比赛和健身活动的有效面积与人口的比值。"
    )
    assert defined.entries[0].origin_label == "规划文本"
    assert defined.value("formula") is None and defined.entries[1].shown == "暂无"
    health = views[retention]
    assert health.direction == "higher_is_better" and health.direction_label.startswith("正向")
    assert health.value("department") == "市教育局"
    assert health.value("definition").startswith("初中毕业班学生数")
    assert health.value("data_source") == "教育事业统计（教育部）"
    assert health.value("notes").startswith("约束性指标")
    assert health.value("frequency") == "annual"
    assert len(views) == 22


def test_a_planner_edits_and_the_history_and_audit_say_so(luan):
    engine, plan_id = luan
    with session_scope(engine) as session:
        target = named(session, plan_id, "人均预期寿命")
        edited = edit_metadata(
            session,
            indicator_id=target,
            fields={"formula": " 生命表法 ", "frequency": "季度", "definition": ""},
            author="planner",
        )
        assert edited is not None and set(edited.changed) == {"formula", "frequency"}
        again = edit_metadata(
            session, indicator_id=target, fields={"formula": "生命表法"}, author="planner"
        )
        assert again is None  # nothing changed, nothing recorded
    with session_scope(engine) as session:
        view = indicator_metadata(session, indicator_id=target)
        logged = audit.entries(session, entity="indicator_metadata")
    assert view.value("formula") == "生命表法" and view.value("frequency") == "quarterly"
    assert view.entries[1].origin_label == "规划人员维护"
    assert view.value("definition")  # blank keeps the catalogue's definition
    assert view.updated_by == "planner" and view.updated_at.utcoffset().total_seconds() == 8 * 3600
    [entry] = view.history
    assert {(c.label, c.after) for c in entry.changes} == {
        ("计算方法", "生命表法"),
        ("更新频率", "季度"),
    }
    assert len(logged) == 1 and logged[0].entity_id == target


def test_setting_the_plans_own_value_stores_nothing_and_blank_restores_it(luan):
    engine, plan_id = luan
    with session_scope(engine) as session:
        target = named(session, plan_id, "人均体育场地面积")
        plan_text = indicator_metadata(session, indicator_id=target).value("definition")
        edit_metadata(session, indicator_id=target, fields={"definition": "新定义"}, author="p")
        edit_metadata(session, indicator_id=target, fields={"definition": ""}, author="p")
        assert indicator_metadata(session, indicator_id=target).value("definition") == plan_text
        assert (
            edit_metadata(
                session, indicator_id=target, fields={"definition": plan_text}, author="p"
            )
            is None
        )
        stored = session.scalar(
            select(IndicatorMetadata).where(IndicatorMetadata.indicator_id == target)
        )
    assert stored is not None and stored.definition is None


def test_bad_fields_are_named_in_chinese_and_nothing_is_written(luan):
    engine, plan_id = luan
    with session_scope(engine) as session:
        target = named(session, plan_id, "人均预期寿命")
        with pytest.raises(MetadataProblems) as refused:
            edit_metadata(
                session,
                indicator_id=target,
                fields={"frequency": "每周", "notes": "长" * 4001, "formula": "好的"},
                author="p",
            )
        with pytest.raises(NotFound):
            indicator_metadata(session, indicator_id=999_999)
    assert set(refused.value.problems) == {"frequency", "notes"}
    assert "更新频率只能是年度、季度或月度" in refused.value.problems["frequency"]
    assert "备注最多4000个字" in refused.value.problems["notes"]
    with session_scope(engine) as session:
        assert session.scalars(select(IndicatorMetadata)).all() == []


def test_a_file_imports_all_or_nothing_naming_every_bad_row(luan, tmp_path):
    engine, plan_id = luan
    with session_scope(engine) as session:
        first, second = (v.indicator_id for v in plan_metadata(session, plan_id=plan_id)[:2])
    bad = tmp_path / "bad.csv"
    bad.write_text(
        f"指标编号,定义,更新频率\n{first},甲,年度\nx,乙,\n{second},丙,每周\n999999,丁,\n",
        encoding="utf-8",
    )
    with session_scope(engine) as session, pytest.raises(InputProblem) as refused:
        import_metadata_file(session, path=bad, author="p")
    message = str(refused.value)
    assert message.startswith("bad.csv: 3 处有误")
    assert (
        "第3行 指标编号" in message and "第4行 更新频率" in message and "第5行 指标编号" in message
    )
    good = tmp_path / "good.csv"
    good.write_text(f"indicator_id,definition,frequency\n{first},甲,月度\n", encoding="utf-8")
    with session_scope(engine) as session:
        done = import_metadata_file(session, path=good, author="p")
        view = indicator_metadata(session, indicator_id=first)
    assert (done.rows, done.changed) == (1, 1)
    assert view.value("definition") == "甲" and view.value("frequency") == "monthly"
