"""Engines and transactions behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from minsheng.store import create_engine_for, safe_url, session_scope, without_parallel_workers
from minsheng.store.tables import Department, Plan, Region


def test_foreign_keys_are_enforced(engine):
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        session.add(Region(name="某区", parent_id=999))


def test_session_scope_commits(engine):
    with session_scope(engine) as session:
        session.add(Department(name="市教育局"))
    with session_scope(engine) as session:
        assert session.scalars(select(Department.name)).all() == ["市教育局"]


def test_session_scope_rolls_back_everything_on_error(engine, row_counts):
    before = row_counts()
    with pytest.raises(RuntimeError), session_scope(engine) as session:
        session.add(Department(name="市卫健委"))
        session.flush()
        raise RuntimeError("boom")
    assert row_counts() == before


def add_current(session, region_id, version, period_start):
    session.add(
        Plan(
            region_id=region_id,
            source_name="plan.txt",
            content_hash=str(version),
            version=version,
            is_current=True,
            period_start=period_start,
        )
    )
    session.flush()


@pytest.mark.parametrize("period_start", [2021, None])
def test_one_current_plan_per_region_and_period(engine, period_start):
    """The partial unique index holds on both databases, a period left unknown included."""
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        region = Region(name="合肥市")
        session.add(region)
        session.flush()
        for version in (1, 2):
            add_current(session, region.id, version, period_start)


def test_a_region_has_a_current_plan_in_each_period(engine):
    with session_scope(engine) as session:
        region = Region(name="合肥市")
        session.add(region)
        session.flush()
        add_current(session, region.id, 1, 2021)
        add_current(session, region.id, 2, 2026)


def test_sqlite_file_directory_is_created(tmp_path):
    path = tmp_path / "deep" / "er" / "minsheng.db"
    engine = create_engine_for(f"sqlite:///{path}")
    try:
        with session_scope(engine):
            pass
    finally:
        engine.dispose()
    assert path.parent.is_dir()


def test_safe_url_hides_the_password():
    shown = safe_url("postgresql+psycopg://planner:s3cret@db.example/minsheng")
    assert "s3cret" not in shown
    assert "planner" in shown


def test_postgresql_sessions_run_without_jit(postgres_url):
    """JIT compilation cost 0.4 s of each national evaluation query and saved nothing."""
    engine = create_engine_for(postgres_url)
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("SHOW jit").scalar() == "off"
    finally:
        engine.dispose()


def test_a_read_beside_another_plans_without_parallel_workers_for_its_transaction_only(engine):
    """The setting lasts the transaction: the connection goes back to the pool as it was."""
    shown = "SHOW max_parallel_workers_per_gather"
    postgresql = engine.dialect.name == "postgresql"
    with session_scope(engine, writes=False) as session:
        before = session.connection().exec_driver_sql(shown).scalar() if postgresql else None
        without_parallel_workers(session)
        if postgresql:
            assert session.connection().exec_driver_sql(shown).scalar() == "0"
            assert before != "0"
    if postgresql:
        with session_scope(engine, writes=False) as session:
            assert session.connection().exec_driver_sql(shown).scalar() == before
