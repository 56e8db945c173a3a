"""Whether a database holds real monitoring data, which synthetic 示例数据 must never join."""

from __future__ import annotations

from sqlalchemy import select
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
