"""The database every storage command opens: configured, migrated, with its reference plan."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine

from minsheng.cli.errors import reported_errors
from minsheng.settings import get_settings
from minsheng.store import create_engine_for, session_scope, upgrade_database
from minsheng.usecases import ensure_reference_plan
from minsheng.usecases.indicator_facts import fill_missing_facts


@dataclass(frozen=True)
class OpenedDatabase:
    engine: Engine
    url: str
    revision: str | None


@contextmanager
def opened_database() -> Iterator[OpenedDatabase]:
    """MINSHENG_DATABASE_URL (or the data directory's SQLite file), ready to use."""
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
