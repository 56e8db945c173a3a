"""The database every storage command opens: configured, migrated, with its reference plan.

Storage (SQLAlchemy, Alembic) is imported when a command opens the database, not when the
`minsheng` command starts, so `--help` and the commands without a database start faster.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from minsheng.cli.errors import reported_errors

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class OpenedDatabase:
    engine: Engine
    url: str
    revision: str | None


@contextmanager
def opened_database() -> Iterator[OpenedDatabase]:
    """MINSHENG_DATABASE_URL (or the data directory's SQLite file), ready to use."""
    from minsheng.settings import get_settings  # noqa: PLC0415
    from minsheng.store import create_engine_for, session_scope, upgrade_database  # noqa: PLC0415
    from minsheng.usecases.indicator_facts import fill_missing_facts  # noqa: PLC0415
    from minsheng.usecases.reference import ensure_reference_plan  # noqa: PLC0415

    url = get_settings().effective_database_url
    with reported_errors():
        revision = upgrade_database(url)
    engine = create_engine_for(url)
    try:
        with session_scope(engine) as session:
            ensure_reference_plan(session)
            fill_missing_facts(session)
        yield OpenedDatabase(engine, url, revision)
    finally:
        engine.dispose()


@contextmanager
def database_session() -> Iterator[Session]:
    """One transaction on the opened database, its errors reported as the CLI reports
    them (a message and exit code 2, never a traceback; nothing written on error)."""
    from minsheng.store import session_scope  # noqa: PLC0415

    with opened_database() as database, reported_errors(), session_scope(database.engine) as s:
        yield s
