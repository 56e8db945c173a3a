"""Key project pages over HTTP on both databases, and the list in Chromium on SQLite."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.web.conftest import ON_SQLITE_SHARED, PASSWORDS, screenshot

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def signed_in(client: httpx.Client, username: str) -> None:
    token = TOKEN.search(client.get("/login").text)[1]
    data = {"username": username, "password": PASSWORDS[username], "csrf_token": token}
    assert client.post("/login", data=data).status_code == 303


def first_project(client: httpx.Client, **filters: str) -> int:
    page = client.get("/projects", params=filters).text
    return int(re.search(r'href="/projects/(\d+)"', page)[1])


def test_list_filters_and_pages(read_server):
    with read_server.client() as client:
        everything = client.get("/projects").text
        found = client.get("/projects", params={"q": "托育"}).text
        second = client.get("/projects", params={"page": 2}).text
        none = client.get("/projects", params={"status": "completed"}).text
    assert re.search(r"共 (\d+) 个重点项目", everything) and "下一页" in everything
    assert ">普惠托育服务扩容提质工程<" in found  # 六安 专栏3
    assert ">普惠托育<" in found  # 淮北 专栏10
    assert ">新建和在建城市居住小区<" in found  # in Hefei's 普惠托育 column: the title matches
    assert "上一页" in second
    assert "没有符合条件的重点项目" in none


def test_a_planner_updates_status_and_progress(live_server):
    with live_server.client() as client:
        project = first_project(client, q="托育")
        signed_in(client, "planner")
        token = TOKEN.search(client.get(f"/projects/{project}").text)[1]
        sent = {"csrf_token": token, "status": "in_progress", "progress": "35", "note": "已开工"}
        assert client.post(f"/projects/{project}", data=sent).status_code == 303
        detail = client.get(f"/projects/{project}").text
        listed = client.get("/projects", params={"status": "in_progress"}).text
    history = detail.split('id="history"', 1)[1]
    assert "planner" in history and "实施中" in history and "35%" in history and "已开工" in history
    assert "共 1 个重点项目" in listed


@pytest.mark.parametrize("progress", ["101", "-5", "abc"])
def test_progress_out_of_range_is_refused_and_nothing_written(read_server, progress):
    with read_server.client() as client:
        project = first_project(client)
        signed_in(client, "planner")
        token = TOKEN.search(client.get(f"/projects/{project}").text)[1]
        sent = {"csrf_token": token, "status": "completed", "progress": progress}
        refused = client.post(f"/projects/{project}", data=sent)
        after = client.get(f"/projects/{project}").text
    assert refused.status_code == 422
    assert "尚无更新记录" in after and "计划中" in after


@pytest.mark.parametrize("who", [None, "viewer", "reporter"])
def test_only_planners_may_update(read_server, who):
    with read_server.client() as client:
        project = first_project(client)
        if who:
            signed_in(client, who)
        page = client.get(f"/projects/{project}").text
        assert "更新实施情况" not in page
        token = TOKEN.search(client.get("/login").text)[1]
        sent = {"csrf_token": token, "status": "completed", "progress": "100"}
        assert client.post(f"/projects/{project}", data=sent).status_code in {401, 403}
        assert "尚无更新记录" in client.get(f"/projects/{project}").text


@ON_SQLITE_SHARED
def test_browser_project_list(read_server, page):
    page.goto(f"{read_server.url}/projects")
    page.get_by_label("规划").select_option(label="合肥市“十四五”")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_load_state()
    page.get_by_label("专栏").select_option(label="专栏9 “十四五”合肥市普惠托育设施建设计划")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="新建和在建城市居住小区").count() == 1
    screenshot(page, "projects")
