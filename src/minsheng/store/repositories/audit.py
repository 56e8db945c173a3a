"""The audit log: one row per write, added in the same transaction as the write."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from minsheng.store.tables import AuditEntry, Department, Indicator, Plan, Region


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


def latest_id(session: Session | Connection) -> int:
    """The highest audit id (0 when empty)."""
    return session.scalar(select(func.max(AuditEntry.id))) or 0


def data_version(session: Session | Connection) -> tuple[int, int]:
    """A version of the whole database's contents, in one statement: the highest audit id,
    and the sum of the plans' observations versions. Every write raises the first, but
    its id is taken before commit, so a write committing after a later one can hide below
    it; a write of values also raises the second, as it commits (see `plan_versions`)."""
    audit_id = select(func.max(AuditEntry.id)).scalar_subquery()
    values = select(func.coalesce(func.sum(Plan.observations_version), 0)).scalar_subquery()
    found = session.execute(select(audit_id, values)).one()
    return found[0] or 0, int(found[1])


def entities_since(session: Session, *, after_id: int) -> set[str]:
    """The kinds of entity written since the audit row `after_id`."""
    query = select(AuditEntry.entity).where(AuditEntry.id > after_id).distinct()
    return set(session.scalars(query))


def _narrowed(
    entity: str | None, username: str | None, action: str | None = None
) -> list[ColumnElement[bool]]:
    conditions = []
    if entity:
        conditions.append(AuditEntry.entity == entity)
    if username:
        conditions.append(AuditEntry.username == username)
    if action:
        conditions.append(AuditEntry.action == action)
    return conditions


def count_entries(
    session: Session,
    *,
    entity: str | None = None,
    username: str | None = None,
    action: str | None = None,
) -> int:
    """How many audit rows there are, optionally of one kind of entity, user or action."""
    query = select(func.count()).select_from(AuditEntry).where(*_narrowed(entity, username, action))
    return session.scalar(query) or 0


def newest_entries(
    session: Session,
    *,
    entity: str | None = None,
    username: str | None = None,
    action: str | None = None,
    limit: int,
    offset: int = 0,
) -> list[AuditEntry]:
    """A window of audit rows, newest first, narrowed as `count_entries` is."""
    query = (
        select(AuditEntry)
        .where(*_narrowed(entity, username, action))
        .order_by(AuditEntry.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return list(session.scalars(query))


def logged_entities(session: Session) -> list[str]:
    """The kinds of entity the log names, alphabetically."""
    query = select(AuditEntry.entity).distinct().order_by(AuditEntry.entity)
    return list(session.scalars(query))


def logged_usernames(session: Session) -> list[str]:
    """The user names the log holds, alphabetically."""
    query = select(AuditEntry.username).distinct().order_by(AuditEntry.username)
    return list(session.scalars(query))


def logged_actions(session: Session) -> list[str]:
    """The actions the log names, alphabetically."""
    query = select(AuditEntry.action).distinct().order_by(AuditEntry.action)
    return list(session.scalars(query))


def indicator_names(session: Session, *, ids: Iterable[int]) -> dict[int, str]:
    """Indicator names by id, for the log's readable values."""
    query = select(Indicator.id, Indicator.name).where(Indicator.id.in_(set(ids)))
    return {row.id: row.name for row in session.execute(query)}


def region_names(session: Session, *, ids: Iterable[int]) -> dict[int, str]:
    query = select(Region.id, Region.name).where(Region.id.in_(set(ids)))
    return {row.id: row.name for row in session.execute(query)}


def department_names(session: Session, *, ids: Iterable[int]) -> dict[int, str]:
    query = select(Department.id, Department.name).where(Department.id.in_(set(ids)))
    return {row.id: row.name for row in session.execute(query)}
