"""`?as_of=` on the analytic pages: each says 数据截至 and keeps the day in its links; a
malformed or future day is refused with a Chinese page (422), never a 500."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from tests.web.conftest import ON_SQLITE_SHARED, screenshot

HEFEI = "合肥市"
DAY = "2021-06-30"


@pytest.fixture
def client(read_server):
    with read_server.client() as client:
        yield client


@pytest.fixture
def plan_id(client) -> int:
    plans = client.get("/api/v1/plans").json()
    return next(p["id"] for p in plans if p["region"] == HEFEI)


def test_every_analytic_page_says_the_day_its_data_stood_at(client, plan_id):
    plan = client.get(f"/plans/{plan_id}", params={"as_of": DAY})
    assert plan.status_code == 200
    assert f"数据截至 {DAY}" in plan.text
    assert f'name="as_of" value="{DAY}"' in plan.text  # the form keeps the day
    indicator = re.search(r'href="/indicators/(\d+)\?year=(\d+)&amp;as_of=' + DAY, plan.text)
    assert indicator, "the plan's links to its indicators keep the day"
    pages = [f"/indicators/{indicator[1]}", "/", "/warnings"]
    for path in pages:
        shown = client.get(path, params={"as_of": DAY})
        assert shown.status_code == 200, path
        assert f"数据截至 {DAY}" in shown.text, path
    assert "数据截至 20" not in client.get(f"/plans/{plan_id}").text  # not set: not said


@pytest.mark.parametrize("as_of", ["2021-02-30", "昨天", "future"])
@pytest.mark.parametrize("path", ["/", "/warnings", "/plans/{plan_id}"])
def test_a_malformed_or_future_day_is_refused_in_chinese(client, plan_id, path, as_of):
    if as_of == "future":
        as_of = (datetime.now(UTC) + timedelta(days=2)).date().isoformat()
    refused = client.get(path.format(plan_id=plan_id), params={"as_of": as_of})
    assert refused.status_code == 422
    assert "数据截至日期" in refused.text


def test_an_empty_day_from_the_form_is_the_values_in_force(client, plan_id):
    assert client.get(f"/plans/{plan_id}", params={"as_of": ""}).status_code == 200


def test_the_facilities_page_chooses_its_year_with_the_same_selector(client, plan_id):
    shown = client.get(f"/plans/{plan_id}/facilities", params={"year": 2023})
    assert shown.status_code == 200
    form = shown.text[shown.text.index('<form class="period"') :]
    form = form[: form.index("</form>")]
    assert f'action="/plans/{plan_id}/facilities"' in form
    assert '<option value="2023" selected>2023年 · 中期评估</option>' in form
    assert '<option value="2020"' in form  # the base year too: norms of the starting point
    assert 'name="as_of"' not in form  # facilities are not observations: no "as of" day


@ON_SQLITE_SHARED
def test_a_planner_fixes_the_day_then_switches_the_year(read_server, browser, plan_id):
    page = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{read_server.url}/plans/{plan_id}")
    page.get_by_label("数据截至", exact=True).fill(DAY)
    page.get_by_role("button", name="按该日查看").click()
    page.wait_for_load_state()
    assert f"as_of={DAY}" in page.url
    assert f"数据截至 {DAY}" in page.locator("form.period").inner_text()
    page.locator("form.period").get_by_label("评估年份").select_option("2023")
    page.locator("form.period").get_by_role("button", name="查看", exact=True).click()
    page.wait_for_load_state()
    assert "year=2023" in page.url and f"as_of={DAY}" in page.url
    assert "2023年中期评估" in page.locator("form.period").inner_text()
    screenshot(page, "as-of-plan-2023")
