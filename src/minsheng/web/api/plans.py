"""/api/v1/plans: the stored plans (current versions) and one plan's contents, public."""

from __future__ import annotations

from datetime import date
from typing import Self

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict

from minsheng.usecases.read import plans
from minsheng.usecases.read.evaluations import evaluation_year
from minsheng.usecases.read.paging import Page
from minsheng.usecases.read.period import Period
from minsheng.web.api.listing import ListDep, list_response
from minsheng.web.api.plan_choice import RegionQuery, chosen_plan
from minsheng.web.deps import SessionDep

router = APIRouter(prefix="/plans", tags=["plans"])


class PlanPublic(BaseModel):
    id: int
    region: str
    region_code: str | None
    title: str | None
    period_start: int | None
    period_end: int | None
    issue_date: date | None
    version: int
    is_reference: bool

    @classmethod
    def of(cls, detail: plans.PlanDetail) -> Self:
        plan = detail.plan
        return cls.model_validate(
            {
                **{name: getattr(plan, name) for name in cls.model_fields if hasattr(plan, name)},
                "region": plan.region.name,
                "region_code": plan.region.code,
                "counts": detail.counts,
                "domains": [DomainPublic.model_validate(d) for d in detail.domains],
            }
        )


class DomainPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    name: str
    indicators: int
    service_items: int


class EvaluationYearsPublic(BaseModel):
    """The years a plan can be judged as of (`year=` elsewhere): `default` is the newest
    year with approved data, `mid_term` (中期评估) and `final` (终期评估) are named."""

    years: list[int]
    default: int
    mid_term: int
    final: int


class PlanDetailPublic(PlanPublic):
    is_current: bool
    source_name: str
    counts: dict[str, int]
    domains: list[DomainPublic]
    evaluation_years: EvaluationYearsPublic | None = None


@router.get("", response_model=list[PlanPublic])
def list_plans(
    request: Request, session: SessionDep, params: ListDep, region: RegionQuery = None
) -> Response:
    """Every region's current plan, the national reference last; `region` (name or code)
    finds one region's current plan, to learn its `plan_id`."""
    if region:
        found = plans.plan_detail(session, plan_id=chosen_plan(session, None, region).id)
        page = Page(params.window.of([found]), 1)
    else:
        page = plans.list_plans(session, window=params.window)
    rows = [PlanPublic.of(detail) for detail in page.items]
    return list_response(request, params, rows, total=page.total, name="plans")


@router.get("/{plan_id}", response_model=PlanDetailPublic)
def get_plan(plan_id: int, session: SessionDep) -> PlanDetailPublic:
    """A plan (any version) with how many indicators, items, columns … it holds, by domain,
    and the years it can be evaluated as of."""
    detail = plans.plan_detail(session, plan_id=plan_id)
    period = Period.of(detail.plan)
    years = EvaluationYearsPublic(
        years=period.years,
        default=evaluation_year(session, detail.plan),
        mid_term=period.mid_term,
        final=period.end,
    )
    return PlanDetailPublic.of(detail).model_copy(update={"evaluation_years": years})
