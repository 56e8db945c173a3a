"""What a permission check reads: where a region sits, whose plan a row belongs to, and
row locks that make a read-then-write step safe on PostgreSQL."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from minsheng.store.tables import (
    Indicator,
    KeyProject,
    Observation,
    Plan,
    Region,
    ServiceItem,
    User,
)

Row = TypeVar("Row", Observation, ServiceItem, KeyProject)


def ancestry(session: Session, *, region_id: int) -> list[int]:
    """The region's id and its ancestors' (district → city → province), nearest first."""
    chain: list[int] = []
    current: int | None = region_id
    while current is not None and current not in chain:
        chain.append(current)
        current = session.scalar(select(Region.parent_id).where(Region.id == current))
    return chain


def user_region(session: Session, *, username: str) -> tuple[bool, int | None]:
    """(whether such a user exists, the region it acts for or None for every region)."""
    row = session.execute(select(User.region_id).where(User.username == username)).first()
    return (False, None) if row is None else (True, row[0])


def user_region_names(session: Session) -> dict[int, str]:
    """The region name of each user scoped to one (user id → name)."""
    query = select(User.id, Region.name).join(Region, Region.id == User.region_id)
    return {user_id: name for user_id, name in session.execute(query)}


def plan_region(session: Session, *, plan_id: int) -> int:
    return session.execute(select(Plan.region_id).where(Plan.id == plan_id)).scalar_one()


def observation_place(session: Session, *, observation_id: int) -> tuple[int, int] | None:
    """(the plan's region, the observation's region) of an observation, if it exists."""
    query = (
        select(Plan.region_id, Observation.region_id)
        .join(Indicator, Indicator.plan_id == Plan.id)
        .join(Observation, Observation.indicator_id == Indicator.id)
        .where(Observation.id == observation_id)
    )
    row = session.execute(query).first()
    return None if row is None else (row[0], row[1])


def locked(session: Session, kind: type[Row], *, row_id: int) -> Row | None:
    """The row, locked until the transaction ends (SELECT … FOR UPDATE on PostgreSQL) and
    read afresh, so that what a writer compares against is what it overwrites."""
    query = (
        select(kind)
        .where(kind.id == row_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return session.scalar(query)
