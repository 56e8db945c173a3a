"""What a reporting round asks of the standards' delivery indicators: a plan's delivery
indicators with their service items, and which department reports each topic (domain)."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from minsheng.store.tables import (
    DeliveryIndicator,
    Department,
    Indicator,
    IndicatorAssignment,
    ServiceItem,
)


def plan_delivery(session: Session, *, plan_id: int) -> list[tuple[DeliveryIndicator, ServiceItem]]:
    """The plan's delivery indicators with their items, in the items' order."""
    query = (
        select(DeliveryIndicator, ServiceItem)
        .join(ServiceItem, ServiceItem.id == DeliveryIndicator.service_item_id)
        .where(ServiceItem.plan_id == plan_id)
        .order_by(ServiceItem.position, DeliveryIndicator.id)
    )
    return [(row[0], row[1]) for row in session.execute(query)]


def domain_departments(session: Session, *, plan_id: int) -> dict[str, tuple[int, str]]:
    """Each domain's department: the one assigned the most of the plan's indicators in it."""
    query = (
        select(Indicator.domain, Department.id, Department.name, func.count())
        .join(IndicatorAssignment, IndicatorAssignment.indicator_id == Indicator.id)
        .join(Department, Department.id == IndicatorAssignment.department_id)
        .where(Indicator.plan_id == plan_id)
        .group_by(Indicator.domain, Department.id, Department.name)
        .order_by(func.count().desc(), Department.name)
    )
    found: dict[str, tuple[int, str]] = {}
    for domain, department_id, name, _count in session.execute(query):
        found.setdefault(domain, (department_id, name))
    return found


def departments_named(session: Session, *, names: Collection[str]) -> dict[str, int]:
    query = select(Department.name, Department.id).where(Department.name.in_(list(names)))
    return {row[0]: row[1] for row in session.execute(query)}
