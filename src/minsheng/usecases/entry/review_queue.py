"""The queue of values awaiting review, and approving or returning several at once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from minsheng.model.observation import ReviewAction, ReviewState
from minsheng.store.repositories import observations, plan_parts
from minsheng.usecases.entry.latest import LatestValue, latest_values
from minsheng.usecases.entry.sheet import entry_plans, value_in_force
from minsheng.usecases.read.plans import PlanSummary
from minsheng.usecases.review import review
from minsheng.usecases.users import Account


@dataclass(frozen=True)
class ReviewItem:
    """A submitted value with its plan, its indicator's unit and the value now in force."""

    plan: PlanSummary
    item: LatestValue
    unit: str | None
    current: float | None


def review_items(session: Session) -> list[ReviewItem]:
    """Every submitted value of every plan, with its unit and the value now in force."""
    return [item for plan in entry_plans(session) for item in _submitted(session, plan)]


def _submitted(session: Session, plan: PlanSummary) -> list[ReviewItem]:
    """One plan's submitted values; units come from one query of its indicators."""
    current = observations.current_values(session, plan_id=plan.id)
    units = {i.id: i.unit for i in plan_parts.indicators_of(session, plan_id=plan.id)}
    return [
        ReviewItem(
            plan,
            item,
            units.get(item.indicator_id),
            value_in_force(current.get((item.indicator_id, item.region_id, item.year))),
        )
        for item in latest_values(session, plan_id=plan.id, state=ReviewState.SUBMITTED)
    ]


def review_many(
    session: Session,
    *,
    account: Account,
    observation_ids: Sequence[int],
    action: ReviewAction,
    reason: str | None = None,
) -> int:
    """Approve or return several values in one transaction (all or none)."""
    for observation_id in observation_ids:
        review(
            session,
            observation_id=observation_id,
            action=action,
            author=account.username,
            reason=reason,
        )
    return len(observation_ids)
