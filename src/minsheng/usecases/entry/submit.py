"""Sending values to review: the posted rows of a form, or every draft a user may submit."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from minsheng.model.observation import ReviewAction, ReviewState
from minsheng.usecases.assignments import permission_for
from minsheng.usecases.entry.latest import LatestValue, latest_values
from minsheng.usecases.plans import find_current_plan
from minsheng.usecases.review import review
from minsheng.usecases.users import Account

EDITABLE = (ReviewState.DRAFT.value, ReviewState.RETURNED.value)


def submit_items(session: Session, items: Iterable[LatestValue], account: Account) -> int:
    """Submit the drafts and returned values among `items`; submitted ones are left as is."""
    count = 0
    for item in items:
        if item.state in EDITABLE:
            review(
                session,
                observation_id=item.observation_id,
                action=ReviewAction.SUBMIT,
                author=account.username,
            )
            count += 1
    return count


def drafts_of(session: Session, *, account: Account, region: str) -> list[LatestValue]:
    """The plan's drafts and returned values this user may submit."""
    plan = find_current_plan(session, region=region)
    may_report = permission_for(session, account, plan_id=plan.id)
    return [
        item
        for item in latest_values(session, plan_id=plan.id)
        if item.state in EDITABLE
        and (may_report is None or may_report(item.indicator, item.region))
    ]


def submit_drafts(session: Session, *, account: Account, region: str) -> int:
    """Send every draft of the plan the user may report to review."""
    return sum(submit_drafts_by_year(session, account=account, region=region).values())


def submit_drafts_by_year(session: Session, *, account: Account, region: str) -> dict[int, int]:
    """Send every draft of the plan the user may report to review; how many per year."""
    counts: dict[int, int] = {}
    for item in drafts_of(session, account=account, region=region):
        if submit_items(session, [item], account):
            counts[item.year] = counts.get(item.year, 0) + 1
    return dict(sorted(counts.items()))
