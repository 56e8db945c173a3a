"""Evaluate a stored plan: its targets against the approved observations, any year."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from minsheng.evaluate import Method, Status, previous_plan_verdict
from minsheng.model.value import Value
from minsheng.store.tables import PreviousPlanResult
from minsheng.usecases.plans import find_current_plan
from minsheng.usecases.read import evaluations
from minsheng.usecases.read.evaluations import PlanEvaluation, default_year

__all__ = ["MID_TERM_YEAR", "PlanEvaluation", "PreviousVerdict", "default_year", "evaluate_plan"]

MID_TERM_YEAR = 2023


@dataclass(frozen=True)
class PreviousVerdict:
    domain: str
    name: str
    unit: str | None
    target: Value
    actual: Value
    status: Status


def evaluate_plan(
    session: Session, *, region: str, year: int | None = None, method: Method = Method.LINEAR
) -> PlanEvaluation:
    """Every indicator of the current plan of the region named `region` (an edge: the CLI's
    and the API's way in; inside, plans are passed by id to `read.evaluations`)."""
    plan = find_current_plan(session, region=region)
    return evaluations.evaluate_plan(session, plan_id=plan.id, year=year, method=method)


def previous_plan_verdicts(session: Session, *, region: str) -> list[PreviousVerdict]:
    """The verdict on each row of the plan's completion table for the previous plan."""
    plan = find_current_plan(session, region=region)
    rows = session.scalars(
        select(PreviousPlanResult)
        .where(PreviousPlanResult.plan_id == plan.id)
        .order_by(PreviousPlanResult.position)
    )
    verdicts = []
    for row in rows:
        target, actual = Value.model_validate(row.target), Value.model_validate(row.actual)
        status = previous_plan_verdict(target, actual, row.name)
        verdicts.append(PreviousVerdict(row.domain, row.name, row.unit, target, actual, status))
    return verdicts
