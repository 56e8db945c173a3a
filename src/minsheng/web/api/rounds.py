"""/api/v1/rounds: reporting rounds and their reporting rates (planners and admins)."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel

from minsheng.usecases.rounds import (
    RoundStatus,
    Tally,
    round_infos,
    round_status,
    round_statuses,
)
from minsheng.web.api.fields import BeijingTime
from minsheng.web.api.listing import ListDep, list_response
from minsheng.web.deps import PlannerDep, SessionDep

router = APIRouter(prefix="/rounds", tags=["rounds"])


class RatePublic(BaseModel):
    """Counts for a department, a region or the whole round; rate is the on-time share."""

    name: str
    due: int
    submitted: int
    approved: int
    returned: int
    missing: int
    late: int
    on_time: int
    rate: float

    @classmethod
    def of(cls, tally: Tally) -> RatePublic:
        counts = {n: getattr(tally, n) for n in cls.model_fields if n != "rate"}
        return cls(**counts, rate=round(tally.rate, 4))


class RoundPublic(BaseModel):
    id: int
    plan_id: int
    plan_region: str
    title: str
    years: list[int]
    deadline: date
    opened_by: str
    opened_at: BeijingTime
    closed_at: BeijingTime | None
    past_deadline: bool
    total: RatePublic

    @classmethod
    def of(cls, status: RoundStatus) -> RoundPublic:
        info = status.round
        return cls(
            id=info.id, plan_id=info.plan_id, plan_region=info.plan, title=info.title,
            years=info.years, deadline=info.deadline, opened_by=info.opened_by,
            opened_at=info.opened_at, closed_at=info.closed_at,
            past_deadline=status.past_deadline, total=RatePublic.of(status.total),
        )  # fmt: skip


class RoundDetail(RoundPublic):
    departments: list[RatePublic]
    regions: list[RatePublic]


@router.get("", response_model=list[RoundPublic])
def list_rounds(
    *, request: Request, session: SessionDep, params: ListDep, user: PlannerDep
) -> Response:
    """Every round, newest first, with its overall reporting rate."""
    infos = round_infos(session)
    chosen = params.window.of(infos)
    rows = [RoundPublic.of(status) for status in round_statuses(session, infos=chosen)]
    return list_response(request, params, rows, total=len(infos), name="rounds")


@router.get("/{round_id}", response_model=RoundDetail)
def get_round(round_id: int, session: SessionDep, user: PlannerDep) -> RoundDetail:
    """One round with its rates per department and per region (404 when none)."""
    status = round_status(session, round_id=round_id)
    return RoundDetail(
        **RoundPublic.of(status).model_dump(),
        departments=[RatePublic.of(t) for t in status.departments],
        regions=[RatePublic.of(t) for t in status.regions],
    )
