"""Telling a busy database from a broken one: the web app answers the first with 503."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

_SQLITE_BUSY = ("database is locked", "database table is locked", "database is busy")
_POSTGRESQL_BUSY = {"40001", "40P01", "55P03"}  # serialization, deadlock, lock not available


def is_busy(error: BaseException) -> bool:
    """Whether `error` is the database saying "busy, try again": SQLite's lock held past
    the busy timeout, or PostgreSQL's serialization failure, deadlock or lock timeout."""
    if not isinstance(error, DBAPIError):
        return False
    cause = error.orig
    state = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    return state in _POSTGRESQL_BUSY or any(text in str(cause).lower() for text in _SQLITE_BUSY)
