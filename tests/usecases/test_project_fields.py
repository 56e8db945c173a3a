"""Key projects' fields on both databases: filled from Hefei's plan, edited by planners,
kept through a new version of the plan, and filtered."""

from __future__ import annotations

from functools import partial

import pytest
from sqlalchemy import select
from tests.conftest import templated_database

from minsheng.errors import InputProblem
from minsheng.model.plan import ParsedPlan
from minsheng.store import session_scope
from minsheng.store.repositories import audit
from minsheng.store.tables import KeyProject
from minsheng.usecases import import_plan
from minsheng.usecases.project_edits import EditRefused, parse_edit
from minsheng.usecases.project_fill import fill_plan
from minsheng.usecases.projects import (
    ProjectFilter,
    edit_from_form,
    edit_project,
    list_projects,
    project_detail,
)

HEFEI = ("庐阳区", "瑶海区", "蜀山区", "包河区", "长丰县", "肥东县", "肥西县", "庐江县", "巢湖市")
FORM = {
    "status": "in_progress",
    "progress": "30",
    "district": "庐阳区",
    "nature": "改扩建",
    "total_investment": "1.2亿元",
    "start_month": "2022年3月",
    "end_month": "2024-12",
    "responsible_unit": "庐阳区教育体育局",
    "lon": "117.26",
    "lat": "31.88",
    "planned_2023": "5000",
    "completed_2023": "4200万元",
}


def _filled(session, *, plan: ParsedPlan) -> int:
    plan_id = import_plan(session, plan, author="规划处").plan_id
    fill_plan(session, plan_id=plan_id, author="规划处", parsed=plan)
    return plan_id


@pytest.fixture
def stored(database_kind, request, hefei_plan: ParsedPlan):
    """Hefei's plan stored and filled from its document (a copy of a template database)."""
    with templated_database(request, "hefei-filled", partial(_filled, plan=hefei_plan)) as made:
        yield made


@pytest.fixture
def database_url(stored):
    return stored[0]


@pytest.fixture
def hefei(stored, engine) -> int:
    """The stored plan's id."""
    return stored[1]


def named(session, plan_id: int, name: str) -> KeyProject:
    query = select(KeyProject).where(KeyProject.plan_id == plan_id, KeyProject.name == name)
    return session.scalars(query).one()


def test_the_plan_fills_districts_and_natures(engine, hefei):
    with session_scope(engine) as session:
        luyang = list_projects(session, ProjectFilter(plan_id=hefei, query="小学"))
        districts = {d.name: d.id for d in luyang.districts}
        in_luyang = list_projects(session, ProjectFilter(district_id=districts["庐阳区"]))
        rebuilt = list_projects(session, ProjectFilter(nature="改扩建", query="中学"))
        school = project_detail(session, project_id=named(session, hefei, "蒙城路小学").id)
    assert in_luyang.total >= 16 and {r.district for r in in_luyang.rows} == {"庐阳区"}
    assert "合肥市第十九中学" in {r.name for r in rebuilt.rows}
    assert (school.project.district, school.project.nature) == ("庐阳区", "新建")
    assert school.years == [2021, 2022, 2023, 2024, 2025]
    assert "庐江县" in school.districts and "巢湖市" in school.districts


def test_an_edit_is_normalised_kept_in_the_history_and_audited(engine, hefei):
    with session_scope(engine) as session:
        project_id = named(session, hefei, "长岗南片区小学").id  # in 经开区: no district
        edit = edit_from_form(session, project_id=project_id, form=FORM)
        edit_project(session, project_id=project_id, edit=edit, author="planner")
        detail = project_detail(session, project_id=project_id)
        entry = audit.entries(session, entity="key_project")[-1]
    row = detail.project
    assert (row.district, row.nature, row.total_investment) == ("庐阳区", "改扩建", 12000)
    assert (row.start_month, row.end_month, row.lon, row.lat) == (
        "2022-03",
        "2024-12",
        117.26,
        31.88,
    )
    assert [(i.year, i.planned, i.completed) for i in row.investments] == [(2023, 5000, 4200)]
    assert set(row.edited_fields) >= {"district", "nature", "total_investment", "lon"}
    assert detail.updates[0].changes["nature"] == ["新建", "改扩建"]
    assert entry.username == "planner" and entry.detail["changes"]["total_investment"][1] == 12000


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("district", "玄武区", "不是本规划地区的区县"),
        ("nature", "拆除", "请选择"),
        ("total_investment", "-5", "金额"),
        ("end_month", "2021-01", "竣工时间不能早于开工时间"),
        ("lat", "", "经度和纬度须同时填写"),
        ("lon", "31.88", "坐标不在中国境内"),
        ("planned_2030", "100", "不在规划期"),
        ("progress", "120", "0—100"),
        ("status", "done", "请选择"),
    ],
)
def test_a_bad_field_is_named_in_chinese(field, value, said):
    with pytest.raises(EditRefused) as refused:
        parse_edit({**FORM, field: value}, districts=HEFEI, years=range(2021, 2026))
    assert list(refused.value.problems) == [field] and said in refused.value.problems[field]


def test_a_refused_edit_writes_nothing(engine, hefei):
    with session_scope(engine) as session:
        project_id = named(session, hefei, "蒙城路小学").id
        with pytest.raises(EditRefused):
            edit_from_form(session, project_id=project_id, form={**FORM, "nature": "拆除"})
        assert project_detail(session, project_id=project_id).updates == []
        assert audit.entries(session, entity="key_project") == []


def test_a_new_version_keeps_planners_edits_and_filling_again_does_not_undo_them(
    engine, hefei, hefei_plan: ParsedPlan
):
    with session_scope(engine) as session:
        project_id = named(session, hefei, "蒙城路小学").id
        edit = edit_from_form(session, project_id=project_id, form={**FORM, "nature": "续建"})
        edit_project(session, project_id=project_id, edit=edit, author="planner")
        fill_plan(session, plan_id=hefei, author="规划处", parsed=hefei_plan)
        assert named(session, hefei, "蒙城路小学").nature == "续建"  # not 新建 from the text
    revised = hefei_plan.plan.model_copy(update={"title": f"{hefei_plan.plan.title}（修订）"})
    changed = hefei_plan.model_copy(update={"plan": revised})
    with session_scope(engine) as session:
        result = import_plan(session, changed, author="规划处")  # fills, carrying edits over
        assert result.status == "new_version"
        filled = fill_plan(session, plan_id=result.plan_id, author="规划处", parsed=changed)
        again = named(session, result.plan_id, "蒙城路小学")
        other = named(session, result.plan_id, "淮北路小学")
    assert filled.carried == 0  # the import carried them already; filling again undoes nothing
    assert (again.nature, again.status, again.progress, again.total_investment) == (
        "续建",
        "in_progress",
        30,
        12000,
    )
    assert (other.nature, other.region_id is not None) == ("新建", True)


def test_filters_refuse_what_cannot_match(engine, hefei):
    with session_scope(engine) as session:
        with pytest.raises(InputProblem):
            list_projects(session, ProjectFilter(nature="拆除"))
        with pytest.raises(InputProblem):
            list_projects(session, ProjectFilter(min_investment=10, max_investment=1))
        some = list_projects(session, ProjectFilter(min_investment=0))
    assert some.total == 0  # the plan states no investment: nothing is invented
