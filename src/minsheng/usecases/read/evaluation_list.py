"""Verdicts as a list: one row per indicator and region of a plan, in the plan's order."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from minsheng.evaluate import Evaluation, Method
from minsheng.usecases.read.evaluations import evaluate_plan
from minsheng.usecases.read.paging import Page, Slice
from minsheng.usecases.read.period import checked_year
from minsheng.usecases.read.plans import PlanSummary


@dataclass(frozen=True)
class EvaluationRow:
    """A verdict and the plan it belongs to (the verdict names its indicator and region)."""

    plan: PlanSummary
    evaluation: Evaluation

    @property
    def plan_region(self) -> str:
        return self.plan.region.name


def list_evaluations(
    session: Session, *, plan: PlanSummary, year: int | None, method: Method, window: Slice
) -> Page[EvaluationRow]:
    """One verdict per indicator and region of the plan, in the plan's order, as of `year`
    (None: the newest year with approved data; outside the period: `YearOutsidePeriod`)."""
    checked_year(plan, year, plan.title or plan.region.name)
    result = evaluate_plan(session, plan_id=plan.id, year=year, method=method)
    rows = [EvaluationRow(plan, evaluation) for evaluation in result.evaluations]
    return Page(window.of(rows), len(rows))
