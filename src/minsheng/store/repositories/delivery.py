"""Delivery indicators of service items' standards and the values departments report."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from minsheng.store.tables import DeliveryIndicator, DeliveryReport


def indicators_of(session: Session, *, item_ids: Collection[int]) -> list[DeliveryIndicator]:
    """These items' delivery indicators, in the order they were defined."""
    query = (
        select(DeliveryIndicator)
        .where(DeliveryIndicator.service_item_id.in_(list(item_ids)))
        .order_by(DeliveryIndicator.id)
    )
    return list(session.scalars(query))


def all_indicators(session: Session) -> list[DeliveryIndicator]:
    return list(session.scalars(select(DeliveryIndicator).order_by(DeliveryIndicator.id)))


def indicator_named(session: Session, *, item_id: int, name: str) -> DeliveryIndicator | None:
    query = select(DeliveryIndicator).where(
        DeliveryIndicator.service_item_id == item_id, DeliveryIndicator.name == name
    )
    return session.scalars(query).first()


def get_indicator(session: Session, *, indicator_id: int) -> DeliveryIndicator | None:
    return session.get(DeliveryIndicator, indicator_id)


def reports_of(session: Session, *, indicator_ids: Collection[int]) -> list[DeliveryReport]:
    """Reported values of these indicators, oldest year first."""
    query = (
        select(DeliveryReport)
        .where(DeliveryReport.indicator_id.in_(list(indicator_ids)))
        .order_by(DeliveryReport.indicator_id, DeliveryReport.year)
    )
    return list(session.scalars(query))


def report_for(session: Session, *, indicator_id: int, year: int) -> DeliveryReport | None:
    query = select(DeliveryReport).where(
        DeliveryReport.indicator_id == indicator_id, DeliveryReport.year == year
    )
    return session.scalars(query).first()


def add(session: Session, row: DeliveryIndicator | DeliveryReport) -> None:
    session.add(row)
    session.flush()
