"""Review with context over a real server (SQLite and PostgreSQL), and in the browser: a
reviewer sees baseline, target, previous value, change and flag, returns the flagged value
with a reason, and finds it in the history of the value sent again."""

from __future__ import annotations

import re

import pytest

from minsheng.model.observation import ReviewState
from minsheng.store import create_engine_for, session_scope
from minsheng.store.repositories import observations, plan_parts, regions
from minsheng.store.repositories.observations import NewRevision
from minsheng.usecases.plans import find_current_plan
from tests.loopback import loopback_client
from tests.web.conftest import LiveServer, screenshot, sign_in
from tests.web.test_pages_admin import csrf, signed_in

MATERNAL = "孕产妇死亡率"
HISTORY = {"合肥市": {2021: 9.5, 2022: 9.3, 2023: 9.1}, "瑶海区": {2020: 10.4, 2021: 10.2,
           2022: 10.0, 2023: 9.9}}  # fmt: skip
SENT = {"合肥市": 16.2, "瑶海区": 9.7}


def write(server: LiveServer, values: dict[str, dict[int, float]], state: ReviewState) -> None:
    """Store maternal mortality values for regions of the Hefei plan, as the import and
    the reporter's submission would (the reporter's account is the author of submissions)."""
    engine = create_engine_for(server.database_url)
    try:
        with session_scope(engine) as session:
            plan = find_current_plan(session, region="合肥市")
            indicator = next(i.id for i in plan_parts.indicators_of(session, plan_id=plan.id)
                             if i.name == MATERNAL)  # fmt: skip
            known = [plan.region, *regions.ensure_known_children(session, region=plan.region)]
            ids = {r.name: r.id for r in known}
            revisions = [
                NewRevision((indicator, ids[region], year), value, "部门报送")
                for region, years in values.items()
                for year, value in years.items()
            ]
            author = "test" if state is ReviewState.APPROVED else "reporter"
            observations.add_revisions(session, revisions=revisions, state=state, author=author)
    finally:
        engine.dispose()


def queue(server: LiveServer) -> None:
    write(server, HISTORY, ReviewState.APPROVED)
    write(server, {region: {2024: value} for region, value in SENT.items()}, ReviewState.SUBMITTED)


def row(html: str, region: str) -> str:
    """The review table's row of the maternal mortality value of `region`."""
    for found in re.findall(r'<tr id="obs-\d+".*?</tr>', html, re.S):
        if MATERNAL in found and f'data-label="地区">{region}<' in found:
            return found
    raise AssertionError(f"no row for {region}")


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_each_row_shows_its_context_and_flag(live_server):
    queue(live_server)
    with signed_in(live_server, "planner") as planner:
        page = planner.get("/entry/review").text
    assert "待审核的数值（2 项）" in page and "其中 1 项有异常标记" in page
    city, district = text(row(page, "合肥市")), text(row(page, "瑶海区"))
    assert "16.2 每10万人" in city and "8.02 2020年 · 合肥市" in city  # baseline
    assert "<14" in row(page, "合肥市") or "&lt;14" in row(page, "合肥市")
    assert "全市目标" not in city
    assert "9.1 2023年" in city and "+7.1 （+78.0%）" in city
    assert "异常" in city and "变化异常：较2023年+7.1（+78.0%）" in city
    assert "首次报送" in city
    assert re.search(r'href="/indicators/\d+"', row(page, "合肥市"))
    assert "10.4 2020年 · 瑶海区" in district and "全市目标（合肥市）" in district
    assert "9.9 2023年" in district and "-0.2" in district and "异常" not in district


def test_filters_narrow_the_queue(live_server):
    queue(live_server)
    with signed_in(live_server, "planner") as planner:
        flagged = planner.get("/entry/review", params={"flag": "flagged"}).text
        by_year = planner.get("/entry/review", params={"year": "2023"}).text
        by_plan = planner.get("/entry/review", params={"plan": "合肥市", "year": "2024"}).text
    assert "待审核的数值（筛选后 1 项，共 2 项）" in flagged and "清除筛选" in flagged
    assert "没有符合筛选条件的待审核数值（共 2 项待审核）" in by_year
    assert "待审核的数值（筛选后 2 项，共 2 项）" in by_plan


def test_a_range_set_on_the_page_flags_the_value_outside_it(live_server):
    queue(live_server)
    with signed_in(live_server, "planner") as planner:
        token = csrf(planner, "/entry/ranges")
        form = {"csrf_token": token, "plan": "合肥市", "indicator": MATERNAL,
                "region": "瑶海区", "min": "0", "max": "9.5"}  # fmt: skip
        saved = planner.post("/entry/ranges", data=form)
        assert saved.status_code == 303
        listed = planner.get(saved.headers["location"]).text
        assert "已保存取值范围" in listed and "9.5" in listed
        upside_down = planner.post("/entry/ranges", data={**form, "min": "12"})
        assert upside_down.status_code == 422 and "未保存" in upside_down.text
        not_a_number = planner.post("/entry/ranges", data={**form, "max": "九"})
        assert not_a_number.status_code == 422 and "最大值须为数字" in not_a_number.text
        page = planner.get("/entry/review").text
    assert "超出设定范围：9.7 高于上限（范围 0–9.5，适用于瑶海区）" in text(row(page, "瑶海区"))


def test_ranges_are_for_planners_only(live_server):
    with signed_in(live_server, "reporter") as reporter:
        assert reporter.get("/entry/ranges").status_code == 403
        refused = reporter.post(
            "/entry/ranges",
            data={
                "csrf_token": csrf(reporter, "/entry"),
                "plan": "合肥市",
                "indicator": MATERNAL,
                "max": "1",
            },
        )
        assert refused.status_code == 403
    with loopback_client(live_server.url, follow_redirects=False) as anonymous:
        assert anonymous.get("/entry/ranges").status_code in (302, 303)


def test_a_returned_value_shows_in_the_history_of_the_value_sent_again(live_server):
    queue(live_server)
    with signed_in(live_server, "planner") as planner:
        number = re.search(r'id="obs-(\d+)"', row(planner.get("/entry/review").text, "合肥市"))[1]
        returned = planner.post(
            "/entry/review",
            data={
                "csrf_token": csrf(planner, "/entry/review"),
                "observation": number,
                "action": "return",
                "reason": "与统计公报不一致",
            },
        )
        assert returned.status_code == 303
        write(live_server, {"合肥市": {2024: 9.0}}, ReviewState.SUBMITTED)
        again = text(row(planner.get("/entry/review").text, "合肥市"))
    assert "9 每10万人" in again and "曾被退回" in again
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d planner 退回 16.2：与统计公报不一致", again)
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d reporter 提交审核 16.2", again)


def test_browser_reviewer_sees_context_and_returns_the_flagged_value(live_server, browser):
    if live_server.database_url.startswith("postgresql"):
        pytest.skip("the browser flow runs on SQLite only; the HTTP tests cover PostgreSQL")
    queue(live_server)
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, live_server, "planner", "planner-password-1")
    page.goto(f"{live_server.url}/entry/review")
    city = page.locator("tr.flagged")
    assert city.count() == 1
    shown = city.inner_text()
    for expected in ("16.2", "8.02", "<14", "9.1", "+7.1", "+78.0%", "异常", "变化异常"):
        assert expected in shown, expected
    district = page.locator("tbody tr:not(.flagged)").inner_text()
    assert "全市目标（合肥市）" in district and "10.4" in district
    page.get_by_label("全选本页数值").check()
    assert page.locator('input[name="observation"]:checked').count() == 2
    page.get_by_label("全选本页数值").uncheck()
    screenshot(page, "review-context")
    page.get_by_label("标记").select_option(label="仅看有异常标记的")
    page.get_by_role("button", name="筛选").click()
    assert page.locator("tbody tr").count() == 1
    page.get_by_label(f"退回 {MATERNAL}（合肥市）的原因").fill("较上年上升78%，请核实口径")
    page.locator("tr.flagged").get_by_role("button", name="退回").click()
    page.get_by_text("已退回 1 项").wait_for()
    write(live_server, {"合肥市": {2024: 9.0}}, ReviewState.SUBMITTED)
    page.goto(f"{live_server.url}/entry/review")
    history = page.locator("tbody tr", has_text="合肥市").locator("ol.history").inner_text()
    assert "planner 退回 16.2：较上年上升78%，请核实口径" in history
    screenshot(page, "review-history")
    context.close()
    phone = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    small = phone.new_page()
    sign_in(small, live_server, "planner", "planner-password-1")
    small.goto(f"{live_server.url}/entry/review")
    assert small.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(small, "review-phone")
    phone.close()
