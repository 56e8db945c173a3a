"""The standards catalogue: items by domain with search, item pages with edits, comparison."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from minsheng.usecases import projects, standards
from minsheng.web.csrf import verify_csrf
from minsheng.web.deps import PlannerDep, SessionDep
from minsheng.web.templating import render

router = APIRouter()


def _plan_id(text: str | None) -> int | None:
    """The plan chosen in a form's select; blank (all plans) or junk means none."""
    return int(text) if text and text.strip().isdigit() else None


@router.get("/standards", response_class=HTMLResponse)
def catalogue(
    request: Request, session: SessionDep, plan: str | None = None, q: str = ""
) -> HTMLResponse:
    found = standards.catalogue(session, plan_id=_plan_id(plan), query=q)
    related = projects.matching_projects(
        session, terms=found.terms, plan_ids=[p.id for p in found.selected]
    )
    return render(
        request,
        "standards.html",
        catalogue=found,
        related=related,
        query=q,
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
    return render(request, "standards_item.html", detail=detail, fields=standards.FIELDS)


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
