"""The early-warning page: red then yellow, filterable by plan, domain, department, region."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

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
) -> HTMLResponse:
    """Filters come from a GET form, so an unselected one arrives as an empty string."""
    wanted = WarningFilter(
        plan_id=int(plan) if plan.isdigit() else None,
        domain=domain or None,
        department=department or None,
        region=region or None,
    )
    result = warning_list(session, wanted)
    filters = {"plan": plan, "domain": domain, "department": department, "region": region}
    return render(request, "warnings.html", result=result, filters=filters)
