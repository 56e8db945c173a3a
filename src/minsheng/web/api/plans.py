"""/api/v1/plans: the stored plans (current versions) and one plan's contents, public."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict

from minsheng.usecases import queries
from minsheng.web.api.listing import ListDep, list_response
from minsheng.web.deps import SessionDep

router = APIRouter(prefix="/plans", tags=["plans"])


class PlanPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    region: str
    region_code: str | None
    title: str | None
    period_start: int | None
    period_end: int | None
    issue_date: date | None
    version: int
    is_reference: bool


class DomainPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    name: str
    indicators: int
    service_items: int


class PlanDetailPublic(PlanPublic):
    is_current: bool
    source_name: str
    counts: dict[str, int]
    domains: list[DomainPublic]


@router.get("", response_model=list[PlanPublic])
def list_plans(request: Request, session: SessionDep, params: ListDep) -> Response:
    """Every region's current plan, the national reference last."""
    page = queries.list_plans(session, window=params.window)
    rows = [PlanPublic.model_validate(plan) for plan in page.items]
    return list_response(request, params, rows, total=page.total, name="plans")


@router.get("/{plan_id}", response_model=PlanDetailPublic)
def get_plan(plan_id: int, session: SessionDep) -> PlanDetailPublic:
    """A plan (any version) with how many indicators, items, columns … it holds, by domain."""
    return PlanDetailPublic.model_validate(queries.plan_detail(session, plan_id=plan_id))
