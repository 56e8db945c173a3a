"""The queue of values awaiting review, and approving or returning several at once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from minsheng.model.observation import ReviewAction, ReviewState
from minsheng.store.repositories import observations
from minsheng.store.repositories.observations import LatestRevision
from minsheng.store.tables import Indicator, Plan
from minsheng.usecases.entry.sheet import entry_plans, value_in_force
from minsheng.usecases.review import review
from minsheng.usecases.users import Account


@dataclass(frozen=True)
class ReviewItem:
    plan: Plan
    item: LatestRevision
    unit: str | None
    current: float | None


def review_items(session: Session) -> list[ReviewItem]:
    """Every submitted value of every plan, with its unit and the value now in force."""
    items: list[ReviewItem] = []
    for plan in entry_plans(session):
        current = observations.current_values(session, plan_id=plan.id)
        for item in observations.latest_revisions(
            session, plan_id=plan.id, state=ReviewState.SUBMITTED
        ):
            indicator = session.get(Indicator, item.observation.indicator_id)
            key = (item.observation.indicator_id, item.observation.region_id, item.observation.year)
            unit = indicator.unit if indicator else None
            items.append(ReviewItem(plan, item, unit, value_in_force(current.get(key))))
    return items


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
