"""/api/v1/indicators/{id}/metadata: an indicator's definition, formula, data source,
responsible department and update frequency; planners (or their tokens) change them.
The public sees who edited as the editor's department, never a user name."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from minsheng.usecases.indicator_metadata import MetadataProblems, edit_metadata
from minsheng.usecases.public_authors import departments_by_author
from minsheng.usecases.read.indicator_metadata import IndicatorMetadataView, indicator_metadata
from minsheng.usecases.users import Account
from minsheng.web.api.openapi import OPTIONAL_AUTH
from minsheng.web.deps import AccountDep, PlannerDep, SessionDep
from minsheng.web.problem_details import ValidationProblem, problem_response

router = APIRouter(prefix="/indicators", tags=["indicators"])


class ChangePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    field: str
    label: str
    before: str | None
    after: str | None


class HistoryPublic(BaseModel):
    author: str | None = Field(description="修改人：登录用户看到用户名，公众看到其所在单位")
    at: datetime = Field(description="When, in Beijing time (+08:00)")
    changes: list[ChangePublic]


class MetadataPublic(BaseModel):
    indicator_id: int
    plan_id: int
    name: str
    unit: str | None
    direction: str = Field(description="The direction the evaluation judges by")
    definition: str | None = Field(description="定义; null: 暂无")
    formula: str | None = Field(description="计算方法")
    data_source: str | None = Field(description="数据来源")
    department: str | None = Field(description="责任单位")
    frequency: str | None = Field(description="更新频率: annual, quarterly or monthly")
    notes: str | None = Field(description="备注")
    origins: dict[str, str] = Field(
        description="Field → edited, plan, catalogue, minsheng, assignments or monitoring"
    )
    updated_by: str | None = Field(description="最后修改人：登录用户看到用户名，公众看到其所在单位")
    updated_at: datetime | None = Field(description="Last edit, Beijing time (+08:00)")
    history: list[HistoryPublic]

    @classmethod
    def of(cls, view: IndicatorMetadataView) -> MetadataPublic:
        history = [
            HistoryPublic(
                author=entry.author,
                at=entry.at,
                changes=[ChangePublic.model_validate(change) for change in entry.changes],
            )
            for entry in view.history
        ]
        return cls(
            indicator_id=view.indicator_id,
            plan_id=view.plan_id,
            name=view.name,
            unit=view.unit,
            direction=view.direction,
            **view.values(),
            origins={entry.name: entry.origin for entry in view.entries if entry.origin},
            updated_by=view.updated_by,
            updated_at=view.updated_at,
            history=history,
        )


class MetadataUpdate(BaseModel):
    """The fields to change; a field left out keeps its value, null or "" falls back to
    what the plan, the catalogue or the assignments say."""

    model_config = ConfigDict(extra="forbid")

    definition: str | None = None
    formula: str | None = None
    data_source: str | None = None
    department: str | None = None
    frequency: str | None = Field(None, description="年度/季度/月度 or annual/quarterly/monthly")
    notes: str | None = None


@router.get("/{indicator_id}/metadata", response_model=MetadataPublic, openapi_extra=OPTIONAL_AUTH)
def get_indicator_metadata(
    indicator_id: int, session: SessionDep, user: AccountDep
) -> MetadataPublic:
    found = MetadataPublic.of(indicator_metadata(session, indicator_id=indicator_id))
    return found if _staff(user) else _by_department(session, found)


def _staff(user: Account | None) -> bool:
    return user is not None and user.role != "viewer"


def _by_department(session: SessionDep, found: MetadataPublic) -> MetadataPublic:
    """Editors named by their department, as the public may see them."""
    departments = departments_by_author(session)
    history = [
        entry.model_copy(update={"author": departments.get(entry.author or "")})
        for entry in found.history
    ]
    updated_by = departments.get(found.updated_by or "")
    return found.model_copy(update={"updated_by": updated_by, "history": history})


@router.put(
    "/{indicator_id}/metadata",
    response_model=MetadataPublic,
    responses={422: {"model": ValidationProblem, "description": "未保存；逐项列出出错的字段"}},
)
def put_indicator_metadata(
    indicator_id: int, body: MetadataUpdate, session: SessionDep, user: PlannerDep
) -> Response:
    """Change the metadata (planners and administrators), audited with a revision."""
    indicator_metadata(session, indicator_id=indicator_id)  # 404 before any check
    fields = body.model_dump(exclude_unset=True)
    try:
        edit_metadata(session, indicator_id=indicator_id, fields=fields, author=user.username)
    except MetadataProblems as problems:
        return _rejected(problems)
    view = indicator_metadata(session, indicator_id=indicator_id)
    return JSONResponse(MetadataPublic.of(view).model_dump(mode="json"))


def _rejected(problems: MetadataProblems) -> JSONResponse:
    fields = [{"field": name, "message": text} for name, text in problems.problems.items()]
    return problem_response(422, problems.message, "invalid_request", fields)
