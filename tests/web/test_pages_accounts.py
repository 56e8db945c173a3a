"""Accounts over a real server: an administrator resets a password by a one-time link and
deactivates a user; a user changes their own password. Refusals are 4xx Chinese pages."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.web.conftest import PASSWORDS, LiveServer, screenshot, sign_in
from tests.web.test_pages_admin import csrf, signed_in

NEW = "fresh-start-42"


def user_row_id(admin: httpx.Client, username: str) -> str:
    """The id in the users table's edit form for `username`."""
    page = admin.get("/admin").text
    found = re.search(
        rf'action="/admin/users/(\d+)"[^>]*>\s*<input[^>]*>\s*<label[^>]*>{username} ', page
    )
    assert found, f"a row for {username}"
    return found[1]


def reset_link(admin: httpx.Client, username: str) -> str:
    response = admin.post(
        f"/admin/users/{user_row_id(admin, username)}/reset-link",
        data={"csrf_token": csrf(admin, "/admin")},
    )
    assert response.status_code == 200, response.text
    assert "请将链接转交给该用户" in response.text  # no SMTP server configured
    return re.search(r'id="reset-link">([^<]+)<', response.text)[1]


def post_reset(client: httpx.Client, path: str, password: str, confirm: str | None = None):
    return client.post(
        path,
        data={
            "csrf_token": csrf(client, path),
            "new_password": password,
            "confirm_password": confirm or password,
        },
    )


def test_a_reset_link_sets_a_new_password_once(live_server: LiveServer):
    with signed_in(live_server, "admin") as admin:
        link = reset_link(admin, "reporter")
        assert link not in admin.get("/admin").text  # shown once
        log = admin.get("/admin/audit", params={"action": "reset_link"}).text
    assert link.startswith(live_server.url + "/password/reset/")
    assert "生成重设密码链接" in log
    assert link.rsplit("/", 1)[1] not in log
    path = link.removeprefix(live_server.url)
    with live_server.client() as user:
        assert "为账号 <strong>reporter</strong> 设置新密码" in user.get(path).text
        weak = post_reset(user, path, "short")
        assert (weak.status_code, "新密码太短" in weak.text) == (422, True)
        named = post_reset(user, path, "reporter-2026!")
        assert "新密码不能包含用户名" in named.text
        typo = post_reset(user, path, NEW, NEW + "x")
        assert (typo.status_code, "两次输入的新密码不一致" in typo.text) == (422, True)
        forged = user.post(path, data={"new_password": NEW, "confirm_password": NEW})
        assert forged.status_code == 403
        assert "表单已过期或来源不明" in forged.text
        done = post_reset(user, path, NEW)
        assert (done.status_code, "密码已重设" in done.text) == (200, True)
        again = user.get(path)
        assert again.status_code == 410
        assert "已经使用过" in again.text
        unknown = user.get("/password/reset/not-a-token")
        assert (unknown.status_code, "链接无效" in unknown.text) == (410, True)
    with signed_in(live_server, "reporter", NEW) as reporter:
        assert reporter.get("/entry").status_code == 200


def test_a_user_changes_their_own_password(live_server: LiveServer):
    with live_server.client() as public:
        response = public.get("/account/password")
        assert response.status_code == 303
        assert response.headers["location"].startswith("/login")
    with signed_in(live_server, "viewer") as viewer:
        page = viewer.get("/account/password")
        assert "修改密码" in page.text
        token = csrf(viewer, "/account/password")

        def change(current: str, new: str) -> httpx.Response:
            data = {"csrf_token": token, "current_password": current}
            return viewer.post(
                "/account/password", data=data | {"new_password": new, "confirm_password": new}
            )

        wrong = change("wrong-one-11", NEW)
        assert (wrong.status_code, "当前密码不正确" in wrong.text) == (422, True)
        simple = change(PASSWORDS["viewer"], "abcdefghijkl")
        assert (simple.status_code, "新密码太简单" in simple.text) == (422, True)
        done = change(PASSWORDS["viewer"], NEW)
        assert done.status_code == 303
        assert "密码已修改" in viewer.get(done.headers["location"]).text
    with signed_in(live_server, "viewer", NEW) as viewer:
        assert "viewer" in viewer.get("/").text


def test_a_deactivated_user_is_signed_out_and_cannot_sign_in(live_server: LiveServer):
    with signed_in(live_server, "reporter") as reporter, signed_in(live_server, "admin") as admin:
        assert reporter.get("/entry").status_code == 200
        row = user_row_id(admin, "reporter")
        token = csrf(admin, "/admin")
        issued = admin.post(
            "/admin/tokens", data={"csrf_token": token, "username": "reporter", "name": "同步"}
        )
        api_token = re.search(r'id="new-token">([^<]+)<', issued.text)[1]
        off = admin.post(f"/admin/users/{row}/active", data={"csrf_token": token, "active": "0"})
        assert off.status_code == 303
        assert "已停用该用户" in admin.get(off.headers["location"]).text
        assert reporter.get("/entry").status_code == 303  # the open session ended
        robot = live_server.client()
        robot.headers["authorization"] = f"Bearer {api_token}"
        with robot:
            assert robot.get("/entry").status_code == 401  # and its API token
        myself = admin.post(
            f"/admin/users/{user_row_id(admin, 'admin')}/active",
            data={"csrf_token": token, "active": "0"},
        )
        assert myself.status_code == 422
        assert "必须至少保留一名启用的系统管理员" in myself.text
        demote = admin.post(
            f"/admin/users/{user_row_id(admin, 'admin')}",
            data={"csrf_token": token, "role": "planner", "department": ""},
        )
        assert (demote.status_code, "至少保留一名" in demote.text) == (422, True)
        refused = admin.post(f"/admin/users/{row}/reset-link", data={"csrf_token": token})
        assert (refused.status_code, "该用户已停用" in refused.text) == (422, True)
        log = admin.get("/admin/audit", params={"username": "admin"}).text
    assert "停用账号" in log
    assert "用户：reporter" in log
    assert "时间（北京时间）" in log
    with live_server.client() as client:
        response = client.post(
            "/login",
            data={
                "username": "reporter",
                "password": PASSWORDS["reporter"],
                "csrf_token": csrf(client, "/login"),
            },
        )
    assert response.status_code == 403
    assert "该账号已停用" in response.text


def test_browser_admin_resets_a_password_and_deactivates_a_user(live_server, page, browser):
    if live_server.database_url.startswith("postgresql"):
        pytest.skip("the browser flow runs on SQLite only; the HTTP tests cover PostgreSQL")
    server = live_server
    sign_in(page, server, "admin", server.admin_password)
    page.goto(f"{server.url}/admin")
    page.get_by_role("button", name="为 reporter 生成重设密码链接").click()
    link = page.locator("#reset-link").inner_text().strip()
    screenshot(page, "admin-reset-link")
    page.get_by_role("button", name="停用 viewer").click()
    page.get_by_text("已停用该用户").wait_for()
    screenshot(page, "admin-deactivated")
    page.goto(f"{server.url}/admin/audit?username=admin")
    assert "停用账号" in page.locator("table.audit").inner_text()
    screenshot(page, "admin-audit")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server.url}/admin")
    screenshot(page, "admin-phone")

    phone = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    try:
        user = phone.new_page()
        user.goto(link)
        screenshot(user, "password-reset-phone")
        user.get_by_label("新密码", exact=True).fill(NEW)
        user.get_by_label("再次输入新密码").fill(NEW)
        user.get_by_role("button", name="设置新密码").click()
        user.get_by_text("密码已重设").wait_for()
        sign_in(user, server, "reporter", NEW)
        assert "reporter（填报人员）" in user.locator("header").inner_text()
        user.goto(f"{server.url}/account/password")
        screenshot(user, "account-password-phone")
        user.get_by_role("button", name="退出").click()
        sign_in(user, server, "viewer", PASSWORDS["viewer"])
        user.get_by_text("该账号已停用").wait_for()
        screenshot(user, "login-deactivated-phone")
    finally:
        phone.close()
