"""API tokens: made from a signed-in session only (JSON or the CSRF token), listed with
their last use, revocable and expiring; the /account/tokens page in Chromium."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import update

from minsheng.store import create_engine_for, session_scope
from minsheng.store.tables import ApiToken
from tests.web.conftest import PASSWORDS, LiveServer, screenshot, sign_in, signed_in


def _csrf(client: httpx.Client, path: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)[1]


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _expire(server: LiveServer, token_id: int) -> None:
    engine = create_engine_for(server.database_url)
    try:
        with session_scope(engine) as session:
            past = datetime.now(UTC) - timedelta(minutes=1)
            session.execute(update(ApiToken).where(ApiToken.id == token_id).values(expires_at=past))
    finally:
        engine.dispose()


def _last_used(script: httpx.Client, token: str) -> str | None:
    """Noted after the response: wait for it a little."""
    for _ in range(50):
        rows = script.get("/api/v1/tokens", headers=_bearer(token)).json()
        if rows[0]["last_used_at"]:
            return rows[0]["last_used_at"]
        time.sleep(0.1)
    return None


def test_a_token_is_made_listed_used_revoked_and_expires(live_server):
    with signed_in(live_server, "planner") as client, live_server.client() as script:
        assert client.post("/api/v1/tokens", data={"name": "表单"}).status_code == 403
        assert client.post("/api/v1/tokens").status_code == 403  # neither JSON nor CSRF
        made = client.post("/api/v1/tokens", json={"name": "同步脚本", "days": 30})
        assert made.status_code == 201
        body = made.json()
        expires = datetime.fromisoformat(body["expires_at"])
        assert timedelta(days=29) < expires - datetime.now(UTC) <= timedelta(days=30)
        token = body["token"]
        listed = script.get("/api/v1/tokens", headers=_bearer(token)).json()
        assert [(t["name"], t["state"]) for t in listed] == [("同步脚本", "active")]
        assert "token" not in listed[0]
        assert _last_used(script, token) is not None
        minted = script.post("/api/v1/tokens", json={"name": "再造"}, headers=_bearer(token))
        assert minted.status_code == 403  # a token cannot make tokens

        path = f"/api/v1/tokens/{body['id']}"
        assert client.delete(path).status_code == 403  # a cookie write needs the CSRF token
        revoked = client.delete(path, headers={"X-CSRF-Token": _csrf(client, "/account/tokens")})
        assert revoked.json()["state"] == "revoked"
        refused = script.get("/api/v1/tokens", headers=_bearer(token))
        assert refused.status_code == 401
        assert "撤销" in refused.json()["message"]

        other = client.post("/api/v1/tokens", json={"name": "短期"}).json()
        _expire(live_server, other["id"])
        assert script.get("/api/v1/tokens", headers=_bearer(other["token"])).status_code == 401


def test_the_tokens_page_makes_shows_once_and_revokes(live_server, page):
    sign_in(page, live_server, "viewer", PASSWORDS["viewer"])
    page.goto(f"{live_server.url}/account/tokens")
    page.get_by_label("用途").fill("月度同步")
    page.get_by_label("有效期").select_option("30")
    page.get_by_role("button", name="创建令牌").click()
    token = page.locator("#new-token").inner_text()
    assert len(token) > 30
    row = page.get_by_role("row", name=re.compile("月度同步"))
    assert "有效" in row.inner_text() and "从未使用" in row.inner_text()
    screenshot(page, "account-tokens")
    with live_server.client() as script:
        assert script.get("/api/v1/tokens", headers=_bearer(token)).status_code == 200
        page.get_by_role("button", name="撤销令牌 月度同步").click()
        assert "令牌已撤销" in page.content()
        assert "已撤销" in page.get_by_role("row", name=re.compile("月度同步")).inner_text()
        assert script.get("/api/v1/tokens", headers=_bearer(token)).status_code == 401
    page.goto(f"{live_server.url}/account/tokens")
    assert token not in page.content()  # shown once only
