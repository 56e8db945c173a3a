"""Guards and inserts of observation writes: no non-finite number is stored, and a new
observation that a concurrent writer has just created is added to, not collided with."""

from __future__ import annotations

import math
import sys
from collections.abc import Iterable
from typing import Any, cast

from sqlalchemy import Table
from sqlalchemy.orm import Session

from minsheng.errors import InputProblem
from minsheng.store.repositories import bulk
from minsheng.store.tables import Observation

OBSERVATIONS = cast(Table, Observation.__table__)
OBSERVATION_COLUMNS = ("id", "indicator_id", "region_id", "year", "latest_revision_id",
                       "current_revision_id", "current_value")  # fmt: skip


def refuse_non_finite(numbers: Iterable[float | None]) -> None:
    """The last guard: ±∞ or NaN stored as a value would break every read of it."""
    if any(n is not None and not math.isfinite(n) for n in numbers):
        raise InputProblem("数值过大或不是有限的数，无法保存", field="value")


def finite(column: Any) -> Any:
    """Numbers only, for a read: a ±∞ or NaN written around the application is missing."""
    return column.between(-sys.float_info.max, sys.float_info.max)


def insert_new(session: Session, rows: list[tuple[Any, ...]]) -> set[int]:
    """Insert new observations; the ids inserted.

    SQLite has one writer at a time, so a bulk insert is safe. On PostgreSQL a key that a
    concurrent writer has just created must be skipped rather than fail the whole write:
    the rows are copied first (COPY takes 100,000 rows in 2.3-3.5 s where INSERT … ON
    CONFLICT takes 4-5 s), and only if a key turns out taken is the copy rolled back to
    its savepoint and the rows inserted with ON CONFLICT DO NOTHING.
    """
    if not rows:
        return set()
    connection = session.connection()
    if connection.dialect.name != bulk.POSTGRESQL:
        bulk.insert_rows(session, OBSERVATIONS, OBSERVATION_COLUMNS, rows)
        return {row[0] for row in rows}
    from psycopg.errors import UniqueViolation  # noqa: PLC0415 (PostgreSQL's driver only)

    try:
        with session.begin_nested():
            bulk.insert_rows(session, OBSERVATIONS, OBSERVATION_COLUMNS, rows)
        return {row[0] for row in rows}
    except UniqueViolation:
        given = dict(zip(OBSERVATION_COLUMNS, (list(c) for c in zip(*rows, strict=True)),
                         strict=True))  # fmt: skip
        return set(connection.exec_driver_sql(INSERT_NEW, given).scalar_one() or ())


INSERT_NEW = """
WITH inserted AS (
  INSERT INTO observations (id, indicator_id, region_id, year, latest_revision_id,
                            current_revision_id, current_value)
  SELECT * FROM unnest(%(id)b::integer[], %(indicator_id)b::integer[],
                       %(region_id)b::integer[], %(year)b::integer[],
                       %(latest_revision_id)b::integer[], %(current_revision_id)b::integer[],
                       %(current_value)b::float8[])
  ON CONFLICT (indicator_id, region_id, year) DO NOTHING
  RETURNING id
)
SELECT array_agg(id) FROM inserted
"""
"""New observations on PostgreSQL as one statement over arrays: the ORM's executemany
prepared 100,000 parameter dictionaries in Python first. psycopg sends a list as an
array, in the binary format (`%b`) three times as fast as in text; the ids inserted come
back as one array, not as a row each."""


def pointers(newest: tuple[int, float | None], approved: bool) -> tuple[Any, ...]:
    """A new observation's latest revision, revision in force and its value."""
    revision_id, value = newest
    return (revision_id, revision_id, value) if approved else (revision_id, None, None)


FORWARD = """
UPDATE observations SET
  latest_revision_id = GREATEST(COALESCE(latest_revision_id, 0), v.revision),
  current_revision_id = CASE WHEN %(approved)s AND v.revision > COALESCE(current_revision_id, 0)
    THEN v.revision ELSE current_revision_id END,
  current_value = CASE WHEN %(approved)s AND v.revision > COALESCE(current_revision_id, 0)
    THEN v.value ELSE current_value END
FROM unnest(%(ids)b::integer[], %(revisions)b::integer[], %(values)b::float8[])
  AS v(id, revision, value)
WHERE observations.id = v.id
"""


def move_forward(
    session: Session, moved: list[tuple[int, int, float | None]], approved: bool
) -> bool:
    """On PostgreSQL, point observations (id, new revision id, its value) at their new
    revisions only where those are newer than the pointers: of two writers adding to
    one observation at once, the later revision wins whichever commits last. False on
    SQLite, whose single writer takes ids in order (the caller's plain update is right)."""
    connection = session.connection()
    if connection.dialect.name != bulk.POSTGRESQL:
        return False
    if moved:
        ids, revisions, values = (list(column) for column in zip(*moved, strict=True))
        given = {"approved": approved, "ids": ids, "revisions": revisions, "values": values}
        connection.exec_driver_sql(FORWARD, given)
    return True
