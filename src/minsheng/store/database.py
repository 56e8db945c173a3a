"""Engines, transactions and migrations: the only place that knows how to reach a database.

SQLite needs two adjustments to behave like PostgreSQL here: foreign keys are off unless
asked for on each connection, and the sqlite3 driver does not begin a transaction before
DDL, so a failed migration would leave half its tables behind. Both are fixed on connect.
Concurrent use (several web workers) needs two more: the file is put in WAL mode, so
readers and a writer do not block each other, and a transaction that will write begins
with BEGIN IMMEDIATE, so two writers queue for the lock instead of one failing when it
upgrades a read lock ("database is locked").
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.orm import Session

from minsheng.errors import MinshengError
from minsheng.store.tables.observations import TRIGGER_KEPT_KEYS

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
POOL: dict[str, Any] = {"pool_size": 10, "max_overflow": 20, "pool_pre_ping": True}
"""Up to 30 connections per process: a web worker runs up to 40 requests in threads."""


class DriverMissing(MinshengError):
    """The URL names a database whose Python driver is not installed (PostgreSQL is an
    extra: SQLite, the default, needs nothing)."""

    code = "driver_missing"
    exit_code = 2


def create_engine_for(url: str) -> Engine:
    """An engine for `url`; for a SQLite file, its directory is created if missing."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return _server_engine(url)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, **POOL)
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _server_engine(url: str) -> Engine:
    try:
        return create_engine(url, **POOL, connect_args=_server_options(url))
    except ModuleNotFoundError as missing:
        raise DriverMissing(
            f"the database driver {missing.name!r} for {safe_url(url)} is not installed; "
            "install it with: pip install 'minsheng[postgresql]'"
        ) from None


NO_JIT = "-c jit=off"
"""PostgreSQL compiles a query it expects to be costly (the evaluation's correlated seeks
over 115,000 indicators) to machine code first, which took 0.4 s of a 1.4 s query
nationally and never paid back: the read side's queries are many short seeks."""


def _server_options(url: str) -> dict[str, str]:
    """PostgreSQL session settings, unless the URL sets its own `options`."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql" or "options" in parsed.query:
        return {}
    return {"options": NO_JIT}


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    """Enforce foreign keys and let SQLAlchemy, not the driver, decide when BEGIN happens."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.close()


def _sqlite_on_begin(connection: Any) -> None:
    writes = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


WRITE_OPTION = "minsheng_writes"
BUSY_TIMEOUT_MS = 15_000


@contextmanager
def session_scope(engine: Engine, *, writes: bool = True) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back if it raises.

    `writes=False` marks a read-only unit of work (a web GET), which on SQLite may then
    run beside a writer instead of queueing for the write lock.
    """
    with Session(engine, expire_on_commit=False) as session, session.begin():
        session.connection(execution_options={WRITE_OPTION: writes})
        yield session


def without_parallel_workers(session: Session) -> None:
    """Plan the rest of this PostgreSQL transaction's queries without parallel workers: for
    a read that runs beside another of the same pass, whose workers would take the cores
    the other read and the application need (a national pass on two cores: 1.05 s
    against 1.18 s). A no-op elsewhere."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL max_parallel_workers_per_gather = 0"))


def alembic_config(url: str) -> Config:
    """Alembic's configuration for the migrations shipped inside this package."""
    from alembic.config import Config  # noqa: PLC0415 (see upgrade_database)

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def declared_objects_kept(dialect: str) -> Callable[..., bool]:
    """Alembic's `include_object` for comparing a database of `dialect` with the tables
    declared: PostgreSQL keeps the foreign keys of observations and their revisions by
    triggers instead (`TRIGGER_KEPT_KEYS`), so their absence from its catalogue is no
    difference."""

    def kept(_item: Any, name: str | None, kind: str, _reflected: bool, _other: Any) -> bool:
        trigger_kept = kind == "foreign_key_constraint" and name in TRIGGER_KEPT_KEYS
        return not (dialect == "postgresql" and trigger_kept)

    return kept


def upgrade_database(url: str, *, revision: str = "head") -> str | None:
    """Bring the database at `url` to `revision` (all migrations) in one transaction.

    Returns the revision the database is at afterwards. A database already at the newest
    migration is only looked at: Alembic, whose import costs most command-line commands
    more than half a second, is loaded only when there is something to migrate.
    """
    engine = create_engine_for(url)
    try:
        with engine.begin() as connection:
            current = _stored_revision(connection)
            if revision != "head" or current != newest_revision():
                current = _migrate(connection, url, revision)
    finally:
        engine.dispose()
    logger.info("database %s is at revision %s", safe_url(url), current)
    return current


def newest_revision() -> str:
    """The newest migration's revision, from the file names (`NNNN_what.py`, revision
    "NNNN"; tests/store/test_migrations.py checks it against Alembic's own head)."""
    return max(path.name.split("_", 1)[0] for path in (MIGRATIONS / "versions").glob("[0-9]*_*.py"))


def _stored_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _migrate(connection: Connection, url: str, revision: str) -> str | None:
    from alembic import command  # noqa: PLC0415 (see upgrade_database)
    from alembic.runtime.migration import MigrationContext  # noqa: PLC0415

    config = alembic_config(url)
    config.attributes["connection"] = connection
    command.upgrade(config, revision)
    return MigrationContext.configure(connection).get_current_revision()


def safe_url(url: str) -> str:
    """The URL with any password hidden, fit for logs and messages."""
    return make_url(url).render_as_string(hide_password=True)
