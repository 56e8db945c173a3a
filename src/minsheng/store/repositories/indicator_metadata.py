"""Indicator metadata as planners set it, its revisions, and the departments assigned."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from minsheng.store.tables import (
    Department,
    Indicator,
    IndicatorAssignment,
    IndicatorMetadata,
    IndicatorMetadataRevision,
)


def stored_of(session: Session, *, indicator_ids: Collection[int]) -> dict[int, IndicatorMetadata]:
    """What planners set for these indicators, by indicator id (absent: nothing set)."""
    query = select(IndicatorMetadata).where(IndicatorMetadata.indicator_id.in_(list(indicator_ids)))
    return {row.indicator_id: row for row in session.scalars(query)}


def revisions_of(session: Session, *, indicator_id: int) -> list[IndicatorMetadataRevision]:
    """The indicator's metadata edits, oldest first."""
    query = (
        select(IndicatorMetadataRevision)
        .where(IndicatorMetadataRevision.indicator_id == indicator_id)
        .order_by(IndicatorMetadataRevision.id)
    )
    return list(session.scalars(query))


def departments_of(session: Session, *, indicator_ids: Collection[int]) -> dict[int, list[str]]:
    """The departments assigned each indicator (for any region), by name, once each."""
    query = (
        select(IndicatorAssignment.indicator_id, Department.name)
        .join(Department, Department.id == IndicatorAssignment.department_id)
        .where(IndicatorAssignment.indicator_id.in_(list(indicator_ids)))
        .distinct()
        .order_by(IndicatorAssignment.indicator_id, Department.name)
    )
    found: dict[int, list[str]] = defaultdict(list)
    for indicator_id, name in session.execute(query):
        found[indicator_id].append(name)
    return found


def existing_indicator_ids(session: Session, *, indicator_ids: Collection[int]) -> set[int]:
    """Those of `indicator_ids` that name a stored indicator."""
    query = select(Indicator.id).where(Indicator.id.in_(list(indicator_ids)))
    return set(session.scalars(query))


def save(
    session: Session, *, indicator_id: int, fields: Mapping[str, str | None], author: str
) -> IndicatorMetadataRevision:
    """Set the stored fields (the row is made on the first edit) and keep a revision."""
    row = session.get(IndicatorMetadata, indicator_id)
    if row is None:
        row = IndicatorMetadata(indicator_id=indicator_id, updated_by=author)
        session.add(row)
    for name, value in fields.items():
        setattr(row, name, value)
    row.updated_by = author
    revision = IndicatorMetadataRevision(indicator_id=indicator_id, author=author, **fields)
    session.add(revision)
    session.flush()
    row.updated_at = revision.created_at
    return revision
