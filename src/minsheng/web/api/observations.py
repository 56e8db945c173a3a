"""/api/v1/observations: values in force (public) and new values (reporters and planners).

Unapproved values (draft, submitted, returned) are for signed-in staff only; the public
sees who reported a value as the department, never the person's user name.

A write goes through `record_observations`, the same validation as an Excel upload: all
rows are stored or none, and every problem comes back as {row, column, message}.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Body, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from minsheng.collect import RawRecord
from minsheng.errors import InputProblem
from minsheng.model.observation import ReviewState
from minsheng.usecases.assignments import permission_in
from minsheng.usecases.observations import ObservationFileRejected, record_observations
from minsheng.usecases.public_authors import departments_by_author
from minsheng.usecases.read import observations
from minsheng.usecases.users import Account
from minsheng.web.api.fields import BeijingTime, YearQuery
from minsheng.web.api.listing import ListDep, list_response
from minsheng.web.api.openapi import OPTIONAL_AUTH
from minsheng.web.api.plan_choice import (
    PlanIdQuery,
    PlanNameQuery,
    RegionQuery,
    chosen_plan,
    region_or_none,
)
from minsheng.web.deps import AccountDep, ReporterDep, SessionDep
from minsheng.web.problem_details import PROBLEM_TYPE, Problem, problem_body

router = APIRouter(prefix="/observations", tags=["observations"])

SOURCE_NAME = "api"
FIELDS = ("region", "indicator", "year", "value", "unit", "source", "note")


class ObservationPublic(BaseModel):
    """One observation with the revision asked for (the value in force by default)."""

    model_config = ConfigDict(from_attributes=True)

    id: int = Field(description="监测值编号")
    indicator_id: int = Field(description="指标编号（见 /api/v1/indicators）")
    indicator: str = Field(description="指标名称", examples=["每千人口拥有3岁以下婴幼儿托位数"])
    plan_id: int = Field(description="指标所属规划的编号")
    region_id: int = Field(description="地区编号（见 /api/v1/regions）")
    region: str = Field(description="地区名称", examples=["合肥市"])
    year: int = Field(description="数据年份", examples=[2023])
    value: float | None = Field(description="数值（定性指标：1 是，0 否）", examples=[3.2])
    unit: str | None = Field(description="计量单位", examples=["个"])
    source: str = Field(description="数据来源（上传文件名、表单或 api）")
    state: str = Field(
        description="审核状态：approved 已审核；登录后可见 draft、submitted、returned",
        examples=["approved"],
    )
    note: str | None = Field(description="备注")
    department: str | None = Field(description="填报单位", examples=["合肥市卫生健康委员会"])
    author: str | None = Field(
        description="填报人用户名：仅对有权查看未审核数据的登录用户提供，公众为 null"
    )
    revision_id: int = Field(description="修订编号")
    recorded_at: BeijingTime = Field(description="记录时间（北京时间）")


class ObservationCreate(BaseModel):
    """One value as a department reports it; checked like a row of the Excel template."""

    region: str
    indicator: str
    year: int | str
    value: float | str | None
    unit: str | None = None
    source: str | None = None
    note: str | None = None


class ObservationBatch(BaseModel):
    plan_id: int | None = Field(None, ge=1, description="规划编号", examples=[1])
    plan: str | None = Field(
        None,
        deprecated=True,
        description="已弃用，请用 plan_id：规划所属行政区",
        examples=["合肥市"],
    )
    draft: bool = False
    observations: list[ObservationCreate]


class OutlierPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    row: int
    region: str
    indicator: str
    year: int
    value: float


class RecordedPublic(BaseModel):
    plan: str
    recorded: int
    state: str
    outliers: list[OutlierPublic]


class RowProblemPublic(BaseModel):
    row: int = Field(description="出错的行（从 1 起）", examples=[2])
    column: str = Field(description="出错的列（字段名）", examples=["value"])
    message: str = Field(description="错误说明")


class RejectedPublic(Problem):
    """Nothing stored: every row at fault, as problem details with `problems`."""

    problems: list[RowProblemPublic] = Field(description="每一处问题")


StateFilter = Literal["approved", "draft", "submitted", "returned", "any"]
NOTHING_STORED = "发现 {count} 处问题，未保存任何数据"
STAFF_ROLES = ("admin", "planner", "reporter")
UNAPPROVED_FOR_STAFF = "未审核的数据（草稿、已报送、已退回）仅对登录的填报和规划人员开放"


@router.get("", response_model=list[ObservationPublic], openapi_extra=OPTIONAL_AUTH)
def list_observations(
    *,
    request: Request,
    session: SessionDep,
    params: ListDep,
    user: AccountDep,
    plan_id: PlanIdQuery = None,
    indicator_id: Annotated[int | None, Query(ge=1, description="指标编号")] = None,
    region: RegionQuery = None,
    year: YearQuery | None = None,
    state: Annotated[
        StateFilter, Query(description="approved（默认，现行值）；其他状态须登录")
    ] = "approved",
) -> Response:
    """Values in force (`approved`), or observations whose newest revision is in `state`
    (signed-in reporters, planners and administrators only)."""
    staff = _staff(user, state)
    page = observations.list_observations(
        session,
        plan_id=plan_id,
        indicator_id=indicator_id,
        region=region_or_none(session, region),
        year=year,
        state=state,
        window=params.window,
    )
    rows = _public_rows(session, page.items, staff=staff)
    return list_response(request, params, rows, total=page.total, name="observations")


def _staff(user: Account | None, state: str) -> bool:
    """Whether the asker may see unapproved values and user names; refuses the public
    (401) or a viewer (403) asking for an unapproved state."""
    staff = user is not None and user.role in STAFF_ROLES
    if state != "approved" and not staff:
        raise HTTPException(status_code=401 if user is None else 403, detail=UNAPPROVED_FOR_STAFF)
    return staff


def _public_rows(
    session: Session, found: list[observations.ObservationRow], *, staff: bool
) -> list[ObservationPublic]:
    """The rows with the author's department; the user name only for staff."""
    departments = departments_by_author(session)
    return [
        ObservationPublic.model_validate(
            {**vars(row), "department": departments.get(row.author),
             "author": row.author if staff else None}
        )
        for row in found
    ]  # fmt: skip


@router.post(
    "",
    status_code=201,
    response_model=RecordedPublic,
    responses={422: {"model": RejectedPublic, "description": "nothing stored; every problem"}},
)
def post_observations(
    *,
    session: SessionDep,
    user: ReporterDep,
    body: Annotated[list[ObservationCreate] | ObservationBatch, Body()],
    plan_id: PlanIdQuery = None,
    plan: PlanNameQuery = None,
    draft: Annotated[bool, Query(description="存为草稿（填报人员总是草稿）")] = False,
) -> Response:
    """Record values for one plan (`plan_id`, in the query or the body), all or none.

    Reporters write drafts, and only what their department is assigned; planners and
    administrators write approved values unless `draft` is set.
    """
    batch = body if isinstance(body, ObservationBatch) else ObservationBatch(observations=body)
    named = batch.model_dump(include={"plan"})["plan"]  # read without its deprecation warning
    region = _plan_region(session, plan_id or batch.plan_id, plan or named)
    try:
        result = record_observations(
            session,
            records=[_raw(number, item) for number, item in enumerate(batch.observations, 1)],
            region=region,
            author=user.username,
            draft=draft or batch.draft or user.role == "reporter",
            source_name=SOURCE_NAME,
            may_report=permission_in(session, user, region=region),
        )
    except ObservationFileRejected as rejected:
        session.rollback()  # regions stored on the way are dropped too: nothing is written
        return rejected_response(rejected)
    recorded = RecordedPublic(
        plan=result.region,
        recorded=result.recorded,
        state=ReviewState(result.state).value,
        outliers=[OutlierPublic.model_validate(row) for row in result.outliers],
    )
    return JSONResponse(recorded.model_dump(mode="json"), status_code=201)


def _plan_region(session: Session, plan_id: int | None, plan: str | None) -> str:
    """The region whose current plan the values are for (what record_observations takes)."""
    chosen = chosen_plan(session, plan_id, plan)
    if not chosen.is_current:
        raise InputProblem("只能向现行规划填报数据", field="plan_id")
    return chosen.region.name


def _raw(number: int, item: ObservationCreate) -> RawRecord:
    """A body item as a file row: numbered from 1, columns named by the JSON keys."""
    given = item.model_dump()
    values = {f: "" if given[f] is None else str(given[f]).strip() for f in FIELDS}
    return RawRecord(SOURCE_NAME, None, number, values, {f: f for f in FIELDS})


def rejected_response(rejected: ObservationFileRejected) -> JSONResponse:
    """422 with every problem as {row, column, message}: nothing was stored."""
    detail = NOTHING_STORED.format(count=len(rejected.problems))
    body = problem_body(422, detail, rejected.code)
    body["problems"] = [
        {"row": p.row, "column": p.column, "message": p.message} for p in rejected.problems
    ]
    return JSONResponse(body, status_code=422, media_type=PROBLEM_TYPE)
