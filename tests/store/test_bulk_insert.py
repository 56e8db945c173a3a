"""Rows inserted in bulk on SQLite: many per statement, every one stored once, in order."""

from __future__ import annotations

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, select
from sqlalchemy.orm import Session

from minsheng.store.repositories import bulk

ITEMS = Table(
    "items",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("name", String),
    Column("size", Integer),
)
PER = bulk.SQLITE_VARIABLES // 3  # rows per statement for three columns


@pytest.mark.parametrize("count", [0, 1, PER - 1, PER, PER + 1, 2 * PER + 7])
def test_every_row_is_stored_once_whatever_the_count(tmp_path, count):
    engine = create_engine(f"sqlite:///{tmp_path / 'bulk.db'}")
    ITEMS.create(engine)
    rows = [(n, f"item {n}", None if n % 5 == 0 else n * 2) for n in range(1, count + 1)]
    with Session(engine) as session:
        bulk.insert_rows(session, ITEMS, ("id", "name", "size"), rows)
        stored = session.execute(select(ITEMS).order_by(ITEMS.c.id)).all()
    assert [tuple(row) for row in stored] == rows
    engine.dispose()
