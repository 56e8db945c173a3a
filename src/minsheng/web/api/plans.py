"""/api/v1/plans: the stored plans (current versions), public."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter
from pydantic import BaseModel

from minsheng.store.repositories import plans as plan_repository
from minsheng.web.deps import SessionDep

router = APIRouter(prefix="/plans", tags=["plans"])


class PlanPublic(BaseModel):
    id: int
    region: str
    region_code: str | None
    title: str | None
    period_start: int | None
    period_end: int | None
    issue_date: date | None
    version: int
    is_reference: bool


@router.get("", response_model=list[PlanPublic])
def list_plans(session: SessionDep) -> list[PlanPublic]:
    """Every region's current plan, the national reference last."""
    return [
        PlanPublic(
            id=plan.id,
            region=plan.region.name,
            region_code=plan.region.code,
            title=plan.title,
            period_start=plan.period_start,
            period_end=plan.period_end,
            issue_date=plan.issue_date,
            version=plan.version,
            is_reference=plan.is_reference,
        )
        for plan in plan_repository.current_plans(session)
    ]
