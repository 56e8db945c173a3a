"""The overview: every plan as a card with its domain-by-domain status summary."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from minsheng.evaluate.rollup import early_warnings, rollup_by_domain
from minsheng.store.repositories import plans
from minsheng.usecases import evaluate_plan
from minsheng.web.deps import SessionDep
from minsheng.web.templating import render

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, session: SessionDep) -> HTMLResponse:
    cards = []
    for plan in plans.current_plans(session):
        result = evaluate_plan(session, region=plan.region.name)
        mine = [e for e in result.evaluations if e.region == plan.region.name]
        cards.append(
            {
                "plan": plan,
                "year": result.year,
                "rollup": rollup_by_domain(mine),
                "warnings": early_warnings(mine),
                "count": len(mine),
            }
        )
    return render(request, "overview.html", cards=cards)
