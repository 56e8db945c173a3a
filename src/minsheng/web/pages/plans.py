"""The plan page: indicators by domain, the previous plan's results, columns and projects."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from minsheng.usecases.read.period import parsed_as_of
from minsheng.usecases.read.plan_page import plan_view
from minsheng.web.deps import SessionDep
from minsheng.web.templating import render

router = APIRouter()


@router.get("/plans/{plan_id}", response_class=HTMLResponse)
def plan_page(
    plan_id: int,
    request: Request,
    session: SessionDep,
    year: int | None = None,
    as_of: str = "",
) -> HTMLResponse:
    """`year`: the evaluation year (None: the newest with approved data); `as_of`: judge
    the data approved by the end of that day (YYYY-MM-DD; empty: the values in force)."""
    view = plan_view(session, plan_id=plan_id, year=year, as_of=parsed_as_of(as_of))
    return render(request, "plan.html", view=view)
