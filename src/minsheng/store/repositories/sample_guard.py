"""Whether a database holds real monitoring data, which synthetic 示例数据 must never join;
and the dates of the demo's story."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from minsheng.model.observation import Source
from minsheng.store.tables import ObservationRevision


def holds_reported_values(session: Session, *, except_note: str) -> bool:
    """Any revision reported by someone (not printed in a plan) without `except_note`."""
    query = (
        select(ObservationRevision.id)
        .where(
            ObservationRevision.source != Source.PLAN.value,
            (ObservationRevision.note.is_(None)) | (ObservationRevision.note != except_note),
        )
        .limit(1)
    )
    return session.scalar(query) is not None


def date_revisions(session: Session, *, revision_ids: list[int], at: datetime) -> None:
    """Give the demo's revisions the time its story says they were sent (a round's values
    sent in May, not at the moment the demo database was made)."""
    if revision_ids:
        session.execute(
            update(ObservationRevision)
            .where(ObservationRevision.id.in_(revision_ids))
            .values(created_at=at)
        )
