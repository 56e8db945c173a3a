"""Server-side sessions and sign-in throttling, over a real server on both databases.

A copied session cookie stops working after logout, a password change, a role change or
deactivation; wrong passwords slow down one user name from one address only; an unknown
user name takes as long to refuse as a known one.
"""

from __future__ import annotations

import re
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

from minsheng.store import create_engine_for, session_scope
from minsheng.usecases.admin import change_role, set_active
from tests.web.conftest import PASSWORDS, LiveServer, signed_in

COOKIE = "minsheng_session"


def _csrf(client: httpx.Client, path: str = "/login") -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)[1]


def _copy(server: LiveServer, client: httpx.Client) -> httpx.Client:
    """Another client holding the same cookie (a stolen or copied one)."""
    thief = server.client()
    thief.cookies.set(COOKIE, client.cookies[COOKIE])
    return thief


def _signed_in_as(client: httpx.Client, username: str) -> bool:
    page = client.get("/account/password")
    return page.status_code == 200 and username in page.text


def _admin(server: LiveServer, change) -> None:
    engine = create_engine_for(server.database_url)
    try:
        with session_scope(engine) as session:
            change(session)
    finally:
        engine.dispose()


def test_a_copied_cookie_stops_working_after_logout_password_or_role_change(live_server):
    with signed_in(live_server, "viewer") as browser, _copy(live_server, browser) as thief:
        assert _signed_in_as(thief, "viewer")
        browser.post("/logout", data={"csrf_token": _csrf(browser, "/")})
        assert not _signed_in_as(thief, "viewer")
        assert thief.get("/account/password").status_code == 303  # sent to sign in

    with signed_in(live_server, "viewer") as here, signed_in(live_server, "viewer") as there:
        changed = here.post(
            "/account/password",
            data={
                "current_password": PASSWORDS["viewer"],
                "new_password": "Fresh-pass-2026!",
                "confirm_password": "Fresh-pass-2026!",
                "csrf_token": _csrf(here, "/account/password"),
            },
        )
        assert changed.status_code == 303
        assert _signed_in_as(here, "viewer")  # this browser carries on
        assert not _signed_in_as(there, "viewer")  # every other session ended

    with signed_in(live_server, "planner") as browser, _copy(live_server, browser) as thief:
        _admin(live_server, lambda s: change_role(
            s, username="planner", role="viewer", department=None, author="admin"))  # fmt: skip
        assert not _signed_in_as(thief, "planner")
        assert not _signed_in_as(browser, "planner")

    with signed_in(live_server, "reporter") as browser, _copy(live_server, browser) as thief:
        _admin(live_server, lambda s: set_active(
            s, username="reporter", active=False, author="admin"))  # fmt: skip
        _admin(live_server, lambda s: set_active(
            s, username="reporter", active=True, author="admin"))  # fmt: skip
        assert not _signed_in_as(thief, "reporter")  # reactivation brings no session back


def _attempt(server: LiveServer, username: str, password: str, address: str) -> httpx.Response:
    """One sign-in from `address` (the test server trusts X-Forwarded-For from loopback)."""
    with server.client() as client:
        token = _csrf(client)
        return client.post(
            "/login",
            data={"username": username, "password": password, "csrf_token": token},
            headers={"X-Forwarded-For": address},
        )


def test_parallel_wrong_passwords_get_five_checks_and_lock_nobody_else_out(live_server):
    def guess(_: int) -> httpx.Response:
        return _attempt(live_server, "admin", "wrong-password-1", "203.0.113.9")

    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(guess, range(30)))
    codes = sorted(answer.status_code for answer in answers)
    assert codes == [401] * 5 + [429] * 25
    waited = next(a for a in answers if a.status_code == 429)
    assert 0 < int(waited.headers["Retry-After"]) <= 30
    assert "秒后再试" in waited.text
    # The administrator elsewhere, and another user behind the attacker's address, sign in.
    assert (
        _attempt(live_server, "admin", live_server.admin_password, "198.51.100.7").status_code
        == 303
    )
    assert _attempt(live_server, "viewer", PASSWORDS["viewer"], "203.0.113.9").status_code == 303


def test_an_unknown_user_name_takes_as_long_as_a_known_one(live_server):
    def timed(username: str, address: str) -> float:
        started = time.perf_counter()
        assert _attempt(live_server, username, "not-the-password", address).status_code == 401
        return time.perf_counter() - started

    timed("nobody-at-all", "192.0.2.1")  # warm-up: the dummy hash is made once
    known = [timed("viewer", f"192.0.2.{i}") for i in range(10, 14)]
    unknown = [timed(f"nobody-{i}", f"192.0.2.{i}") for i in range(20, 24)]
    ratio = statistics.median(unknown) / statistics.median(known)
    assert 0.5 < ratio < 2.0, (known, unknown)
