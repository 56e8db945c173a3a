"""import_plan on a real database: created, unchanged, new version, all or nothing."""

from __future__ import annotations

import importlib

import pytest
from sqlalchemy import event, func, select

from minsheng.errors import InputProblem
from minsheng.ingest import parse_file
from minsheng.model.catalogue import Catalogue
from minsheng.model.cell import parse_value
from minsheng.model.observation import ReviewState, Source
from minsheng.model.plan import KeyProject, Period, PlanMeta
from minsheng.store import session_scope
from minsheng.store.repositories import audit, observations, plans, regions
from minsheng.store.repositories.observations import current_values
from minsheng.store.tables import (
    Indicator,
    Observation,
    ObservationRevision,
    Plan,
    PlanColumn,
    PreviousPlanResult,
    Region,
    ServiceItem,
)
from minsheng.store.tables import KeyProject as KeyProjectRow
from minsheng.usecases import import_plan
from minsheng.usecases.plan_values import plan_values
from minsheng.usecases.plans import find_current_plan

AUTHOR = "规划处"
# The module, not the function of the same name that minsheng.usecases exports.
import_plan_module = importlib.import_module("minsheng.usecases.import_plan")


def run_import(engine, parsed, author=AUTHOR):
    with session_scope(engine) as session:
        return import_plan(session, parsed, author=author)


def count(session, table, **where):
    query = select(func.count()).select_from(table)
    for name, value in where.items():
        query = query.where(getattr(table, name) == value)
    return session.scalar(query)


def revised(parsed):
    """The same plan with its first indicator's target raised."""
    first = parsed.indicators[0]
    target = first.target.model_copy(update={"raw": "≥5", "number": 5.0})
    indicators = [first.model_copy(update={"target": target}), *parsed.indicators[1:]]
    return parsed.model_copy(update={"indicators": indicators})


def test_first_import_stores_every_part(engine, hefei_plan):
    result = run_import(engine, hefei_plan)
    assert (result.status, result.version, result.region) == ("created", 1, "合肥市")
    with session_scope(engine) as session:
        plan = session.get(Plan, result.plan_id)
        assert (plan.title, plan.period_start, plan.period_end) == (
            "合肥市“十四五”公共服务规划",
            2021,
            2025,
        )
        assert plan.is_current and not plan.is_reference
        pid = plan.id
        assert count(session, Indicator, plan_id=pid) == len(hefei_plan.indicators) == 38
        assert count(session, PreviousPlanResult, plan_id=pid) == len(
            hefei_plan.previous_plan_results
        )
        assert count(session, ServiceItem, plan_id=pid) == len(hefei_plan.service_items)
        assert count(session, PlanColumn, plan_id=pid) == len(hefei_plan.columns)
        assert count(session, KeyProjectRow, plan_id=pid) == len(hefei_plan.projects)
        first = session.scalar(
            select(Indicator).where(Indicator.plan_id == pid, Indicator.position == 0)
        )
        assert first.name == "每千人口拥有3岁以下婴幼儿托位数"
        assert first.target["raw"] == "≥4.6"
        entry = Catalogue.bundled().match(first.name)
        assert first.catalogue_key == (entry.key if entry else None)
        assert first.target["comparator"] == "ge"
        assert hefei_plan.indicators[0].target.model_validate(first.target) == (
            hefei_plan.indicators[0].target
        )


def test_region_hierarchy_with_codes(engine, hefei_plan):
    run_import(engine, hefei_plan)
    with session_scope(engine) as session:
        hefei = session.scalar(select(Region).where(Region.name == "合肥市"))
        anhui = session.get(Region, hefei.parent_id)
        assert (anhui.name, anhui.code, anhui.level, anhui.parent_id) == (
            "安徽省",
            "340000",
            "province",
            None,
        )
        assert (hefei.code, hefei.level) == ("340100", "city")


def test_baselines_become_approved_2020_observations(engine, hefei_plan):
    result = run_import(engine, hefei_plan)
    expected = plan_values(hefei_plan)
    assert result.values_recorded == len(expected) > 20
    with session_scope(engine) as session:
        rows = session.execute(
            select(Indicator.name, Observation.year, ObservationRevision)
            .join(Observation, Observation.indicator_id == Indicator.id)
            .join(ObservationRevision, ObservationRevision.observation_id == Observation.id)
            .where(Indicator.plan_id == result.plan_id)
        ).all()
        assert len(rows) == len(expected)
        assert {year for _, year, _ in rows} == {2020}
        assert all(r.state == ReviewState.APPROVED for _, _, r in rows)
        assert all((r.source, r.author) == (Source.PLAN, "plan import") for _, _, r in rows)
        values = {name: r.value for name, _, r in rows}
        assert values["每千人口拥有3岁以下婴幼儿托位数"] == 1.38
        current = current_values(session, plan_id=result.plan_id)
        first = session.scalar(
            select(Indicator.id).where(Indicator.plan_id == result.plan_id, Indicator.position == 0)
        )
        assert current[(first, _region_id(session, result), 2020)].value == 1.38


def test_previous_actual_is_kept_behind_a_differing_baseline(engine, hefei_plan):
    """Both values of the base year are stored; the indicator table's baseline is current."""
    numeric = {i.name: p for p, i in enumerate(hefei_plan.indicators) if i.baseline.number}
    results = list(hefei_plan.previous_plan_results)
    at = next(n for n, row in enumerate(results) if row.name in numeric)
    results[at] = results[at].model_copy(update={"actual": parse_value("12345")})
    parsed = hefei_plan.model_copy(update={"previous_plan_results": results})
    position = numeric[results[at].name]
    result = run_import(engine, parsed)
    with session_scope(engine) as session:
        indicator_id = session.scalar(
            select(Indicator.id).where(
                Indicator.plan_id == result.plan_id, Indicator.position == position
            )
        )
        key = (indicator_id, _region_id(session, result), 2020)
        observation = session.scalar(
            select(Observation).where(Observation.indicator_id == indicator_id)
        )
        history = observations.revisions(session, observation_id=observation.id)
        baseline = hefei_plan.indicators[position].baseline.number
        assert [r.value for r in history] == [12345.0, baseline]
        assert current_values(session, plan_id=result.plan_id)[key].value == baseline


def test_importing_again_changes_nothing(engine, hefei_plan, row_counts):
    first = run_import(engine, hefei_plan)
    before = row_counts()
    again = run_import(engine, hefei_plan)
    assert (again.status, again.plan_id, again.version) == ("unchanged", first.plan_id, 1)
    assert row_counts() == before


def test_same_document_under_another_name_is_unchanged(engine, hefei_plan, row_counts):
    run_import(engine, hefei_plan)
    before = row_counts()
    renamed = hefei_plan.model_copy(update={"source": "renamed.docx", "warnings": []})
    assert run_import(engine, renamed).status == "unchanged"
    assert row_counts() == before


def test_a_revised_plan_is_a_new_version(engine, hefei_plan):
    first = run_import(engine, hefei_plan)
    second = run_import(engine, revised(hefei_plan), author="发改委")
    assert (second.status, second.version) == ("new_version", 2)
    assert second.plan_id != first.plan_id
    with session_scope(engine) as session:
        region_id = _region_id(session, first)
        stored = plans.versions(session, region_id=region_id, period_start=2021)
        assert [(p.version, p.is_current) for p in stored] == [(1, False), (2, True)]
        assert plans.current_plan(session, region_id=region_id).id == second.plan_id
        old = session.scalar(
            select(Indicator).where(Indicator.plan_id == first.plan_id, Indicator.position == 0)
        )
        assert old.target["raw"] == "≥4.6"  # version 1 is kept as it was
        assert count(session, Indicator, plan_id=first.plan_id) == 38
        superseded = audit.entries(session, entity="plan")
        assert [(e.action, e.entity_id, e.username) for e in superseded] == [
            ("import", first.plan_id, AUTHOR),
            ("fill", first.plan_id, AUTHOR),  # key projects' facts read from the text
            ("supersede", first.plan_id, "发改委"),
            ("import", second.plan_id, "发改委"),
            ("fill", second.plan_id, "发改委"),
        ]
    assert run_import(engine, revised(hefei_plan)).status == "unchanged"


def test_every_write_is_audited(engine, hefei_plan):
    result = run_import(engine, hefei_plan)
    with session_scope(engine) as session:
        entries = audit.entries(session)
        assert {e.username for e in entries} == {AUTHOR}
        assert [(e.action, e.entity, e.detail["name"]) for e in entries[:2]] == [
            ("create", "region", "安徽省"),
            ("create", "region", "合肥市"),
        ]
        (plan_entry,) = [e for e in entries if e.entity == "plan" and e.action == "import"]
        assert plan_entry.entity_id == result.plan_id
        assert plan_entry.detail["indicators"] == 38
        assert plan_entry.detail["source"] == hefei_plan.source
        recorded = [e for e in entries if e.entity == "observation_revision"]
        assert len(recorded) == result.values_recorded == count(session, ObservationRevision)


def test_a_plan_without_region_is_refused_naming_the_file(engine, hefei_plan, row_counts):
    before = row_counts()
    nameless = hefei_plan.model_copy(update={"plan": PlanMeta(), "source": "untitled.docx"})
    with pytest.raises(InputProblem, match=r"untitled\.docx"):
        run_import(engine, nameless)
    assert row_counts() == before


def test_a_failing_import_writes_nothing(engine, hefei_plan, row_counts, monkeypatch):
    """A key project in a column the plan lacks breaks a foreign key after the region,
    the plan and its indicators were written: all of it is rolled back."""
    monkeypatch.setattr(import_plan_module, "_check", lambda parsed: None)
    broken = hefei_plan.model_copy(
        update={"projects": [*hefei_plan.projects, KeyProject(column=99, name="x", line=1)]}
    )
    before = row_counts()
    with pytest.raises(Exception, match=r"(?i)foreign key"):
        run_import(engine, broken)
    assert row_counts() == before


def test_projects_in_missing_columns_are_an_input_problem(engine, hefei_plan, row_counts):
    broken = hefei_plan.model_copy(update={"projects": [KeyProject(column=99, name="x", line=1)]})
    before = row_counts()
    with pytest.raises(InputProblem, match=r"missing columns \[99\]"):
        run_import(engine, broken)
    assert row_counts() == before


def test_all_seed_plans_import(engine, seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        assert run_import(engine, parse_file(path)).status == "created"
    with session_scope(engine) as session:
        assert count(session, Plan) == 5
        kongtong = session.scalar(select(Region).where(Region.name == "崆峒区"))
        assert kongtong.code == "620802"


def _region_id(session, result):
    return session.get(Plan, result.plan_id).region_id


def next_period(parsed):
    """The same plan as the region's 十五五 plan: a new period, not a revision."""
    meta = parsed.plan.model_copy(
        update={"period": Period(start=2026, end=2030), "title": "合肥市“十五五”公共服务规划"}
    )
    return parsed.model_copy(update={"plan": meta, "source": "hefei-15.txt"})


def test_a_plan_of_the_next_period_is_the_regions_next_plan_and_both_stay_current(
    engine, hefei_plan
):
    first = run_import(engine, hefei_plan)
    nxt = run_import(engine, next_period(hefei_plan))
    assert nxt.status == "next_plan" and nxt.plan_id != first.plan_id
    with session_scope(engine) as session:
        region_id = _region_id(session, first)
        both = plans.current_plans_of_region(session, region_id=region_id)
        assert [(p.period_start, p.is_current) for p in both] == [(2021, True), (2026, True)]
        assert plans.current_plan(session, region_id=region_id).id == nxt.plan_id
        assert len(plans.versions(session, region_id=region_id, period_start=2021)) == 1
        assert {p.id for p in plans.current_plans(session)} >= {first.plan_id, nxt.plan_id}
    assert run_import(engine, next_period(hefei_plan)).status == "unchanged"
    assert run_import(engine, hefei_plan).status == "unchanged"
    again = run_import(engine, next_period(revised(hefei_plan)))
    assert again.status == "new_version"
    with session_scope(engine) as session:
        assert (
            plans.current_plan_of_period(
                session, region_id=_region_id(session, first), period_start=2021
            ).id
            == first.plan_id
        )


ZHENGZHOU_PLAN = """郑州市“十四五”公共服务规划

（示例数据：为检验地名表而编写的简短文本，并非正式发布的规划）

表1 “十四五”时期公共服务主要指标

领域	指标	2020年	2025年	属性
幼有所育	每千人口拥有3岁以下婴幼儿托位数(个)	1.5	4.5	预期性
病有所医	人均预期寿命(岁)	79.5	80.5	预期性
"""


def test_a_plan_of_a_city_outside_the_seeds_gets_its_code_province_and_districts(engine, tmp_path):
    path = tmp_path / "zhengzhou.txt"
    path.write_text(ZHENGZHOU_PLAN, encoding="utf-8")
    parsed = parse_file(path)
    assert (parsed.plan.region, parsed.plan.province) == ("郑州市", "河南省")
    with session_scope(engine) as session:
        import_plan(session, parsed, author="规划处")
    with session_scope(engine) as session:
        plan = find_current_plan(session, region="郑州市")
        region = plan.region
        province = regions.get_region(session, region_id=region.parent_id)
        assert (region.code, province.name, province.code) == ("410100", "河南省", "410000")
        below = regions.ensure_known_children(session, region=region)
        assert {"金水区", "中牟县", "巩义市", "登封市"} <= {r.name for r in below}
        assert all(r.code and r.code.startswith("4101") for r in below)
        assert plans.current_plans(session)


def test_the_citys_districts_are_read_once_not_once_per_key_project(engine, hefei_plan):
    """Hefei has 309 key projects, 170 of them naming a district: filling them looks the
    city's districts up once (it took 1,714 queries and 2 of the import's 2.4 s)."""
    asked: list[str] = []

    def record(connection, cursor, statement, *rest):
        if statement.lstrip().upper().startswith("SELECT") and "FROM regions" in statement:
            asked.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        run_import(engine, hefei_plan)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    with session_scope(engine) as session:
        filled = count(session, KeyProjectRow) - session.scalar(
            select(func.count()).where(KeyProjectRow.region_id.is_(None))
        )
    assert len(hefei_plan.projects) == 309 and filled >= 150
    assert len(asked) < 50
