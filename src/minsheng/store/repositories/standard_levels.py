"""Service items' standards by level, every version kept; the newest per level is in force."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from minsheng.store.tables import StandardLevel


def add(session: Session, version: StandardLevel) -> StandardLevel:
    session.add(version)
    session.flush()
    return version


def versions_of(session: Session, *, item_ids: Collection[int]) -> list[StandardLevel]:
    """Every stored version of these items' standards, oldest first."""
    query = (
        select(StandardLevel)
        .where(StandardLevel.service_item_id.in_(list(item_ids)))
        .order_by(StandardLevel.id)
    )
    return list(session.scalars(query))


def latest_by_level(session: Session, *, item_id: int) -> dict[str, StandardLevel]:
    """The version in force at each level the item has one for (the newest stored)."""
    return {version.level: version for version in versions_of(session, item_ids=[item_id])}
