"""The queue of values awaiting review, with the context a reviewer decides by, and
approving or returning several at once.

Each row carries the region's baseline, the plan's target (said whose: a district row
shows its city's target as the city's), the previous approved value and the change, the
flags (outlier rule, range rules) with their reasons, and the row's history (returned
before? with what value, why, by whom, when — Beijing time). Everything is read for the
whole queue in a handful of queries (store.repositories.review_context), not per row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from minsheng.model.observation import ReviewAction, ReviewState
from minsheng.store.repositories import ranges as stored_ranges
from minsheng.store.repositories import review_context as context
from minsheng.store.repositories.review_context import EarlierRevision, Submitted
from minsheng.usecases.clock import BEIJING
from minsheng.usecases.entry.latest import LatestValue
from minsheng.usecases.entry.review_flags import (
    Previous,
    Series,
    change_flags,
    previous_of,
    range_flag,
    range_rules,
)
from minsheng.usecases.entry.sheet import entry_plans
from minsheng.usecases.read.plans import PlanSummary
from minsheng.usecases.review import review
from minsheng.usecases.users import Account

SHOWN_STATES = (ReviewState.SUBMITTED.value, ReviewState.RETURNED.value,
                ReviewState.APPROVED.value)  # fmt: skip
"""Earlier revisions a row's history lists (drafts are the reporter's own business)."""


@dataclass(frozen=True)
class PastStep:
    """An earlier revision of the row: sent, returned or approved, by whom and when."""

    at: datetime  # Beijing time
    state: str
    value: float | None
    reason: str | None
    author: str


@dataclass(frozen=True)
class ReviewItem:
    """A submitted value with everything its row shows."""

    plan: PlanSummary
    item: LatestValue
    unit: str | None
    current: float | None
    department: str | None = None
    baseline: float | None = None
    baseline_year: int | None = None
    target: str | None = None
    target_whose: str | None = None
    """None: the region's own plan target; else the plan region whose target it is."""
    previous: Previous | None = None
    flags: tuple[str, ...] = ()
    history: tuple[PastStep, ...] = field(default_factory=tuple)

    @property
    def flagged(self) -> bool:
        return bool(self.flags)

    @property
    def returned_before(self) -> bool:
        return any(step.state == ReviewState.RETURNED.value for step in self.history)


def review_items(session: Session) -> list[ReviewItem]:
    """Every submitted value of every plan values are entered for, with its context."""
    plans = {plan.id: plan for plan in entry_plans(session)}
    queue = context.submitted(session, plan_ids=list(plans))
    if not queue:
        return []
    points = context.values_in_force(
        session,
        indicator_ids={i.indicator_id for i in queue},
        region_ids={i.region_id for i in queue},
    )
    series: dict[tuple[int, int], dict[int, float]] = defaultdict(dict)
    for indicator_id, region_id, year, value in points:
        series[indicator_id, region_id][year] = value
    steps = _histories(
        context.earlier_revisions(session, observation_ids=[i.observation_id for i in queue])
    )
    rules = range_rules(stored_ranges.ranges_of(session, plan_ids=list(plans)))
    qualitative = {i.indicator_id for i in queue if i.target.get("kind") == "qualitative"}
    changes = change_flags(queue, series, qualitative)
    return [
        _item(plans[i.plan_id], i, series, steps.get(i.observation_id, []), flags)
        for i, flags in zip(queue, _flags(queue, changes, rules), strict=True)
    ]


def _flags(
    queue: Sequence[Submitted], changes: list[str | None], rules: dict
) -> list[tuple[str, ...]]:
    return [
        tuple(reason for reason in (change, range_flag(item, rules)) if reason)
        for item, change in zip(queue, changes, strict=True)
    ]


def _histories(revisions: list[EarlierRevision]) -> dict[int, list[EarlierRevision]]:
    by_observation: dict[int, list[EarlierRevision]] = defaultdict(list)
    for revision in revisions:
        by_observation[revision.observation_id].append(revision)
    return by_observation


def _item(
    plan: PlanSummary,
    found: Submitted,
    series: Series,
    revisions: list[EarlierRevision],
    flags: tuple[str, ...],
) -> ReviewItem:
    known = series.get((found.indicator_id, found.region_id), {})
    base_year = (plan.period_start or 2021) - 1
    own = found.region_id == plan.region.id
    baseline = known.get(base_year)
    if baseline is None and own:
        baseline = found.baseline.get("number")
    return ReviewItem(
        plan=plan,
        item=_latest(found),
        unit=found.unit,
        current=known.get(found.year),
        department=found.department,
        baseline=baseline,
        baseline_year=base_year,
        target=found.target.get("raw") or None,
        target_whose=None if own else plan.region.name,
        previous=previous_of(found, series),
        flags=flags,
        history=tuple(_step(r) for r in revisions[:-1] if r.state in SHOWN_STATES),
    )


def _step(revision: EarlierRevision) -> PastStep:
    at = revision.at if revision.at.tzinfo else revision.at.replace(tzinfo=UTC)
    return PastStep(at.astimezone(BEIJING), revision.state, revision.value,
                    revision.reason, revision.author)  # fmt: skip


def _latest(found: Submitted) -> LatestValue:
    return LatestValue(
        observation_id=found.observation_id,
        indicator_id=found.indicator_id,
        region_id=found.region_id,
        indicator=found.indicator,
        region=found.region,
        year=found.year,
        value=found.value,
        source=found.source,
        state=ReviewState.SUBMITTED.value,
        reason=None,
        note=found.note,
        author=found.author,
    )


@dataclass(frozen=True)
class ReviewFilter:
    """What the reviewer narrowed the queue to (None: everything)."""

    flagged_only: bool = False
    department: str | None = None
    plan: str | None = None
    year: int | None = None

    def keeps(self, item: ReviewItem) -> bool:
        return (
            (not self.flagged_only or item.flagged)
            and (self.department is None or item.department == self.department)
            and (self.plan is None or self.plan in (item.plan.choice_name, item.plan.region.name))
            and (self.year is None or item.item.year == self.year)
        )


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
