"""/api/v1/previous-plan-results: the previous plan's completion table, with verdicts."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict

from minsheng.model.value import Value
from minsheng.usecases.read import previous_results as previous
from minsheng.web.api.listing import ListDep, list_response
from minsheng.web.api.plan_choice import PlanIdQuery, PlanNameQuery, optional_plan
from minsheng.web.deps import SessionDep

router = APIRouter(prefix="/previous-plan-results", tags=["previous plan results"])


class PreviousResultPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    plan_region: str
    domain: str
    name: str
    unit: str | None
    target: Value
    actual: Value
    status: str


@router.get("", response_model=list[PreviousResultPublic])
def list_previous_results(
    request: Request,
    session: SessionDep,
    params: ListDep,
    plan_id: PlanIdQuery = None,
    plan: PlanNameQuery = None,
) -> Response:
    """Each row of one plan's (or every current plan's) table for the previous plan."""
    chosen = optional_plan(session, plan_id, plan)
    page = previous.list_previous_results(session, plan=chosen, window=params.window)
    rows = [PreviousResultPublic.model_validate(row) for row in page.items]
    return list_response(request, params, rows, total=page.total, name="previous-plan-results")
