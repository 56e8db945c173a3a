"""A real HTTP server (uvicorn on a free loopback port) over a seeded database, and Chromium.

`live_server` runs on both databases (the `database_url` fixture); `browser` drives
Debian's Chromium through Playwright.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from playwright.sync_api import sync_playwright

from minsheng.data.bundled import bundled_plans
from minsheng.settings import Settings
from minsheng.store import create_engine_for, session_scope
from minsheng.usecases.demo import set_up_demo
from minsheng.usecases.users import create_user
from minsheng.web import create_app

PASSWORDS = {
    "planner": "planner-password-1",
    "reporter": "reporter-password-1",
    "viewer": "viewer-password-1",
}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@dataclass(frozen=True)
class LiveServer:
    url: str
    admin_password: str
    database_url: str

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30)


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


@pytest.fixture
def live_server(database_url: str, tmp_path: Path) -> Iterator[LiveServer]:
    admin_password = seed(database_url)
    settings = Settings(data_dir=tmp_path, database_url=database_url, secret_key="test-secret")
    engine = create_engine_for(database_url)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings, engine=engine), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield LiveServer(f"http://127.0.0.1:{port}", admin_password, database_url)
    server.should_exit = True
    thread.join(timeout=10)
    engine.dispose()


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


def sign_in(page, server: LiveServer, username: str, password: str) -> None:
    page.goto(f"{server.url}/login")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()
