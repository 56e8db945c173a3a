"""The previous plan's completion table, each row judged: target against actual."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from minsheng.evaluate import Status, previous_plan_verdict
from minsheng.model.value import Value
from minsheng.store.repositories import plan_parts
from minsheng.store.tables import PreviousPlanResult
from minsheng.usecases.read.paging import Page, Slice
from minsheng.usecases.read.plans import PlanSummary, current_plans


@dataclass(frozen=True)
class PreviousResultRow:
    plan_id: int
    plan_region: str
    domain: str
    name: str
    unit: str | None
    target: Value
    actual: Value
    status: Status

    @classmethod
    def of(cls, row: PreviousPlanResult, plan_region: str) -> PreviousResultRow:
        target, actual = Value.model_validate(row.target), Value.model_validate(row.actual)
        status = previous_plan_verdict(target, actual, row.name)
        return cls(row.plan_id, plan_region, row.domain, row.name, row.unit, target, actual, status)


def previous_results(session: Session, *, plans: Sequence[PlanSummary]) -> list[PreviousResultRow]:
    """The judged completion-table rows of the plans given, plan by plan."""
    regions = {plan.id: plan.region.name for plan in plans}
    rows = plan_parts.previous_results_of(session, plan_ids=list(regions))
    order = {plan_id: n for n, plan_id in enumerate(regions)}
    rows.sort(key=lambda row: (order[row.plan_id], row.position))
    return [PreviousResultRow.of(row, regions[row.plan_id]) for row in rows]


def list_previous_results(
    session: Session, *, plan: PlanSummary | None = None, window: Slice
) -> Page[PreviousResultRow]:
    """One plan's (or every current plan's) completion table, judged."""
    rows = previous_results(session, plans=[plan] if plan else current_plans(session))
    return Page(window.of(rows), len(rows))
