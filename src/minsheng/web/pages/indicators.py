"""The indicator page: its chart, districts, and the same concept in other plans."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from minsheng.usecases.read.indicator_metadata import indicator_metadata
from minsheng.usecases.read.indicator_page import indicator_view
from minsheng.usecases.read.period import parsed_as_of
from minsheng.web.deps import SessionDep
from minsheng.web.templating import render

router = APIRouter()


@router.get("/indicators/{indicator_id}", response_class=HTMLResponse)
def indicator_page(
    indicator_id: int,
    request: Request,
    session: SessionDep,
    year: int | None = None,
    as_of: str = "",
) -> HTMLResponse:
    """`year`: the evaluation year (None: the newest with approved data in the plan);
    `as_of`: judge the data approved by the end of that day (empty: the values in force)."""
    day = parsed_as_of(as_of)
    view = indicator_view(session, indicator_id=indicator_id, year=year, as_of=day)
    metadata = indicator_metadata(session, indicator_id=indicator_id)
    return render(request, "indicator.html", view=view, metadata=metadata)
