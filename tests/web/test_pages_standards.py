"""The standards catalogue over HTTP on both databases, and in Chromium on SQLite."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.web.conftest import PASSWORDS, screenshot, sign_in

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def signed_in(client: httpx.Client, username: str) -> None:
    token = TOKEN.search(client.get("/login").text)[1]
    data = {"username": username, "password": PASSWORDS[username], "csrf_token": token}
    assert client.post("/login", data=data).status_code == 303


def item_id(client: httpx.Client, name: str) -> int:
    page = client.get("/standards", params={"q": name}).text
    return int(re.search(rf'href="/standards/items/(\d+)">(?:<mark>)?{name}', page)[1])


def plan_ids(client: httpx.Client) -> dict[str, int]:
    form = client.get("/standards/compare").text
    return {m[2]: int(m[1]) for m in re.finditer(r'value="(\d+)" *> (\S+)</label>', form)}


def test_search_is_escaped_and_highlighted(read_server):
    with read_server.client() as client:
        page = client.get("/standards", params={"q": "托育 <script>"})
        assert page.status_code == 200
        assert "<script>" not in page.text.split("<main", 1)[1].split("</main>")[0]
        found = client.get("/standards", params={"q": "托育"}).text
    assert "幼有所育" in found and "儿童健康管理" in found
    assert "<mark>托育</mark>" in found  # the related 托育 projects and columns
    assert "待完善" in found


def test_a_planner_edits_an_item_and_the_history_shows_it(live_server):
    with live_server.client() as client:
        target = item_id(client, "预防接种")
        signed_in(client, "planner")
        page = client.get(f"/standards/items/{target}").text
        sent = {"csrf_token": TOKEN.search(page)[1], "beneficiaries": "0—6岁儿童<b>"}
        assert client.post(f"/standards/items/{target}", data=sent).status_code == 303
        after = client.get(f"/standards/items/{target}").text
    assert "0—6岁儿童&lt;b&gt;" in after
    history = after.split('id="history"', 1)[1]
    assert "planner" in history and "服务对象" in history


@pytest.mark.parametrize("who", [None, "viewer"])
def test_only_planners_may_edit(read_server, who):
    with read_server.client() as client:
        target = item_id(client, "预防接种")
        if who:
            signed_in(client, who)
        page = client.get(f"/standards/items/{target}").text
        assert "保存修改" not in page
        token = TOKEN.search(client.get("/login").text)[1]  # a valid token for this session
        sent = {"csrf_token": token, "beneficiaries": "篡改"}
        refused = client.post(f"/standards/items/{target}", data=sent)
        assert refused.status_code in {401, 403}
        assert "篡改" not in client.get(f"/standards/items/{target}").text


def test_compare_hefei_and_luan(read_server):
    with read_server.client() as client:
        ids = plan_ids(client)
        page = client.get(
            "/standards/compare", params=[("plan", ids["合肥市"]), ("plan", ids["六安市"])]
        ).text
    rows = {
        re.sub(r"<[^>]+>|\s", "", m[1]).split("（")[0]: m[0]
        for m in re.finditer(r'<tr class="std-gap">\s*<th scope="row">(.*?)</tr>', page, re.S)
    }
    assert "大中城市联合招聘服务" in rows and "义务教育免费提供教科书" in rows
    assert "缺少" in rows["大中城市联合招聘服务"]


@pytest.fixture
def sqlite_server(live_server):
    if live_server.database_url.startswith("postgresql"):
        pytest.skip("browser tests run on SQLite only")
    return live_server


def test_browser_search_compare_and_edit(sqlite_server, page):
    server = sqlite_server
    page.goto(f"{server.url}/standards")
    page.get_by_label("关键词").fill("托育")
    page.get_by_role("button", name="检索").click()
    page.wait_for_load_state()
    assert page.locator("mark", has_text="托育").count() > 0
    assert page.get_by_role("link", name="儿童健康管理").count() >= 4
    screenshot(page, "standards-search")

    page.goto(f"{server.url}/standards/compare")
    page.get_by_label("合肥市").check()
    page.get_by_label("六安市").check()
    page.get_by_role("button", name="对比").click()
    page.wait_for_load_state()
    gap = page.locator("tr.std-gap", has_text="大中城市联合招聘服务")
    assert "缺少" in gap.inner_text()
    screenshot(page, "standards-compare")

    sign_in(page, server, "planner", PASSWORDS["planner"])
    page.goto(f"{server.url}/standards?q=预防接种")
    page.get_by_role("link", name="预防接种").first.click()
    page.get_by_label("服务对象").fill("辖区内0—6岁儿童")
    page.get_by_role("button", name="保存修改").click()
    page.wait_for_load_state()
    history = page.locator("#history + *")
    assert "辖区内0—6岁儿童" in history.inner_text()
    assert "planner" in history.inner_text()
    screenshot(page, "standards-item")
