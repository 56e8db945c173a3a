"""/api/v1/projects: key projects listed in the plans' columns, with district, 建设性质,
investment (万元), dates, responsible unit, location, status and progress."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict

from minsheng.errors import InputProblem
from minsheng.store.repositories.projects import ProjectCriteria
from minsheng.usecases.project_edits import NATURES, STATUSES
from minsheng.usecases.read import projects
from minsheng.web.api.listing import ListDep, list_response
from minsheng.web.api.plan_choice import PlanIdQuery, RegionQuery, region_or_none
from minsheng.web.deps import SessionDep

router = APIRouter(prefix="/projects", tags=["projects"])
Amount = Annotated[float | None, Query(ge=0, description="总投资 bound in 万元")]


class YearInvestmentPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    year: int
    planned: float | None
    completed: float | None


class ProjectPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    plan_id: int
    plan_region: str
    column_number: int
    column_title: str
    name: str
    detail: str | None
    status: str
    progress: int | None
    district: str | None
    nature: str | None
    total_investment: float | None
    start_month: str | None
    end_month: str | None
    responsible_unit: str | None
    lon: float | None
    lat: float | None
    investments: list[YearInvestmentPublic]


@router.get("", response_model=list[ProjectPublic])
def list_projects(
    *,
    request: Request,
    session: SessionDep,
    params: ListDep,
    plan_id: PlanIdQuery = None,
    region: RegionQuery = None,
    district: str | None = None,
    column: int | None = None,
    status: str | None = None,
    nature: str | None = None,
    min_investment: Amount = None,
    max_investment: Amount = None,
    q: str | None = None,
) -> Response:
    """Key projects of the current plans (or one plan version); `region` is the plan's
    region, `district` the 区县 a project lies in, `column` the column's number in its plan,
    investment bounds in 万元; `q` matches name or detail."""
    _check(status, nature, min_investment, max_investment)
    wanted = ProjectCriteria(
        plan_id=plan_id,
        plan_region=region_or_none(session, region),
        district=district,
        column=column,
        status=status,
        nature=nature,
        min_investment=min_investment,
        max_investment=max_investment,
        words=[q] if q else [],
        search_titles=False,
    )
    page = projects.find_projects(session, wanted, window=params.window)
    rows = [ProjectPublic.model_validate(row) for row in page.items]
    return list_response(request, params, rows, total=page.total, name="projects")


def _check(status: str | None, nature: str | None, low: float | None, high: float | None) -> None:
    if status is not None and status not in STATUSES:
        raise InputProblem(f"status must be one of {', '.join(STATUSES)}", field="status")
    if nature is not None and nature not in NATURES:
        raise InputProblem(f"nature must be one of {'、'.join(NATURES)}", field="nature")
    if low is not None and high is not None and low > high:
        raise InputProblem("min_investment is above max_investment", field="min_investment")
