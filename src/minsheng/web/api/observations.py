"""/api/v1/observations: values in force (public) and new values (reporters and planners).

A write goes through `record_observations`, the same validation as an Excel upload: all
rows are stored or none, and every problem comes back as {row, column, message}.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Body, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from minsheng.collect import RawRecord
from minsheng.errors import InputProblem
from minsheng.model.observation import ReviewState
from minsheng.usecases.assignments import permission_in
from minsheng.usecases.observations import ObservationFileRejected, record_observations
from minsheng.usecases.read import observations
from minsheng.web.api.listing import ListDep, list_response
from minsheng.web.deps import ReporterDep, SessionDep

router = APIRouter(prefix="/observations", tags=["observations"])

SOURCE_NAME = "api"
FIELDS = ("region", "indicator", "year", "value", "unit", "source", "note")


class ObservationPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    indicator_id: int
    indicator: str
    plan_id: int
    region_id: int
    region: str
    year: int
    value: float | None
    unit: str | None
    source: str
    state: str
    note: str | None
    author: str
    revision_id: int
    recorded_at: datetime


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
    plan: str | None = Field(None, description="the plan's region, e.g. 合肥市")
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


class ProblemPublic(BaseModel):
    row: int
    column: str
    message: str


class RejectedPublic(BaseModel):
    error: str
    message: str
    problems: list[ProblemPublic]


StateFilter = Literal["approved", "draft", "submitted", "returned", "any"]


@router.get("", response_model=list[ObservationPublic])
def list_observations(
    *,
    request: Request,
    session: SessionDep,
    params: ListDep,
    plan_id: int | None = None,
    indicator_id: int | None = None,
    region: str | None = None,
    year: int | None = None,
    state: StateFilter = "approved",
) -> Response:
    """Values in force (`approved`), or observations whose newest revision is in `state`."""
    page = observations.list_observations(
        session,
        plan_id=plan_id,
        indicator_id=indicator_id,
        region=region,
        year=year,
        state=state,
        window=params.window,
    )
    rows = [ObservationPublic.model_validate(row) for row in page.items]
    return list_response(request, params, rows, total=page.total, name="observations")


@router.post(
    "",
    status_code=201,
    response_model=RecordedPublic,
    responses={422: {"model": RejectedPublic, "description": "nothing stored; every problem"}},
)
def post_observations(
    session: SessionDep,
    user: ReporterDep,
    body: Annotated[list[ObservationCreate] | ObservationBatch, Body()],
    plan: str | None = None,
    draft: bool = False,
) -> Response:
    """Record values for one plan (?plan=合肥市 or `plan` in the body), all or none.

    Reporters write drafts, and only what their department is assigned; planners and
    administrators write approved values unless `draft` is set.
    """
    batch = body if isinstance(body, ObservationBatch) else ObservationBatch(observations=body)
    region = plan or batch.plan
    if not region:
        raise InputProblem("name the plan's region (?plan=合肥市 or in the body)", field="plan")
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


def _raw(number: int, item: ObservationCreate) -> RawRecord:
    """A body item as a file row: numbered from 1, columns named by the JSON keys."""
    given = item.model_dump()
    values = {f: "" if given[f] is None else str(given[f]).strip() for f in FIELDS}
    return RawRecord(SOURCE_NAME, None, number, values, {f: f for f in FIELDS})


def rejected_response(rejected: ObservationFileRejected) -> JSONResponse:
    """422 with every problem as {row, column, message}: nothing was stored."""
    body = RejectedPublic(
        error=rejected.code,
        message=f"{len(rejected.problems)} problem(s), nothing stored",
        problems=[
            ProblemPublic(row=p.row, column=p.column, message=p.message) for p in rejected.problems
        ],
    )
    return JSONResponse(body.model_dump(), status_code=422)
