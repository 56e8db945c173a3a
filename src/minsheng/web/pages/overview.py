"""The overview: every plan as a card with its domain-by-domain status summary."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from minsheng.usecases.read.overview import overview as overview_page
from minsheng.usecases.read.period import parsed_as_of
from minsheng.web.deps import SessionDep
from minsheng.web.templating import render

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def overview(
    request: Request,
    session: SessionDep,
    page: int = 1,
    year: int | None = None,
    as_of: str = "",
) -> HTMLResponse:
    """`year`: the evaluation year (None: the newest with approved data); `as_of`: judge
    the data approved by the end of that day (YYYY-MM-DD; empty: the values in force)."""
    found = overview_page(session, page=page, year=year, as_of=parsed_as_of(as_of))
    return render(request, "overview.html", cards=found.cards, overview=found)
