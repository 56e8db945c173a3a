"""The audit log: one row per write, added in the same transaction as the write."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from minsheng.store.tables import AuditEntry


def record(
    session: Session,
    *,
    username: str,
    action: str,
    entity: str,
    entity_id: int | None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Add an audit row; it commits or rolls back with the write it describes."""
    entry = AuditEntry(
        username=username, action=action, entity=entity, entity_id=entity_id, detail=detail or {}
    )
    session.add(entry)
    session.info[WROTE] = True
    return entry


WROTE = "minsheng.wrote"
"""Set in `session.info` once the session has written: its reads are not yet committed."""


def has_written(session: Session) -> bool:
    return bool(session.info.get(WROTE))


def entries(session: Session, *, entity: str | None = None) -> list[AuditEntry]:
    """Audit rows in the order they were written, optionally for one kind of entity."""
    query = select(AuditEntry).order_by(AuditEntry.id)
    if entity is not None:
        query = query.where(AuditEntry.entity == entity)
    return list(session.scalars(query))
