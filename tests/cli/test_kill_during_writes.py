"""`kill -9` in the middle of writing: an observation import run as its own process, and
the web server during an upload. Whenever the process dies, the SQLite file passes
`PRAGMA integrity_check` and holds the whole file's values or none of them."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from tests import loopback
from tests.loopback import loopback_client

from minsheng.data.bundled import bundled_plans
from minsheng.store import create_engine_for, session_scope, upgrade_database
from minsheng.usecases.demo import set_up_demo
from minsheng.usecases.template import template_for
from minsheng.usecases.users import create_user

HEFEI = "合肥市"
YEARS = [2021, 2022, 2023, 2024, 2025]
PASSWORD = "planner-kill-pw-1"
KILL_AFTER = 0.3
"""Seconds into the upload request: while the file is read, checked or written."""


def _command() -> str:
    found = shutil.which("minsheng", path=str(Path(sys.executable).parent))
    assert found, "the minsheng command is installed beside the test interpreter"
    return found


def _values_csv(url: str, path: Path) -> int:
    """Hefei's plan in a new database, and a CSV of a value for each of its indicators ×
    regions × years (the baseline's number where it has one); how many rows."""
    upgrade_database(url)
    engine = create_engine_for(url)
    try:
        with session_scope(engine) as session:
            hefei = [p for p in bundled_plans() if p.plan.region == HEFEI]
            set_up_demo(session, hefei)
            create_user(session, username="p", password=PASSWORD, role="planner", author="t")
            spec = template_for(session, region=HEFEI, department="市发改委", years=YEARS)
    finally:
        engine.dispose()
    lines = ["地区,指标,年份,数值"]
    for row in spec.rows:
        number = re.search(r"\d+(\.\d+)?", row.baseline or "")
        value = number[0] if number else "1"
        lines += [f"{row.region},{row.indicator},{year},{value}" for year in YEARS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - 1


def _consistent(database: Path) -> int:
    """The file passes SQLite's checks and no observation lacks its revisions; how many
    revisions it holds."""
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        orphans = connection.execute(
            "SELECT count(*) FROM observations o WHERE NOT EXISTS"
            " (SELECT 1 FROM observation_revisions r WHERE r.observation_id = o.id)"
        ).fetchone()[0]
        assert orphans == 0
        return connection.execute("SELECT count(*) FROM observation_revisions").fetchone()[0]


def _import(folder: Path, database: Path, **options: object) -> subprocess.Popen[bytes]:
    env = {**os.environ, "MINSHENG_DATABASE_URL": f"sqlite:///{database}",
           "MINSHENG_DATA_DIR": str(folder)}  # fmt: skip
    command = [_command(), "observe", "import", "values.csv", "--plan", HEFEI]
    return subprocess.Popen(command, cwd=folder, env=env, **options)  # type: ignore[call-overload]


def _outcomes(tmp_path: Path) -> tuple[Path, int, int]:
    """The database ready for the import, its revisions before, and after a whole import
    (run on a copy)."""
    database = tmp_path / "data" / "minsheng.db"
    _values_csv(f"sqlite:///{database}", tmp_path / "values.csv")
    before = _consistent(database)
    copy = tmp_path / "copy.db"
    shutil.copy(database, copy)
    assert _import(tmp_path, copy).wait(timeout=300) == 0
    return database, before, _consistent(copy)


@pytest.mark.parametrize("after", [0.7, 1.5])
def test_kill_9_during_an_import_leaves_all_or_nothing(tmp_path, after):
    database, before, whole = _outcomes(tmp_path)
    assert whole > before
    process = _import(tmp_path, database, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(after)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert _consistent(database) in (before, whole)  # all or nothing
    assert _import(tmp_path, database).wait(timeout=300) == 0  # and it still takes the file


def _rows(folder: Path) -> int:
    return len((folder / "values.csv").read_text(encoding="utf-8").splitlines()) - 1


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            loopback.get(url, timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError("the server did not start")


def test_kill_9_of_the_server_during_an_upload_leaves_all_or_nothing(tmp_path):
    database, before, _ = _outcomes(tmp_path)
    port = _free_port()
    url = f"sqlite:///{database}"
    env = {**os.environ, "MINSHENG_DATABASE_URL": url, "MINSHENG_DATA_DIR": str(tmp_path)}
    server = subprocess.Popen(
        [_command(), "serve", "--port", str(port)],
        cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(f"{base}/login")
        with loopback_client(base, timeout=60) as client:
            token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)[1]
            form = {"username": "p", "password": PASSWORD, "csrf_token": token}
            assert client.post("/login", data=form).status_code == 303
            page = client.get("/entry/upload").text
            token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
            upload = (tmp_path / "values.csv").read_bytes()
            form = {"csrf_token": token, "plan": HEFEI}
            files = {"file": ("values.csv", upload, "text/csv")}
            with ThreadPoolExecutor(max_workers=1) as pool:
                sent = pool.submit(client.post, "/entry/upload", data=form, files=files)
                time.sleep(KILL_AFTER)
                os.kill(server.pid, signal.SIGKILL)
                with contextlib.suppress(httpx.TransportError):
                    sent.result(timeout=60)
    finally:
        server.kill()
        server.wait(timeout=30)
    drafts = _consistent(database) - before
    assert drafts in (0, _rows(tmp_path))  # all or nothing
