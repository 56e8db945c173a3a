"""Indicator metadata over HTTP on both databases (page, form, API) and in Chromium: a
planner edits a definition and the public page shows it."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.web.conftest import ON_SQLITE, PASSWORDS, screenshot, sign_in, signed_in

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
LIFE = "人均预期寿命"


def indicator_id(client: httpx.Client, name: str = LIFE) -> int:
    found = client.get("/api/v1/indicators", params={"region": "合肥市", "q": name}).json()
    return next(row["id"] for row in found if row["name"] == name)


def test_the_public_reads_the_metadata_without_a_form(read_server):
    with read_server.client() as client:
        target = indicator_id(client)
        page = client.get(f"/indicators/{target}/metadata")
        api = client.get(f"/api/v1/indicators/{target}/metadata").json()
        missing = client.get("/indicators/999999/metadata")
        missing_api = client.get("/api/v1/indicators/999999/metadata")
    assert page.status_code == 200
    assert "指标元数据" in page.text and "计算方法" in page.text and "北京时间" not in page.text
    assert "新出生人口平均预期可存活的年数" in page.text
    assert "来源：平台编写（据统计制度）" in page.text
    assert "保存修改" not in page.text
    assert api["name"] == LIFE and api["direction"] == "higher_is_better"
    assert api["frequency"] == "annual" and api["origins"]["definition"] == "minsheng"
    assert api["history"] == [] and api["updated_at"] is None
    assert missing.status_code == 404 and missing_api.status_code == 404
    assert missing_api.json()["error"] == "not_found"


def test_the_indicator_page_carries_the_metadata(read_server):
    with read_server.client() as client:
        target = indicator_id(client)
        page = client.get(f"/indicators/{target}")
    assert page.status_code == 200
    assert "指标元数据" in page.text and "新出生人口平均预期可存活的年数" in page.text
    assert f'href="/indicators/{target}/metadata"' in page.text


@pytest.mark.parametrize("who", [None, "viewer", "reporter"])
def test_only_planners_may_change_it(read_server, who):
    with read_server.client() as client:
        target = indicator_id(client)
        if who:
            with signed_in(read_server, who) as user:
                token = TOKEN.search(user.get(f"/indicators/{target}/metadata").text)[1]
                sent = {"csrf_token": token, "definition": "篡改"}
                refused = user.post(f"/indicators/{target}/metadata", data=sent)
                assert refused.status_code == 403
        put = client.put(f"/api/v1/indicators/{target}/metadata", json={"definition": "篡改"})
        assert put.status_code == 401
        assert "篡改" not in client.get(f"/indicators/{target}/metadata").text


def test_a_planner_edits_by_form_and_by_api_and_mistakes_are_named(live_server):
    with live_server.client() as anonymous:
        target = indicator_id(anonymous)
    with signed_in(live_server, "planner") as planner:
        page = planner.get(f"/indicators/{target}/metadata").text
        assert "保存修改" in page
        token = TOKEN.search(page)[1]
        bad = {"csrf_token": token, "frequency": "每周", "formula": "x" * 4001}
        refused = planner.post(f"/indicators/{target}/metadata", data=bad)
        assert refused.status_code == 422
        assert (
            "更新频率只能是年度、季度或月度" in refused.text
            and "计算方法最多4000个字" in refused.text
        )
        forged = planner.post(f"/indicators/{target}/metadata", data={"definition": "x"})
        assert forged.status_code == 403  # no CSRF token
        sent = {"csrf_token": token, "definition": "平均预期寿命<b>", "frequency": "annual"}
        saved = planner.post(f"/indicators/{target}/metadata", data=sent)
        assert saved.status_code == 303
        after = planner.get(saved.headers["location"]).text
        api_token = planner.post("/api/v1/tokens", json={"name": "metadata"}).json()["token"]
    assert "已保存" in after and "平均预期寿命&lt;b&gt;" in after
    history = after.split('id="history"', 1)[1]
    assert "planner" in history and "定义" in history and "北京时间" in history
    with live_server.client() as client:
        client.headers["Authorization"] = f"Bearer {api_token}"
        wrong = client.put(f"/api/v1/indicators/{target}/metadata", json={"frequency": "weekly"})
        unknown = client.put(f"/api/v1/indicators/{target}/metadata", json={"colour": "red"})
        put = client.put(
            f"/api/v1/indicators/{target}/metadata",
            json={"data_source": "统计年鉴", "frequency": "季度"},
        )
    assert wrong.status_code == 422 and wrong.json()["fields"][0]["field"] == "frequency"
    assert unknown.status_code == 422 and unknown.json()["error"] == "invalid_request"
    assert put.status_code == 200
    body = put.json()
    assert body["definition"] == "平均预期寿命<b>" and body["data_source"] == "统计年鉴"
    assert body["frequency"] == "quarterly" and body["origins"]["data_source"] == "edited"
    assert len(body["history"]) == 2 and body["updated_at"].endswith("+08:00")


@ON_SQLITE
def test_browser_a_planner_edits_a_definition_and_the_public_sees_it(live_server, page, browser):
    server = live_server
    with server.client() as client:
        target = indicator_id(client, "每千人口拥有3岁以下婴幼儿托位数")
    sign_in(page, server, "planner", PASSWORDS["planner"])
    page.goto(f"{server.url}/indicators/{target}/metadata")
    page.get_by_label("定义").fill("每千名常住人口拥有的3岁以下婴幼儿托位数（示例定义）")
    page.get_by_label("更新频率").select_option(label="季度")
    page.get_by_role("button", name="保存修改").click()
    page.wait_for_load_state()
    assert "已保存" in page.get_by_role("status").inner_text()
    assert "planner" in page.locator("#history + *").inner_text()
    screenshot(page, "indicator-metadata-planner")

    public = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    phone = public.new_page()
    phone.goto(f"{server.url}/indicators/{target}/metadata")
    fields = phone.locator(".md-fields").inner_text()
    assert "每千名常住人口拥有的3岁以下婴幼儿托位数（示例定义）" in fields
    assert "季度" in fields and "规划人员维护" in fields
    assert phone.get_by_role("button", name="保存修改").count() == 0
    history = phone.locator("#history + *").inner_text()
    assert "定义" in history and "planner" not in history  # no staff names in public
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    screenshot(phone, "indicator-metadata-phone")
    public.close()
