"""Plans: versions per region, exactly one of them current."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from minsheng.model.plan import PlanMeta
from minsheng.store.tables import Plan


def current_plan(session: Session, *, region_id: int) -> Plan | None:
    """The region's current plan version, if it has any."""
    return session.scalar(select(Plan).where(Plan.region_id == region_id, Plan.is_current))


def versions(session: Session, *, region_id: int) -> list[Plan]:
    """Every stored version of the region's plan, oldest first."""
    query = select(Plan).where(Plan.region_id == region_id).order_by(Plan.version)
    return list(session.scalars(query))


def next_version(session: Session, *, region_id: int) -> int:
    highest = session.scalar(select(func.max(Plan.version)).where(Plan.region_id == region_id))
    return (highest or 0) + 1


def supersede(session: Session, *, plan: Plan) -> None:
    """Mark `plan` as no longer current, before its successor is added.

    Flushed at once: one current version per region is a unique index, checked row by row.
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


def get_plan(session: Session, *, plan_id: int) -> Plan | None:
    return session.get(Plan, plan_id)


def count_own_plans(session: Session) -> int:
    """Plan versions stored for regions, leaving out the national reference plan."""
    query = select(func.count()).select_from(Plan).where(~Plan.is_reference)
    return session.scalar(query) or 0
