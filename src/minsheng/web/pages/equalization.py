"""The 均等化 page of a plan, and the district outlines its map colours."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from minsheng.data.boundaries import district_map
from minsheng.errors import NotFound
from minsheng.usecases.read.equalization_page import equalization_view
from minsheng.usecases.read.period import Period
from minsheng.web.deps import SessionDep
from minsheng.web.templating import render

router = APIRouter()
MAP_CACHE = "public, max-age=86400"  # outlines change only with the installed package


@router.get("/plans/{plan_id}/equalization", response_class=HTMLResponse)
def equalization_page(
    plan_id: int,
    request: Request,
    session: SessionDep,
    indicator: int | None = None,
    year: int | None = None,
) -> HTMLResponse:
    """`year`: a year of the plan's period or its base year (others are refused)."""
    view = equalization_view(session, plan_id=plan_id, indicator_id=indicator, year=year)
    period = Period.of(view.plan)
    period.check(year, view.plan.title or view.plan.region.name, base=True)
    return render(request, "equalization.html", view=view, plan_period=period)


@router.get("/maps/districts/{city_code}.json")
def district_outlines(city_code: str) -> JSONResponse:
    """The outlines of a city's districts (GeoJSON, GCJ-02), for the page's map."""
    found = district_map(city_code) if city_code.isdigit() and len(city_code) == 6 else None
    if found is None:
        raise NotFound(f"no district outlines for {city_code}")
    return JSONResponse(found, headers={"Cache-Control": MAP_CACHE})
