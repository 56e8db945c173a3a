"""The early-warning page: red then yellow, filterable by plan, domain, department, region."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from minsheng.usecases.read.paging import Numbered
from minsheng.usecases.read.period import parsed_as_of
from minsheng.usecases.read.warnings import WarningFilter, warning_list
from minsheng.web.deps import SessionDep
from minsheng.web.templating import render

router = APIRouter()


@router.get("/warnings", response_class=HTMLResponse)
def warnings_page(
    request: Request,
    *,
    session: SessionDep,
    plan: str = "",
    domain: str = "",
    department: str = "",
    region: str = "",
    year: int | None = None,
    as_of: str = "",
    page: int = 1,
) -> HTMLResponse:
    """Filters come from a GET form, so an unselected one arrives as an empty string; a
    page shows `PAGE_SIZE` warnings, judged as of `year` (None: the newest with data)."""
    wanted = WarningFilter(
        plan_id=int(plan) if plan.isdigit() else None,
        domain=domain or None,
        department=department or None,
        region=region or None,
        year=year,
        as_of=parsed_as_of(as_of),
    )
    result = warning_list(session, wanted, Numbered.window_at(page, PAGE_SIZE))
    numbered = Numbered.of(page, result.total, PAGE_SIZE)
    if numbered.page != max(page, 1):  # past the end: the last page (judged once, cached)
        result = warning_list(session, wanted, numbered.window)
    page, pages = numbered.page, numbered.pages
    filters = {"plan": plan, "domain": domain, "department": department, "region": region}
    filters["year"] = str(result.period.year)
    filters["as_of"] = str(result.period.as_of or "")
    return render(request, "warnings.html", result=result, filters=filters, page=page, pages=pages)


PAGE_SIZE = 200
"""Warnings per page: a city's list fits on one; a province's or the nation's is paged."""
