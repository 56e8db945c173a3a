"""Plans: versions per region and period, one of each period current.

A region's 十五五 plan does not supersede its 十四五 plan: both stay current (the one is
being evaluated finally while the other starts), and the region's plan, unqualified, is
its newest period's."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from minsheng.model.plan import PlanMeta
from minsheng.store.tables import Plan, Region


def current_plan(session: Session, *, region_id: int) -> Plan | None:
    """The region's current plan of its newest period, if it has any."""
    query = (
        select(Plan)
        .where(Plan.region_id == region_id, Plan.is_current)
        .order_by(Plan.period_start.desc().nulls_last(), Plan.id.desc())
        .limit(1)
    )
    return session.scalar(query)


def current_plan_of_period(
    session: Session, *, region_id: int, period_start: int | None
) -> Plan | None:
    """The region's current plan for the period starting in `period_start`, if any."""
    query = select(Plan).where(
        Plan.region_id == region_id, Plan.is_current, _of_period(period_start)
    )
    return session.scalar(query)


def current_plans_of_region(session: Session, *, region_id: int) -> list[Plan]:
    """The region's current plans, one per period, the oldest period first."""
    query = (
        select(Plan)
        .where(Plan.region_id == region_id, Plan.is_current)
        .order_by(Plan.period_start.nulls_first())
    )
    return list(session.scalars(query))


def versions(session: Session, *, region_id: int, period_start: int | None) -> list[Plan]:
    """Every stored version of the region's plan for one period, oldest first."""
    query = (
        select(Plan)
        .where(Plan.region_id == region_id, _of_period(period_start))
        .order_by(Plan.version)
    )
    return list(session.scalars(query))


def _of_period(period_start: int | None) -> Any:
    if period_start is None:
        return Plan.period_start.is_(None)
    return Plan.period_start == period_start


def next_version(session: Session, *, region_id: int) -> int:
    highest = session.scalar(select(func.max(Plan.version)).where(Plan.region_id == region_id))
    return (highest or 0) + 1


def supersede(session: Session, *, plan: Plan) -> None:
    """Mark `plan` as no longer current, before its successor is added.

    Flushed at once: one current version per region and period is a unique index, checked
    row by row.
    """
    plan.is_current = False
    session.flush()


def add_plan(
    session: Session,
    *,
    region_id: int,
    meta: PlanMeta,
    source_name: str,
    content_hash: str,
    version: int,
    is_reference: bool,
) -> Plan:
    """Add a plan version, current from now on."""
    plan = Plan(
        region_id=region_id,
        title=meta.title,
        period_start=meta.period.start if meta.period else None,
        period_end=meta.period.end if meta.period else None,
        issue_date=meta.issue_date,
        source_name=source_name,
        content_hash=content_hash,
        version=version,
        is_current=True,
        is_reference=is_reference,
    )
    session.add(plan)
    session.flush()
    return plan


def current_plans(session: Session) -> list[Plan]:
    """Every region's current plan, reference plans last."""
    query = (
        select(Plan)
        .options(joinedload(Plan.region))
        .where(Plan.is_current)
        .order_by(Plan.is_reference, Plan.id)
    )
    return list(session.scalars(query))


def plans_by_id(session: Session, *, plan_ids: Collection[int]) -> list[Plan]:
    """The plans asked for (any version), in the order `current_plans` uses."""
    query = (
        select(Plan)
        .options(joinedload(Plan.region))
        .where(Plan.id.in_(list(plan_ids)))
        .order_by(Plan.is_reference, Plan.id)
    )
    return list(session.scalars(query))


SUMMARY_COLUMNS = (
    Plan.id, Region.id, Region.name, Region.code, Plan.title, Plan.period_start,
    Plan.period_end, Plan.issue_date, Plan.version, Plan.is_current, Plan.is_reference,
    Plan.source_name, Plan.imported_at,
)  # fmt: skip
"""What a plan summary shows, its region's id, name and code among it."""


def summary_rows(
    session: Session, *, plan_ids: Collection[int] | None = None
) -> list[tuple[Any, ...]]:
    """`SUMMARY_COLUMNS` of the plans asked for (any version; None: every current plan), in
    the order `current_plans` uses: plain rows, for lists of thousands of plans."""
    chosen = Plan.is_current if plan_ids is None else Plan.id.in_(list(plan_ids))
    query = (
        select(*SUMMARY_COLUMNS)
        .join(Region, Region.id == Plan.region_id)
        .where(chosen)
        .order_by(Plan.is_reference, Plan.id)
    )
    return [tuple(row) for row in session.execute(query)]


def get_plan(session: Session, *, plan_id: int) -> Plan | None:
    return session.get(Plan, plan_id)


def count_own_plans(session: Session) -> int:
    """Plan versions stored for regions, leaving out the national reference plan."""
    query = select(func.count()).select_from(Plan).where(~Plan.is_reference)
    return session.scalar(query) or 0
