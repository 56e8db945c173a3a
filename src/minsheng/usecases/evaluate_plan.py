"""Evaluate a stored plan: its targets against the approved observations, any year."""

from __future__ import annotations

from sqlalchemy.orm import Session

from minsheng.evaluate import Method
from minsheng.usecases.plans import find_current_plan
from minsheng.usecases.read import evaluations
from minsheng.usecases.read.evaluations import PlanEvaluation, default_year
from minsheng.usecases.read.period import checked_year
from minsheng.usecases.read.plans import PlanSummary
from minsheng.usecases.read.previous_results import PreviousResultRow, previous_results

__all__ = ["MID_TERM_YEAR", "PlanEvaluation", "PreviousVerdict", "default_year", "evaluate_plan"]

MID_TERM_YEAR = 2023
"""The 十四五 mid-term; a plan's own is `read.period.Period.mid_term`."""


PreviousVerdict = PreviousResultRow
"""A judged row of the previous plan's completion table."""


def evaluate_plan(
    session: Session, *, region: str, year: int | None = None, method: Method = Method.LINEAR
) -> PlanEvaluation:
    """Every indicator of the current plan of the region named `region` (an edge: the CLI's
    and the API's way in; inside, plans are passed by id to `read.evaluations`); a year
    outside the plan's period is refused (`YearOutsidePeriod`), None is the newest year
    with approved data."""
    plan = find_current_plan(session, region=region)
    checked_year(plan, year, plan.title or region)
    return evaluations.evaluate_plan(session, plan_id=plan.id, year=year, method=method)


def previous_plan_verdicts(session: Session, *, region: str) -> list[PreviousResultRow]:
    """The verdict on each row of the completion table of the region's current plan."""
    plan = find_current_plan(session, region=region)
    return previous_results(session, plans=[PlanSummary.of(plan)])
