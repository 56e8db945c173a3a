"""/api/v1/problems: the rectification ledger (问题清单 → 整改台账), read-only and public
like the ledger page; `state` is the status or 'overdue' (deadline past, Beijing time)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from minsheng.usecases.clock import beijing_today
from minsheng.usecases.problems import ProblemQuery, ProblemView, problem_ledger, problem_view
from minsheng.web.api.fields import BeijingTime
from minsheng.web.api.listing import ListDep, list_response
from minsheng.web.deps import SessionDep

router = APIRouter(prefix="/problems", tags=["problems"])

Kind = Literal["red", "yellow", "standard", "equalization", "complaints", "other"]
State = Literal["active", "open", "in_progress", "overdue", "closed"]


class ProgressPublic(BaseModel):
    reported_on: date
    text: str
    value: float | None


class ProblemPublic(BaseModel):
    """One problem; people's user names are left out (the page shows them to staff)."""

    id: int
    plan_id: int
    plan: str
    title: str
    kind: str
    source: str
    indicator_id: int | None
    region_id: int | None
    year: int | None
    service_item_id: int | None
    department: str
    measures: str
    deadline: date
    state: str
    opened_at: BeijingTime
    closed_at: BeijingTime | None
    evidence_value: float | None
    evidence_note: str | None
    evidence_document: str | None
    progress: list[ProgressPublic]

    @classmethod
    def of(cls, view: ProblemView) -> ProblemPublic:
        progress = [ProgressPublic(reported_on=p.reported_on, text=p.text, value=p.value)
                    for p in view.progress]  # fmt: skip
        return cls(
            id=view.id, plan_id=view.plan_id, plan=view.plan, title=view.title,
            kind=view.kind, source=view.source, indicator_id=view.indicator_id,
            region_id=view.region_id, year=view.year, service_item_id=view.service_item_id,
            department=view.department,
            measures=view.measures, deadline=view.deadline, state=view.state,
            opened_at=view.opened_at, closed_at=view.closed_at,
            evidence_value=view.evidence_value, evidence_note=view.evidence_note,
            evidence_document=view.evidence_name, progress=progress,
        )  # fmt: skip


@router.get("", response_model=list[ProblemPublic])
def list_problems(
    *,
    request: Request,
    session: SessionDep,
    params: ListDep,
    state: Annotated[State | None, Query(description="active = not closed")] = None,
    department_id: int | None = None,
    kind: Kind | None = None,
    plan_id: int | None = None,
) -> Response:
    """The ledger: not closed first, soonest deadline first."""
    wanted = ProblemQuery(beijing_today(), state, department_id, kind, plan_id)
    window = params.window
    ledger = problem_ledger(session, wanted, limit=window.limit, offset=window.offset)
    rows = [ProblemPublic.of(view) for view in ledger.problems]
    return list_response(request, params, rows, total=ledger.total, name="problems")


@router.get("/{problem_id}", response_model=ProblemPublic)
def get_problem(problem_id: int, session: SessionDep) -> ProblemPublic:
    return ProblemPublic.of(problem_view(session, problem_id=problem_id))
