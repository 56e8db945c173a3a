"""A SQLite database whose write lock another process holds: writes answer 503 with
Retry-After and a Chinese message (nothing saved), reads carry on, and once the lock is
free the same request works."""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn

from minsheng.settings import Settings
from minsheng.store import create_engine_for, session_scope, upgrade_database
from minsheng.usecases.users import create_user
from minsheng.web import create_app
from minsheng.web.busy import BusyDatabase
from tests.loopback import loopback_client
from tests.web.conftest import _free_port

PASSWORD = "busy-admin-pw-1"


@contextmanager
def _serving(url: str, data_dir: Path) -> Iterator[str]:
    settings = Settings(data_dir=data_dir, database_url=url, secret_key="t", warm_up=False)
    engine = create_engine_for(url)
    app = create_app(settings, engine=engine)
    assert any(m.cls is BusyDatabase for m in app.user_middleware)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        while not server.started:
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        engine.dispose()


@contextmanager
def _write_lock(path: Path) -> Iterator[None]:
    """Another process's writer, holding SQLite's write lock until the block ends."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def _sign_in(client: httpx.Client) -> httpx.Response:
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)[1]
    form = {"username": "admin", "password": PASSWORD, "csrf_token": token}
    return client.post("/login", data=form)


@pytest.fixture
def busy_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Path]]:
    monkeypatch.setattr("minsheng.store.database.BUSY_TIMEOUT_MS", 300)
    path = tmp_path / "busy.db"
    url = f"sqlite:///{path}"
    upgrade_database(url)
    engine = create_engine_for(url)
    with session_scope(engine) as session:
        create_user(session, username="admin", password=PASSWORD, role="admin", author="test")
    engine.dispose()
    with _serving(url, tmp_path) as address:
        yield address, path


def test_a_locked_database_answers_503_with_retry_after_and_reads_carry_on(busy_server):
    address, path = busy_server
    with loopback_client(address, timeout=30) as client:
        with _write_lock(path):
            page = _sign_in(client)
            assert page.status_code == 503
            assert page.headers["Retry-After"] == "5"
            assert "数据库正忙" in page.text and "未保存" in page.text
            assert client.get("/login").status_code == 200  # reading goes on
        assert _sign_in(client).status_code == 303
        with _write_lock(path):
            api = client.post("/api/v1/tokens", json={"name": "脚本"})
            assert api.status_code == 503
            assert api.headers["Retry-After"] == "5"
            assert api.json()["error"] == "database_busy"
        assert client.post("/api/v1/tokens", json={"name": "脚本"}).status_code == 201
