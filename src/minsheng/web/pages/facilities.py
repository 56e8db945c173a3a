"""The 设施布局 page of a plan: facilities by type on the district map, the residents
beyond the service radius, coverage and accessibility per district, provision norms, and
a siting tool (new sites that reach the most uncovered residents)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BeforeValidator

from minsheng.usecases.read.facility_page import SitingRequest, facility_view
from minsheng.usecases.read.period import EvaluationYear, OfferedYears
from minsheng.usecases.read.siting import MAX_NEW_SITES
from minsheng.web.deps import SessionDep
from minsheng.web.templating import render

router = APIRouter()
BLANK_IS_NONE = BeforeValidator(lambda value: value or None)
"""A number field left empty in the form means "the default"."""


@router.get("/plans/{plan_id}/facilities", response_class=HTMLResponse)
def facilities_page(
    plan_id: int,
    request: Request,
    session: SessionDep,
    *,
    type: str | None = None,
    radius: Annotated[float | None, Query(gt=0, le=20_000), BLANK_IS_NONE] = None,
    new: Annotated[int | None, Query(ge=1, le=MAX_NEW_SITES)] = None,
    exact: bool = False,
    year: Annotated[int | None, Query(ge=2000, le=2050)] = None,
) -> HTMLResponse:
    siting = SitingRequest(new, exact) if new else None
    view = facility_view(
        session, plan_id=plan_id, type_code=type, radius=radius, siting=siting, year=year
    )
    period = EvaluationYear(view.year, OfferedYears.around(view.plan, view.year), bool(year))
    return render(request, "facilities.html", view=view, period=period, max_new_sites=MAX_NEW_SITES)
