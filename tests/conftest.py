"""Shared fixtures: the seed plans, found relative to this repository, and real databases.

Storage tests run against a SQLite file and a real PostgreSQL server. The server is a
throwaway cluster started once per test session from the `initdb`/`pg_ctl` installed on the
machine (as the `postgres` OS user when the tests run as root, since PostgreSQL refuses to
run as root) and removed at the end; each test gets a fresh database in it. Without a
PostgreSQL installation the PostgreSQL half of those tests is skipped, except under CI
(env CI set), where it fails so that CI cannot pass without having run them.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any, NoReturn

import psycopg
import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from minsheng.ingest import parse_file
from minsheng.model.plan import ParsedPlan
from minsheng.settings import DATABASE_FILE
from minsheng.store import create_engine_for, upgrade_database
from minsheng.store.tables import Base

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO_ROOT.parent / "shared" / "seeds"
HEFEI = "000_7c865537b9a88152.txt"

PG_USER = "minsheng"
PG_TEST_DATABASE = "minsheng_test"
PG_TIMEOUT = 60  # seconds for initdb, start and stop
_STARTUP: dict[str, object] = {}  # how long the server took to start, for the summary


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"seed plans not found at {SEEDS_DIR} (they live beside the repository)")
    return SEEDS_DIR


@pytest.fixture(scope="session")
def hefei_plan(seeds_dir: Path) -> ParsedPlan:
    """The Hefei seed plan, parsed once for the whole session."""
    return parse_file(seeds_dir / HEFEI)


# --- PostgreSQL ----------------------------------------------------------------------------


def _postgres_bin() -> Path | None:
    """The directory holding initdb and pg_ctl: from PATH, else Debian's versioned dirs."""
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).resolve().parent
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    return found[-1].parent if found else None


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the PostgreSQL tests (scripts/setup installs it)")
    pytest.skip(reason)


def _run_as() -> tuple[list[str], pwd.struct_passwd | None]:
    """The command prefix that runs the server's tools as a non-root user."""
    if os.geteuid() != 0:
        return [], None
    try:
        owner = pwd.getpwnam("postgres")
    except KeyError:
        _unavailable("running as root and there is no postgres OS user to run PostgreSQL as")
    return ["runuser", "-u", "postgres", "--"], owner


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(command: list[str]) -> None:
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=PG_TIMEOUT, check=False
    )
    if result.returncode != 0:
        pytest.fail(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """URL of a database on a throwaway PostgreSQL server, running for the whole session."""
    bindir = _postgres_bin()
    if bindir is None:
        _unavailable("PostgreSQL is not installed (no initdb on PATH or in /usr/lib/postgresql)")
    prefix, owner = _run_as()
    base = Path(tempfile.mkdtemp(prefix="minsheng-pg-"))
    if owner is not None:
        os.chown(base, owner.pw_uid, owner.pw_gid)
    data, port = base / "data", _free_port()
    started = time.perf_counter()
    _run([*prefix, str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", PG_USER,
          "-E", "UTF8", "--locale=C", "--no-sync"])  # fmt: skip
    options = f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -F"
    pg_ctl = [*prefix, str(bindir / "pg_ctl"), "-D", str(data)]
    _run([*pg_ctl, "-l", str(base / "server.log"), "-o", options, "-w", "start"])
    try:
        _admin(port, f"CREATE DATABASE {PG_TEST_DATABASE}")
        _STARTUP["seconds"], _STARTUP["bindir"] = time.perf_counter() - started, bindir
        yield f"postgresql+psycopg://{PG_USER}@127.0.0.1:{port}/{PG_TEST_DATABASE}"
    finally:
        subprocess.run([*pg_ctl, "-m", "immediate", "stop"], capture_output=True, check=False)
        shutil.rmtree(base, ignore_errors=True)


SLOW_FIRST = ("snapshot", "reports", "web", "cli", "exports", "ingest", "usecases", "store")
"""Folders in the order their files start: the workers take files in collection order, so
the long browser, LibreOffice and command files go first and short files fill in at the
end, and the two workers finish together instead of one waiting on a late long file."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=_start_rank)  # stable: each file keeps its own order


def _start_rank(item: pytest.Item) -> int:
    parts = item.path.relative_to(REPO_ROOT / "tests").parts
    folder = parts[0] if len(parts) > 1 else ""
    return SLOW_FIRST.index(folder) if folder in SLOW_FIRST else len(SLOW_FIRST)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _STARTUP:
        terminalreporter.write_line(
            f"PostgreSQL from {_STARTUP['bindir']} started in {_STARTUP['seconds']:.2f}s"
        )


def _admin(port: int, statement: str) -> None:
    """Run a statement that cannot run in a transaction (CREATE/DROP DATABASE)."""
    with psycopg.connect(
        host="127.0.0.1", port=port, user=PG_USER, dbname="postgres", autocommit=True
    ) as connection:
        connection.execute(statement)  # type: ignore[arg-type]


@pytest.fixture(params=["sqlite", "postgresql"])
def database_kind(request: pytest.FixtureRequest) -> str:
    """Each storage test runs on both kinds of database."""
    return str(request.param)


def _server_url(request: pytest.FixtureRequest, kind: str) -> str | None:
    return None if kind == "sqlite" else str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def empty_database_url(
    database_kind: str, request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[str]:
    """A fresh, empty database per test: a SQLite file, or a new PostgreSQL database."""
    with _new_database(_server_url(request, database_kind), tmp_path) as url:
        yield url


@pytest.fixture
def database_url(
    database_kind: str,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    database_templates: DatabaseTemplates,
) -> Iterator[str]:
    """A fresh database of either kind, migrated to the newest schema (a copy of one
    migrated once per session, so each test does not run every migration again)."""
    server = _server_url(request, database_kind)
    template = database_templates.get("migrated", upgrade_database, server)
    with _new_database(server, tmp_path, template=template) as url:
        yield url


@contextmanager
def templated_database(
    request: pytest.FixtureRequest, name: str, fill: Callable[[Session], object]
) -> Iterator[tuple[str, object]]:
    """A fresh database of the test's kind in the state `fill` leaves a migrated one in,
    and what `fill` returned (ids stay the same in every copy): a copy of a template
    built once per session and worker under `name`, so each test does not import plans
    again. One `name` per `fill`; the fixture asking names `database_kind` (its
    parameter)."""
    server = _server_url(request, str(request.getfixturevalue("database_kind")))
    templates: DatabaseTemplates = request.getfixturevalue("database_templates")
    template = templates.get(name, partial(_filled, fill=fill), server)
    with _new_database(server, request.getfixturevalue("tmp_path"), template=template) as url:
        yield url, templates.built(name, server)


def database_with(name: str, fill: Callable[[Session], object]) -> Any:
    """A `database_url` fixture for a test module whose tests all start from `fill`'s
    state (see `templated_database`)."""

    @pytest.fixture
    def database_url(database_kind: str, request: pytest.FixtureRequest) -> Iterator[str]:
        with templated_database(request, name, fill) as (url, _):
            yield url

    return database_url


def _filled(url: str, *, fill: Callable[[Session], object]) -> object:
    from minsheng.store import session_scope  # noqa: PLC0415

    upgrade_database(url)
    engine = create_engine_for(url)
    try:
        with session_scope(engine) as session:
            return fill(session)
    finally:
        engine.dispose()


@pytest.fixture
def hefei_database_url(
    database_kind: str, request: pytest.FixtureRequest, hefei_plan: ParsedPlan
) -> Iterator[str]:
    """A fresh database of either kind holding the Hefei seed plan as 规划处 imported it
    (the import takes a second or two each time)."""
    with templated_database(request, "hefei", partial(_import, plan=hefei_plan)) as (url, _):
        yield url


def _import(session: Session, *, plan: ParsedPlan) -> None:
    from minsheng.usecases import import_plan  # noqa: PLC0415

    import_plan(session, plan, author="规划处")


@pytest.fixture
def round_database(database_kind: str, request: pytest.FixtureRequest) -> Iterator[tuple[str, Any]]:
    """A fresh database of either kind set up for the reporting-round tests
    (`tests/usecases/rounds_setup.py`: Hefei, two departments assigned, a reporter each;
    hashing their passwords is most of it), and the ids it holds."""
    from tests.usecases.rounds_setup import set_up_round_data  # noqa: PLC0415

    with templated_database(request, "rounds", set_up_round_data) as made:
        yield made


@pytest.fixture(scope="session")
def opened_database_file(database_templates: DatabaseTemplates) -> Path:
    """A SQLite database as the first `minsheng` command leaves one (migrated, with the
    national reference plan), built once per worker: command tests start their data
    directory from a copy (`start_data_dir`) instead of migrating it in every test."""
    url = database_templates.get("opened", _open_database, None)
    return Path(make_url(url).database or "")


def _open_database(url: str) -> None:
    from minsheng.store import session_scope  # noqa: PLC0415
    from minsheng.usecases.reference import ensure_reference_plan  # noqa: PLC0415

    upgrade_database(url)
    engine = create_engine_for(url)
    try:
        with session_scope(engine) as session:
            ensure_reference_plan(session)
    finally:
        engine.dispose()


def start_data_dir(data_dir: Path, opened: Path) -> Path:
    """`data_dir` holding a copy of the opened database, as a command leaves it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(opened, data_dir / DATABASE_FILE)
    return data_dir


@contextmanager
def _new_database(
    server: str | None, folder: Path, *, template: str | None = None
) -> Iterator[str]:
    """A new database on `server` (None: a SQLite file in `folder`), empty or a copy of
    `template`; a PostgreSQL one is dropped afterwards."""
    url = _create_database(server, folder, template=template)
    try:
        yield url
    finally:
        if server is not None:
            _admin(
                make_url(server).port or 5432,
                f"DROP DATABASE {make_url(url).database} WITH (FORCE)",
            )


def _create_database(server: str | None, folder: Path, *, template: str | None = None) -> str:
    if server is None:
        path = folder / "minsheng.db"
        if template is not None:
            shutil.copyfile(make_url(template).database or "", path)
        return f"sqlite:///{path}"
    url = make_url(server)
    name = f"test_{uuid.uuid4().hex[:16]}"
    copy = "" if template is None else f" TEMPLATE {make_url(template).database}"
    _admin(url.port or 5432, f"CREATE DATABASE {name}{copy}")
    return url.set(database=name).render_as_string(hide_password=False)


class DatabaseTemplates:
    """Databases built once per session (per worker) and copied for each test that wants
    a fresh one in that state: a file copy on SQLite, `CREATE DATABASE … TEMPLATE` on
    PostgreSQL. A template must have no open connection when it is copied, so `build`
    disposes of its engines. Templates go with the session's folder and server."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._urls: dict[tuple[str, str | None], str] = {}
        self._built: dict[tuple[str, str | None], object] = {}

    def get(self, name: str, build: Callable[[str], object], server: str | None) -> str:
        if (name, server) not in self._urls:
            folder = self._folder / f"{name}-{len(self._urls)}"
            folder.mkdir()
            url = _create_database(server, folder)
            self._built[(name, server)] = build(url)
            self._urls[(name, server)] = url
        return self._urls[(name, server)]

    def built(self, name: str, server: str | None) -> object:
        """What `build` returned for the template (ids stay the same in every copy)."""
        return self._built[(name, server)]


@pytest.fixture(scope="session")
def database_templates(tmp_path_factory: pytest.TempPathFactory) -> DatabaseTemplates:
    return DatabaseTemplates(tmp_path_factory.mktemp("templates"))


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_engine_for(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def row_counts(engine: Engine) -> Callable[[], dict[str, int]]:
    """Rows in every table, to show that something wrote nothing."""

    def count() -> dict[str, int]:
        with engine.connect() as connection:
            return {
                name: connection.scalar(select(func.count()).select_from(table)) or 0
                for name, table in Base.metadata.tables.items()
            }

    return count


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def shared_database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """One database of each kind for the whole session, migrated to the newest schema.

    For data set up once and shared by many tests: a SQLite file in a session directory,
    or a separate database on the session's PostgreSQL server.
    """
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('shared-db') / 'minsheng.db'}"
        upgrade_database(url)
        yield url
        return
    server = make_url(request.getfixturevalue("postgres_url"))
    name = f"shared_{uuid.uuid4().hex[:16]}"
    _admin(server.port or 5432, f"CREATE DATABASE {name}")
    try:
        url = server.set(database=name).render_as_string(hide_password=False)
        upgrade_database(url)
        yield url
    finally:
        _admin(server.port or 5432, f"DROP DATABASE {name} WITH (FORCE)")
