"""A real HTTP server (uvicorn on a free loopback port) over a seeded database, and Chromium.

`live_server` (a fresh server per test) and `read_server` (one server per database for the
whole session, for tests that only read) run on both databases; `browser` drives Debian's
Chromium through Playwright.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from playwright.sync_api import sync_playwright
from sqlalchemy import Engine, func, select

from minsheng.data.bundled import bundled_plans
from minsheng.settings import Settings
from minsheng.store import create_engine_for, session_scope, upgrade_database
from minsheng.store.tables import Base, LoginAttempt
from minsheng.usecases.demo import set_up_demo
from minsheng.usecases.users import create_user
from minsheng.web import create_app
from tests.conftest import DatabaseTemplates, _new_database
from tests.loopback import loopback_client

PASSWORDS = {
    "planner": "planner-password-1",
    "reporter": "reporter-password-1",
    "viewer": "viewer-password-1",
}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SIGN_INS = {"login_attempts", "web_sessions", "sign_in_throttles"}
"""Written by every sign-in, also one that only reads."""


@dataclass(frozen=True)
class LiveServer:
    url: str
    admin_password: str
    database_url: str

    def client(self) -> httpx.Client:
        return loopback_client(self.url, timeout=30)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def seed(database_url: str) -> str:
    """The five seed plans, the reference plan, an admin and one user of each other role."""
    engine = create_engine_for(database_url)
    try:
        with session_scope(engine) as session:
            setup = set_up_demo(session, bundled_plans())
            for role, password in PASSWORDS.items():
                department = "合肥市卫生健康委员会" if role == "reporter" else None
                create_user(
                    session,
                    username=role,
                    password=password,
                    role=role,
                    department=department,
                    author="test",
                )
    finally:
        engine.dispose()
    assert setup.admin_password
    return setup.admin_password


@contextmanager
def _serving(
    database_url: str, data_dir: Path, admin_password: str, *, warm_up: bool = False
) -> Iterator[LiveServer]:
    """The web app over `database_url`, served by uvicorn in a thread until the block ends
    (without the start-up warm-up, which tests/web/test_app.py checks on its own)."""
    settings = Settings(
        data_dir=data_dir, database_url=database_url, secret_key="test-secret", warm_up=warm_up
    )
    engine = create_engine_for(database_url)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings, engine=engine), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        yield LiveServer(f"http://127.0.0.1:{port}", admin_password, database_url)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        engine.dispose()


ON_SQLITE = pytest.mark.parametrize("database_kind", ["sqlite"], indirect=True)
"""For a browser test of a whole flow: it runs once, on SQLite, and no PostgreSQL database
is set up for it. The same writes over HTTP, and the use cases beneath, are tested on both
databases; the browser adds what the page does, which does not depend on the database."""
ON_SQLITE_SHARED = pytest.mark.parametrize("shared_database_url", ["sqlite"], indirect=True)
"""`ON_SQLITE` for a browser test on the shared `read_server`."""


_SEEDED: dict[str, str] = {}  # template URL → its admin password


def _seeded(url: str) -> None:
    upgrade_database(url)
    _SEEDED[url] = seed(url)


@pytest.fixture
def seeded_database_url(
    database_kind: str,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    database_templates: DatabaseTemplates,
) -> Iterator[tuple[str, str]]:
    """A fresh copy of a database seeded once per session: (URL, admin password)."""
    server = None if database_kind == "sqlite" else str(request.getfixturevalue("postgres_url"))
    template = database_templates.get("seeded", _seeded, server)
    with _new_database(server, tmp_path, template=template) as url:
        yield url, _SEEDED[template]


@pytest.fixture
def live_server(seeded_database_url: tuple[str, str], tmp_path: Path) -> Iterator[LiveServer]:
    """A server of its own over a freshly seeded database: for tests that write."""
    database_url, admin_password = seeded_database_url
    with _serving(database_url, tmp_path, admin_password) as server:
        yield server


@pytest.fixture(scope="session")
def read_server(
    shared_database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    """One server per database for the whole session, seeded once: for tests that only read.

    Every test given it sees the same database and the same server (and the server's cache
    of anonymous responses), so a test using it must not write: no observations, reviews,
    assignments, tokens, users, departments, project updates or standards edits, and no
    change to the database behind the server's back. A test that changed anything would
    make what the others see depend on which tests ran before them. At the end of the
    session every table is compared with how seeding left it, so such a test fails loudly.

    A test may try a write that must be refused (anonymous, wrong role, invalid value),
    since a refusal writes nothing; should a refusal ever let a write through, that test
    and the comparison fail.

    Signing in to read is allowed, but only with the right password. Every sign-in adds a
    row to `login_attempts` and a session; throttling counts failures per user name and
    address, and every client here connects from 127.0.0.1, so five failed sign-ins of one
    user in any test would make that user's sign-ins wait for every later test. Tests of
    wrong passwords and throttling use `live_server`; the final comparison ignores
    sign-ins and sessions and requires that no sign-in failed.
    """
    admin_password = seed(shared_database_url)
    engine = create_engine_for(shared_database_url)
    try:
        seeded = _fingerprint(engine)
        with _serving(
            shared_database_url, tmp_path_factory.mktemp("read-server"), admin_password
        ) as server:
            yield server
        changed = sorted(
            name for name, rows in _fingerprint(engine).items() if rows != seeded.get(name)
        )
        assert not changed, (
            f"tests using read_server changed the shared database ({', '.join(changed)}): "
            "a test that writes or fails a sign-in needs its own live_server"
        )
    finally:
        engine.dispose()


def _fingerprint(engine: Engine) -> dict[str, object]:
    """Every row of every table, except sign-ins and their sessions, and the failed
    sign-ins."""
    tables = {name: table for name, table in Base.metadata.tables.items() if name not in SIGN_INS}
    with engine.connect() as connection:
        found: dict[str, object] = {
            name: _digest(connection.execute(select(table).order_by(*table.primary_key)))
            for name, table in tables.items()
        }
        found["failed sign-ins"] = connection.scalar(
            select(func.count()).select_from(LoginAttempt).where(~LoginAttempt.succeeded)
        )
    return found


def _digest(rows: Iterable[object]) -> str:
    digest = hashlib.sha256()
    for row in rows:
        digest.update(repr(row).encode())
    return digest.hexdigest()


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, through Playwright (no browser download)."""
    executable = _chromium()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (scripts/test installs it)")
        pytest.skip("chromium is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    """Keep a full-page screenshot as a test artefact (test-artifacts/NAME.png)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@contextmanager
def signed_in(server: LiveServer, username: str) -> Iterator[httpx.Client]:
    """A client holding `username`'s session cookie, signed in through the login form."""
    with server.client() as client:
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)[1]
        password = PASSWORDS.get(username, server.admin_password)
        response = client.post(
            "/login", data={"username": username, "password": password, "csrf_token": token}
        )
        assert response.status_code == 303
        yield client


def sign_in(page, server: LiveServer, username: str, password: str) -> None:
    page.goto(f"{server.url}/login")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()
