"""Key projects on a real database: filters, pages, and audited status/progress updates."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from minsheng.data.bundled import bundled_plans
from minsheng.errors import InputProblem
from minsheng.store import session_scope
from minsheng.store.repositories import audit
from minsheng.store.tables import KeyProjectUpdate
from minsheng.usecases import import_plan
from minsheng.usecases.plans import find_current_plan
from minsheng.usecases.projects import (
    PAGE_SIZE,
    ProjectFilter,
    list_projects,
    matching_projects,
    parse_progress,
    project_detail,
    update_project,
)
from minsheng.usecases.read.plans import PlanSummary
from minsheng.usecases.read.projects import ColumnRow, ProjectUpdateRow


@pytest.fixture
def stored(engine):
    with session_scope(engine) as session:
        for plan in bundled_plans():
            if plan.plan.region in {"合肥市", "六安市"}:
                import_plan(session, plan, author="规划处")
    return engine


def test_filters_and_pages(stored):
    with session_scope(stored) as session:
        hefei = find_current_plan(session, region="合肥市")
        everything = list_projects(session, ProjectFilter())
        second = list_projects(session, ProjectFilter(), page=2)
        column = list_projects(session, ProjectFilter(plan_id=hefei.id, column=9))
        text = list_projects(session, ProjectFilter(query="托育 设施"))
        none = list_projects(session, ProjectFilter(status="completed"))
        assert everything.total > PAGE_SIZE and len(everything.rows) == PAGE_SIZE
        assert {r.id for r in second.rows}.isdisjoint(r.id for r in everything.rows)
        assert column.total == 1 and all(r.column_number == 9 for r in column.rows)
        assert [c.number for c in column.columns][:2] == [2, 3]
        # only Hefei's 专栏9 (普惠托育设施建设计划) names both words
        assert {r.plan_region for r in text.rows} == {"合肥市"}
        assert none.total == 0
        related = matching_projects(session, terms=["托育"], plan_ids=[hefei.id])
        assert any("托育" in r.column_title for r in related)  # 专栏9 普惠托育设施建设计划


def test_pages_are_clamped_and_choices_are_plain_rows(stored):
    with session_scope(stored) as session:
        hefei = find_current_plan(session, region="合肥市")
        first = list_projects(session, ProjectFilter(), page=-3)
        last = list_projects(session, ProjectFilter(), page=999)
        chosen = list_projects(session, ProjectFilter(plan_id=hefei.id))
    assert first.page == 1 and last.page == last.pages > 1 and last.rows
    assert all(isinstance(plan, PlanSummary) for plan in first.plans)
    assert {plan.region.name for plan in first.plans} == {"合肥市", "六安市"}
    assert first.columns == [] and all(isinstance(c, ColumnRow) for c in chosen.columns)
    assert {c.kind for c in chosen.columns} == {"projects"}


def test_an_update_is_kept_and_audited(stored):
    with session_scope(stored) as session:
        project = list_projects(session, ProjectFilter()).rows[0]
        update_project(
            session,
            project_id=project.id,
            status="in_progress",
            progress=40,
            note="开工",
            author="planner",
        )
        update_project(
            session,
            project_id=project.id,
            status="completed",
            progress=100,
            note=None,
            author="admin",
        )
        detail = project_detail(session, project_id=project.id)
        rows = audit.entries(session, entity="key_project")
    assert (detail.project.status, detail.project.progress) == ("completed", 100)
    assert detail.plan.region.name == detail.project.plan_region
    assert all(isinstance(u, ProjectUpdateRow) for u in detail.updates)
    assert [(u.author, u.status, u.progress, u.note) for u in detail.updates] == [
        ("admin", "completed", 100, None),
        ("planner", "in_progress", 40, "开工"),
    ]
    assert rows[0].detail["before"] == {"status": "planned", "progress": None}
    assert [r.username for r in rows] == ["planner", "admin"]


@pytest.mark.parametrize("text", ["101", "-1", "五十", "4.5"])
def test_progress_out_of_range_is_refused(text):
    with pytest.raises(InputProblem):
        parse_progress(text)


def test_a_bad_update_writes_nothing(stored):
    with session_scope(stored) as session:
        project = list_projects(session, ProjectFilter()).rows[0]
        for status, progress in (("in_progress", 150), ("finished", 10)):
            with pytest.raises(InputProblem):
                update_project(
                    session,
                    project_id=project.id,
                    status=status,
                    progress=progress,
                    note=None,
                    author="p",
                )
        assert session.scalar(select(func.count()).select_from(KeyProjectUpdate)) == 0
        assert project_detail(session, project_id=project.id).project.status == "planned"
        assert audit.entries(session, entity="key_project") == []
    assert parse_progress(" 60 ") == 60 and parse_progress("") is None
