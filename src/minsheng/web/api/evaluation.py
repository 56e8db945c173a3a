"""/api/v1/evaluation and /api/v1/warnings: each indicator judged against its target."""

from __future__ import annotations

from datetime import date
from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from minsheng.evaluate import Method
from minsheng.usecases.read import warnings as warning_list
from minsheng.usecases.read.evaluation_list import EvaluationRow, list_evaluations
from minsheng.usecases.read.evaluations import evaluate_plan
from minsheng.usecases.read.paging import Page, Slice
from minsheng.usecases.read.period import EvaluationKind, Period, checked_as_of, checked_year
from minsheng.usecases.read.plans import PlanSummary
from minsheng.web.api.fields import YearQuery
from minsheng.web.api.listing import ListDep, list_response
from minsheng.web.api.period import year_checked
from minsheng.web.api.plan_choice import (
    PlanIdQuery,
    PlanNameQuery,
    RegionQuery,
    chosen_plan,
    optional_plan,
    region_or_none,
)
from minsheng.web.deps import SessionDep

router = APIRouter(tags=["evaluation"])


class EvaluationPublic(BaseModel):
    """One indicator in one region; baseline and target are the plan's text as written.

    `judged_year` is the year judged (评估年份) and `evaluation` what that judgement is
    (mid_term, final or annual); `year` is the year `value` is from (数据年份), which may
    be earlier: a 2023 value judged for the 2025 final evaluation.
    """

    plan_id: int
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
            plan_id=row.plan.id,
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
def list_evaluation(
    *,
    request: Request,
    session: SessionDep,
    params: ListDep,
    plan_id: PlanIdQuery = None,
    plan: PlanNameQuery = None,
    year: YearQuery | None = None,
    method: Method = Method.LINEAR,
    as_of: date | None = None,
) -> Response:
    """Every indicator × region of the plan `plan_id`, as of `year` (a year of the plan's
    period; None: the newest year with approved data), with the data approved by the end
    of `as_of` (Beijing; None: the values in force)."""
    chosen = chosen_plan(session, plan_id, plan)
    with year_checked():
        checked_as_of(as_of)
        page = _evaluations(
            session, chosen, year=year, method=method, as_of=as_of, window=params.window
        )
    rows = [EvaluationPublic.of(row) for row in page.items]
    response = list_response(request, params, rows, total=page.total, name="evaluation")
    return _dated(response, as_of)


def _evaluations(
    session: Session,
    plan: PlanSummary,
    *,
    year: int | None,
    method: Method,
    as_of: date | None,
    window: Slice,
) -> Page[EvaluationRow]:
    """`list_evaluations`, or its rows judged with the data of `as_of` (which that read
    model does not take yet)."""
    if as_of is None:
        return list_evaluations(session, plan=plan, year=year, method=method, window=window)
    checked_year(plan, year, plan.title or plan.region.name)
    judged = evaluate_plan(session, plan_id=plan.id, year=year, method=method, as_of=as_of)
    rows = [EvaluationRow(plan, evaluation) for evaluation in judged.evaluations]
    return Page(window.of(rows), len(rows))


def _dated(response: Response, as_of: date | None) -> Response:
    """The response naming the day its data stood at (数据截至) in `X-Data-As-Of`."""
    if as_of is not None:
        response.headers["X-Data-As-Of"] = as_of.isoformat()
    return response


@router.get("/warnings", response_model=list[EvaluationPublic])
def list_warnings(
    *,
    request: Request,
    session: SessionDep,
    params: ListDep,
    plan_id: PlanIdQuery = None,
    plan: PlanNameQuery = None,
    domain: str | None = None,
    region: RegionQuery = None,
    level: Literal["red", "yellow"] | None = None,
    year: YearQuery | None = None,
    method: Method = Method.LINEAR,
    as_of: date | None = None,
) -> Response:
    """Early warnings, red first, for one plan or across every current plan, as of `year`
    (None: the newest year with approved data; outside the period(s): refused), with the
    data approved by the end of `as_of` (Beijing; None: the values in force)."""
    chosen = optional_plan(session, plan_id, plan)
    wanted = warning_list.WarningFilter(
        plan_id=chosen.id if chosen else None,
        domain=domain,
        region=region_or_none(session, region),
        level=level,
        year=year,
        method=method,
        as_of=as_of,
    )
    with year_checked():
        checked_as_of(as_of)
        found = warning_list.warning_list(session, wanted, params.window)
    rows = [EvaluationPublic.of(row) for row in found.rows]
    response = list_response(request, params, rows, total=found.total, name="warnings")
    return _dated(response, as_of)
