"""/api/v1/evaluation and /api/v1/warnings: each indicator judged against its target."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel

from minsheng.evaluate import Method
from minsheng.usecases.read import warnings as warning_list
from minsheng.usecases.read.evaluation_list import EvaluationRow, list_evaluations
from minsheng.usecases.read.period import EvaluationKind, Period
from minsheng.usecases.read.plans import plan_named
from minsheng.web.api.listing import ListDep, list_response
from minsheng.web.api.period import year_checked
from minsheng.web.deps import SessionDep

router = APIRouter(tags=["evaluation"])


class EvaluationPublic(BaseModel):
    """One indicator in one region; baseline and target are the plan's text as written.

    `judged_year` is the year judged (评估年份) and `evaluation` what that judgement is
    (mid_term, final or annual); `year` is the year `value` is from (数据年份), which may
    be earlier: a 2023 value judged for the 2025 final evaluation.
    """

    plan_region: str
    name: str
    domain: str | None
    region: str
    judged_year: int
    evaluation: EvaluationKind
    year: int
    value: float | None
    baseline: str
    target: str
    attribute: str | None
    direction: str
    status: str
    warning: str
    ratio: float | None

    @classmethod
    def of(cls, row: EvaluationRow | warning_list.WarningRow) -> EvaluationPublic:
        e = row.evaluation
        return cls(
            plan_region=row.plan.region.name,
            name=e.name,
            domain=e.domain,
            region=e.region,
            judged_year=e.judged_year,
            evaluation=Period.of(row.plan).kind(e.judged_year),
            year=e.year,
            value=e.value,
            baseline=e.baseline.raw,
            target=e.target.raw,
            attribute=e.attribute.value if e.attribute else None,
            direction=e.direction.value,
            status=e.status.value,
            warning=e.warning.value,
            ratio=e.ratio,
        )


@router.get("/evaluation", response_model=list[EvaluationPublic])
def evaluation(
    *,
    request: Request,
    session: SessionDep,
    params: ListDep,
    plan: str,
    year: int | None = None,
    method: Method = Method.LINEAR,
) -> Response:
    """Every indicator × region of the plan named by its region (合肥市), as of `year` (a
    year of the plan's period; None: the newest year with approved data)."""
    chosen = plan_named(session, region=plan)
    with year_checked():
        page = list_evaluations(
            session, plan=chosen, year=year, method=method, window=params.window
        )
    rows = [EvaluationPublic.of(row) for row in page.items]
    return list_response(request, params, rows, total=page.total, name="evaluation")


@router.get("/warnings", response_model=list[EvaluationPublic])
def warnings(
    *,
    request: Request,
    session: SessionDep,
    params: ListDep,
    plan: str | None = None,
    domain: str | None = None,
    region: str | None = None,
    level: Literal["red", "yellow"] | None = None,
    year: int | None = None,
    method: Method = Method.LINEAR,
) -> Response:
    """Early warnings, red first, for one plan or across every current plan, as of `year`
    (None: the newest year with approved data; outside the period(s): refused)."""
    wanted = warning_list.WarningFilter(
        plan_id=plan_named(session, region=plan).id if plan else None,
        domain=domain,
        region=region,
        level=level,
        year=year,
        method=method,
    )
    with year_checked():
        found = warning_list.warning_list(session, wanted, params.window)
    rows = [EvaluationPublic.of(row) for row in found.rows]
    return list_response(request, params, rows, total=found.total, name="warnings")
