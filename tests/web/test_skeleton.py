"""The server answers on a real port: pages in Chinese, the API as JSON, sessions signed."""

from __future__ import annotations

import re

from tests.web.conftest import PASSWORDS


def test_overview_lists_every_plan_as_a_card(read_server):
    with read_server.client() as client:
        response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    for region in ("合肥市", "六安市", "崆峒区", "滁州市", "淮北市", "全国"):
        assert region in response.text
    assert "幼有所育" in response.text


def test_api_lists_plans_publicly(read_server):
    with read_server.client() as client:
        plans = client.get("/api/v1/plans").json()
    assert [p["region"] for p in plans][-1] == "全国"
    assert {p["region"] for p in plans} >= {"合肥市", "六安市", "崆峒区", "滁州市", "淮北市"}


def test_sign_in_needs_the_csrf_token_and_sets_an_httponly_cookie(read_server):
    with read_server.client() as client:
        form = client.get("/login").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', form)[1]
        forged = client.post(
            "/login", data={"username": "planner", "password": PASSWORDS["planner"]}
        )
        assert forged.status_code == 403
        signed_in = client.post(
            "/login",
            data={"username": "planner", "password": PASSWORDS["planner"], "csrf_token": token},
        )
        assert signed_in.status_code == 303
        cookie = signed_in.headers["set-cookie"].lower()
        assert "httponly" in cookie
        assert "samesite=lax" in cookie
        assert "planner" in client.get("/").text


def test_wrong_passwords_are_throttled(live_server):
    with live_server.client() as client:
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)[1]
        codes = [
            client.post(
                "/login", data={"username": "viewer", "password": "wrong", "csrf_token": token}
            ).status_code
            for _ in range(6)
        ]
        right = client.post(
            "/login",
            data={"username": "viewer", "password": PASSWORDS["viewer"], "csrf_token": token},
        )
    assert codes == [401] * 5 + [429]
    assert right.status_code == 429  # even the right password waits out the window
