"""Service items of the plans' basic public service lists, and the edits of their standards."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from minsheng.store.tables import Plan, ServiceItem, ServiceItemRevision


def plan_ids_with_items(session: Session) -> set[int]:
    """Plans (any version) that list at least one service item."""
    return set(session.scalars(select(ServiceItem.plan_id).distinct()))


def items_of_plans(session: Session, *, plan_ids: Collection[int]) -> list[ServiceItem]:
    """The service items of several plans, plan by plan, each in its plan's order."""
    query = (
        select(ServiceItem)
        .where(ServiceItem.plan_id.in_(list(plan_ids)))
        .order_by(ServiceItem.plan_id, ServiceItem.position)
    )
    return list(session.scalars(query))


def get_item(session: Session, *, item_id: int) -> ServiceItem | None:
    return session.get(ServiceItem, item_id)


def item_with_plan(session: Session, *, item_id: int) -> tuple[ServiceItem, Plan] | None:
    """A service item of any plan version, with that plan."""
    query = (
        select(ServiceItem, Plan)
        .join(Plan, Plan.id == ServiceItem.plan_id)
        .where(ServiceItem.id == item_id)
    )
    row = session.execute(query).first()
    return None if row is None else (row[0], row[1])


def revisions_of(session: Session, *, item_id: int) -> list[ServiceItemRevision]:
    """Every edit of the item's standard, oldest first."""
    query = (
        select(ServiceItemRevision)
        .where(ServiceItemRevision.service_item_id == item_id)
        .order_by(ServiceItemRevision.id)
    )
    return list(session.scalars(query))


def names_revised_between(
    session: Session, *, plan_id: int, start: datetime, end: datetime
) -> list[str]:
    """Names of the plan's items edited from `start` until before `end`, in plan order."""
    query = (
        select(ServiceItem.name)
        .join(ServiceItemRevision, ServiceItemRevision.service_item_id == ServiceItem.id)
        .where(ServiceItem.plan_id == plan_id)
        .where(ServiceItemRevision.created_at >= start, ServiceItemRevision.created_at < end)
        .group_by(ServiceItem.id, ServiceItem.name, ServiceItem.position)
        .order_by(ServiceItem.position)
    )
    return list(session.scalars(query))
