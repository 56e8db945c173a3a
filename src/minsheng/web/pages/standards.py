"""The standards catalogue: items by domain with search, item pages with edits, comparison."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from minsheng.errors import InputProblem
from minsheng.usecases import projects, standards
from minsheng.usecases.rounds import beijing_text
from minsheng.web.csrf import verify_csrf
from minsheng.web.deps import PlannerDep, ReporterDep, SessionDep
from minsheng.web.templating import render

router = APIRouter()
UNDELIVERED = "未达标准"


def _plan_id(text: str | None) -> int | None:
    """The plan chosen in a form's select; blank (all plans) or junk means none."""
    return int(text) if text and text.strip().isdigit() else None


@router.get("/standards", response_class=HTMLResponse)
def catalogue(
    request: Request,
    session: SessionDep,
    plan: str | None = None,
    q: str = "",
    status: str = "",
) -> HTMLResponse:
    """The catalogue; `status=未达标准` keeps the items whose standard is not delivered."""
    undelivered = status == UNDELIVERED
    found = standards.catalogue(
        session, plan_id=_plan_id(plan), query=q, undelivered_only=undelivered
    )
    related = projects.matching_projects(
        session, terms=found.terms, plan_ids=[p.id for p in found.selected]
    )
    return render(
        request,
        "standards.html",
        catalogue=found,
        related=related,
        query=q,
        undelivered=undelivered,
        fields=standards.FIELDS,
        highlight=standards.highlight,
    )


@router.get("/standards/compare", response_class=HTMLResponse)
def compare(
    request: Request, session: SessionDep, plan: Annotated[list[int] | None, Query()] = None
) -> HTMLResponse:
    plan = plan or []
    available = standards.plans_with_items(session)
    comparison = standards.compare_lists(session, plan_ids=plan) if len(set(plan)) >= 2 else None
    return render(
        request,
        "standards_compare.html",
        available=available,
        chosen=set(plan),
        comparison=comparison,
        asked=bool(plan),
    )


@router.get("/standards/items/{item_id}", response_class=HTMLResponse)
def item(request: Request, session: SessionDep, item_id: int) -> HTMLResponse:
    detail = standards.item_detail(session, item_id=item_id)
    return render(
        request,
        "standards_item.html",
        detail=detail,
        fields=standards.FIELDS,
        levels=standards.item_levels(session, item_id=item_id),
        delivery=standards.item_delivery(session, item_id=item_id),
        kinds=standards.KIND_LABELS,
        beijing_text=beijing_text,
    )


@router.post("/standards/items/{item_id}", dependencies=[Depends(verify_csrf)])
def edit_item(
    *,
    session: SessionDep,
    user: PlannerDep,
    item_id: int,
    beneficiaries: Annotated[str, Form()] = "",
    content: Annotated[str, Form()] = "",
    standard: Annotated[str, Form()] = "",
    funding: Annotated[str, Form()] = "",
    lead_department: Annotated[str, Form()] = "",
) -> Response:
    fields = {
        "beneficiaries": beneficiaries,
        "content": content,
        "standard": standard,
        "funding": funding,
        "lead_department": lead_department,
    }
    standards.edit_item(session, item_id=item_id, fields=fields, author=user.username)
    return RedirectResponse(f"/standards/items/{item_id}#history", status_code=303)


@router.post("/standards/items/{item_id}/indicators", dependencies=[Depends(verify_csrf)])
def define_indicator(
    *,
    session: SessionDep,
    user: PlannerDep,
    item_id: int,
    name: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "",
    required: Annotated[str, Form()] = "",
    unit: Annotated[str, Form()] = "",
) -> Response:
    """A planner states what the standard promises, measurably."""
    standards.define_indicator(
        session,
        item_id=item_id,
        name=name,
        kind=kind,
        required=_number(required, "required"),
        unit=unit,
        author=user.username,
    )
    return RedirectResponse(f"/standards/items/{item_id}#delivery", status_code=303)


@router.post("/standards/items/{item_id}/delivery", dependencies=[Depends(verify_csrf)])
def report_delivery(
    *,
    session: SessionDep,
    user: ReporterDep,
    item_id: int,
    indicator: Annotated[str, Form()] = "",
    year: Annotated[str, Form()] = "",
    value: Annotated[str, Form()] = "",
) -> Response:
    """A department (reporter) or planner reports a year's delivered value."""
    known = {status.id for status in standards.item_delivery(session, item_id=item_id)}
    if not indicator.isdigit() or int(indicator) not in known:
        raise InputProblem("choose one of this item's delivery indicators", field="indicator")
    if not year.strip().isdigit():
        raise InputProblem("year must be a whole number", field="year")
    standards.report_value(
        session,
        indicator_id=int(indicator),
        year=int(year),
        value=_number(value, "value"),
        author=user.username,
    )
    return RedirectResponse(f"/standards/items/{item_id}#delivery", status_code=303)


def _number(text: str, field: str) -> float:
    try:
        return float(text.strip().rstrip("%％"))
    except ValueError:
        raise InputProblem("must be a number", field=field) from None
