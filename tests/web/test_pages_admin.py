"""The administration pages over a real server: users, departments, assignments, tokens, log."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import unquote

import httpx
import pytest

from tests.web.conftest import PASSWORDS, LiveServer

REPORTERS = "合肥市卫生健康委员会"
LIFE = "人均预期寿命"
DOCTORS = "每千常住人口执业(助理)医师数"


def csrf(client: httpx.Client, path: str) -> str:
    """The form token, read from a page's HTML as a browser would."""
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)[1]


@contextmanager
def signed_in(
    server: LiveServer, username: str, password: str | None = None
) -> Iterator[httpx.Client]:
    """An HTTP client with `username`'s session cookie."""
    password = password or (server.admin_password if username == "admin" else PASSWORDS[username])
    with server.client() as client:
        response = client.post(
            "/login",
            data={
                "username": username,
                "password": password,
                "csrf_token": csrf(client, "/login"),
            },
        )
        assert response.status_code == 303, response.text
        yield client


def option_value(html: str, text: str, select: str | None = None) -> str:
    """The value of the <option> (in <select id=`select`>) or checkbox labelled `text`."""
    if select is not None:
        html = re.search(rf'<select id="{select}".*?</select>', html, re.S)[0]
    option = re.search(rf'<option value="([^"]+)"[^>]*>{re.escape(text)}</option>', html)
    if option:
        return option[1]
    box = re.search(rf'name="indicator" value="(\d+)"> {re.escape(text)}[（<]', html)
    assert box, f"{text} is not offered"
    return box[1]


def assign(admin: httpx.Client, names: list[str], region: str = "合肥市") -> None:
    """Assign Hefei's indicators to the reporters' department through the admin form."""
    listing = admin.get("/admin/assignments", params={"plan": "合肥市"}).text
    department = option_value(listing, REPORTERS)
    page = admin.get("/admin/assignments", params={"plan": "合肥市", "department": department})
    html = page.text
    data = {
        "csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', html)[1],
        "plan": "合肥市",
        "department": department,
        "indicator": [option_value(html, name) for name in names],
        "region": option_value(html, region, select="assign-region"),
    }
    response = admin.post("/admin/assignments", data=data)
    assert response.status_code == 303, response.text
    assert f"已分配 {len(names)} 项指标" in admin.get(response.headers["location"]).text


@pytest.mark.parametrize("path", ["/admin", "/admin/assignments", "/admin/audit"])
def test_only_administrators_get_in(read_server, path):
    with read_server.client() as public:
        response = public.get(path)
    assert response.status_code == 303
    assert unquote(response.headers["location"]) == f"/login?next={path}"
    for role in ("viewer", "reporter", "planner"):
        with signed_in(read_server, role) as client:
            assert client.get(path).status_code == 403


def test_admin_creates_a_user_who_can_sign_in_and_changes_their_role(live_server):
    with signed_in(live_server, "admin") as admin:
        token = csrf(admin, "/admin")
        made = admin.post(
            "/admin/users",
            data={
                "csrf_token": token,
                "username": "chen",
                "password": "chen-password-1",
                "role": "reporter",
                "department": REPORTERS,
            },
        )
        assert made.status_code == 303
        page = admin.get("/admin").text
        assert "chen" in page
        assert "已创建用户" in admin.get(made.headers["location"]).text
        short = admin.post(
            "/admin/users",
            data={"csrf_token": token, "username": "x", "password": "short", "role": "viewer"},
        )
        assert short.status_code == 422
        assert "密码至少10个字符" in short.text
        forged = admin.post(
            "/admin/users",
            data={"username": "y", "password": "long-enough-1", "role": "admin"},
        )
        assert forged.status_code == 403
        user_id = re.search(
            r'action="/admin/users/(\d+)"[^>]*>\s*<input[^>]*>\s*<label[^>]*>chen', page
        )
        assert user_id, "a row to edit chen"
        changed = admin.post(
            f"/admin/users/{user_id[1]}",
            data={"csrf_token": token, "role": "planner", "department": ""},
        )
        assert changed.status_code == 303
        log = admin.get("/admin/audit", params={"entity": "user", "username": "admin"}).text
    assert "修改" in log
    assert "角色：填报人员 → 规划人员" in log
    assert f"部门：{REPORTERS} → —" in log
    with signed_in(live_server, "chen", "chen-password-1") as chen:
        assert chen.get("/entry/review").status_code == 200  # planners review


def test_departments_and_assignments_are_audited(live_server):
    with signed_in(live_server, "admin") as admin:
        token = csrf(admin, "/admin")
        created = admin.post(
            "/admin/departments", data={"csrf_token": token, "name": "六安市教育局"}
        )
        assert created.status_code == 303
        twice = admin.post("/admin/departments", data={"csrf_token": token, "name": "六安市教育局"})
        assert twice.status_code == 422
        assert "名称已存在" in twice.text
        assign(admin, [LIFE, DOCTORS])
        department = option_value(admin.get("/admin/assignments").text, REPORTERS)
        listed = admin.get(
            "/admin/assignments", params={"plan": "合肥市", "department": department}
        ).text
        log = admin.get("/admin/audit", params={"entity": "indicator"}).text
    assert "本部门已分配的指标" in listed
    assert LIFE in listed.split("本部门已分配的指标</h2>")[1]
    assert log.count("分配指标") >= 2
    assert REPORTERS in log
    assert f"指标：{LIFE}" in log
    assert "地区：合肥市" in log


def test_an_api_token_is_shown_once_and_acts_as_its_user(live_server):
    with signed_in(live_server, "admin") as admin:
        response = admin.post(
            "/admin/tokens",
            data={"csrf_token": csrf(admin, "/admin"), "username": "reporter", "name": "同步"},
        )
        assert response.status_code == 200
        token = re.search(r'id="new-token">([^<]+)<', response.text)[1]
        assert token not in admin.get("/admin").text
        assert token not in admin.get("/admin/audit").text
    with live_server.client() as robot:
        robot.headers["authorization"] = f"Bearer {token}"
        page = robot.get("/entry")
    assert page.status_code == 200
    assert "reporter（填报人员）" in page.text


def test_an_assignment_is_taken_away_and_the_reporter_loses_it(live_server):
    with signed_in(live_server, "admin") as admin:
        assign(admin, [LIFE, DOCTORS])
        department = option_value(admin.get("/admin/assignments").text, REPORTERS)
        params = {"plan": "合肥市", "department": department}
        html = admin.get("/admin/assignments", params=params).text
        listed = html.split("本部门已分配的指标</h2>")[1]
        form = re.search(
            r'<form method="post" action="/admin/assignments/remove".*?</form>',
            listed.split(LIFE, 1)[1],
            re.S,
        )[0]
        data = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form))
        removed = admin.post("/admin/assignments/remove", data=data)
        assert removed.status_code == 303
        after = admin.get(removed.headers["location"]).text
        assert "已取消分配" in after
        assert LIFE not in after.split("本部门已分配的指标</h2>")[1]
        assert DOCTORS in after.split("本部门已分配的指标</h2>")[1]
        again = admin.post("/admin/assignments/remove", data=data)
        assert again.status_code == 422
        assert "可能已被取消" in again.text
        log = admin.get("/admin/audit", params={"action": "unassign"}).text
    assert "取消分配" in log
    assert f"指标：{LIFE}" in log
    with signed_in(live_server, "reporter") as reporter:
        entry = reporter.get("/entry").text
    assert DOCTORS in entry
    assert LIFE not in entry
