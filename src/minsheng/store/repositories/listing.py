"""What every list query shares: a window of rows with the total, scoping and matching."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from minsheng.runtime import gc_paused
from minsheng.store.tables import Plan, Region

AnySelect = Select[*tuple[Any, ...]]
"""A select of any columns (SQLAlchemy types `Select[Any]` as a one-column select)."""


def paged(
    session: Session, query: AnySelect, *, limit: int | None, offset: int
) -> tuple[list[Any], int]:
    """The query's rows in the window (`limit=None`: all of them), and how many in all."""
    rows = list(session.execute(query.limit(limit).offset(offset)).all())
    if limit is None and offset == 0:
        return rows, len(rows)
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    return rows, total or 0


def driver_rows(session: Session, query: AnySelect) -> list[tuple[Any, ...]]:
    """A select of numbers as the database driver returns its rows: plain tuples, without
    SQLAlchemy's row objects, for numeric reads of 100,000 rows that go straight to numpy
    (pending writes flushed first)."""
    session.flush()
    result = session.connection().execute(query)
    try:
        with gc_paused():
            return list(result.cursor.fetchall()) if result.cursor is not None else []
    finally:
        result.close()


def plan_scope(query: AnySelect, *, plan_id: int | None, region: str | None) -> AnySelect:
    """Narrow to one plan (any version) or else the current plans, optionally by region."""
    query = query.where(Plan.id == plan_id) if plan_id is not None else query.where(Plan.is_current)
    return query.where(Region.name == region) if region is not None else query


def contains(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, its own % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
