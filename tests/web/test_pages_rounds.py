"""Reporting rounds over a real server, on SQLite and PostgreSQL: a planner opens a round
through the form, the reporter's inbox lists it, 催报 reaches the reporter, the API gives
the rates; bad input is refused with the reason on the page; and the browser flow: a
reporter fills two years, submits, and the planner's dashboard changes."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from urllib.parse import unquote

from sqlalchemy.orm import Session

from minsheng.store import create_engine_for, session_scope
from minsheng.store.repositories import plan_parts, regions
from minsheng.usecases.assignments import assign
from minsheng.usecases.plans import find_current_plan
from minsheng.usecases.rounds import open_round
from tests.usecases.mail_sink import smtp_sink
from tests.web.conftest import ON_SQLITE, LiveServer, _serving, screenshot, seed, sign_in
from tests.web.test_pages_admin import DOCTORS, LIFE, csrf, signed_in

REPORTERS = "合肥市卫生健康委员会"
SOON = (datetime.now(UTC) + timedelta(days=30)).date().isoformat()


def assign_two(server: LiveServer) -> int:
    """Assign 人均预期寿命 (the city) and 执业医师数 (蜀山区) to the reporters; the plan id."""
    engine = create_engine_for(server.database_url)
    try:
        with session_scope(engine) as session:
            return _assign(session)
    finally:
        engine.dispose()


def _assign(session: Session) -> int:
    plan = find_current_plan(session, region="合肥市")
    by_name = {i.name: i.id for i in plan_parts.indicators_of(session, plan_id=plan.id)}
    shushan = next(r for r in regions.ensure_known_children(session, region=plan.region)
                   if r.name == "蜀山区")  # fmt: skip
    assign(session, department=REPORTERS, indicator_id=by_name[LIFE], region_id=plan.region_id,
           author="admin")  # fmt: skip
    assign(session, department=REPORTERS, indicator_id=by_name[DOCTORS], region_id=shushan.id,
           author="admin")  # fmt: skip
    return plan.id


def open_form(client, plan_id: int, years: list[int], deadline: str, department: str = ""):
    data = {
        "csrf_token": csrf(client, "/rounds"),
        "plan": str(plan_id),
        "year": [str(y) for y in years],
        "deadline": deadline,
        "department": department,
    }
    return client.post("/rounds", data=data)


def test_only_planners_and_admins_see_rounds(read_server):
    with read_server.client() as public:
        response = public.get("/rounds")
        assert response.status_code == 303
        assert unquote(response.headers["location"]) == "/login?next=/rounds"
        assert public.get("/api/v1/rounds").status_code == 401
    for role in ("viewer", "reporter"):
        with signed_in(read_server, role) as client:
            assert client.get("/rounds").status_code == 403
    with signed_in(read_server, "reporter") as reporter:
        page = reporter.get("/inbox")
        assert page.status_code == 200 and "目前没有进行中的填报轮次" in page.text
        assert 'href="/inbox"' in page.text and 'href="/rounds"' not in page.text


def test_open_remind_inbox_and_api(live_server):
    plan_id = assign_two(live_server)
    with signed_in(live_server, "planner") as planner:
        opened = open_form(planner, plan_id, [2024, 2025], SOON)
        assert opened.status_code == 303
        round_url = opened.headers["location"].split("?")[0]
        dashboard = planner.get(opened.headers["location"]).text
        assert "合肥市2024–2025年监测数据填报" in dashboard and "共 4 项应报" in dashboard
        assert REPORTERS in dashboard and "蜀山区" in dashboard
        reminded = planner.post(f"{round_url}/remind", data={
            "csrf_token": csrf(planner, round_url), "department": REPORTERS})  # fmt: skip
        assert reminded.status_code == 303
        after = planner.get(reminded.headers["location"]).text
        assert f"已向{REPORTERS}发送站内催报提醒" in after and "未配置邮件服务器" in after
        listed = planner.get("/api/v1/rounds")
        assert listed.headers["X-Total-Count"] == "1"
        [summary] = listed.json()
        assert summary["years"] == [2024, 2025] and summary["total"]["due"] == 4
        detail = planner.get(f"/api/v1/rounds/{summary['id']}").json()
        assert [(d["name"], d["due"], d["missing"]) for d in detail["departments"]] == [
            (REPORTERS, 4, 4)]  # fmt: skip
        missing = planner.get("/api/v1/rounds/999")
        assert missing.status_code == 404 and missing.json()["error"] == "not_found"
    with signed_in(live_server, "reporter") as reporter:
        inbox = reporter.get("/inbox").text
        assert "合肥市2024–2025年监测数据填报" in inbox and "尚有 4 项待报送" in inbox
        assert "填报2024年（2 项）" in inbox and "填报2025年（2 项）" in inbox
        assert "共应报 4 项，尚有 4 项待报送" in inbox  # the reminder received


def test_bad_input_is_refused_on_the_page(live_server):
    plan_id = assign_two(live_server)
    with signed_in(live_server, "planner") as planner:
        for years, deadline, department, words in (
            ([2025], "2020-01-01", "", "截止日期 2020-01-01 已过"),
            ([2030], SOON, "", "2030 年不在规划期 2021–2025 年"),
            ([2025], SOON, "市外星局", "没有名为“市外星局”的部门"),
            ([], SOON, "", "请至少选择一个填报年份"),
            ([2025], "", "", "请填写截止日期"),
        ):
            refused = open_form(planner, plan_id, years, deadline, department)
            assert refused.status_code == 422 and words in refused.text
        assert "尚未发起任何填报轮次" in planner.get("/rounds").text


@ON_SQLITE
def test_browser_round_inbox_two_years_submit_dashboard(live_server, page, browser):
    server = live_server
    plan_id = assign_two(server)
    sign_in(page, server, "planner", "planner-password-1")
    page.get_by_role("link", name="填报轮次").click()
    page.get_by_label("规划").select_option(value=str(plan_id))
    page.get_by_label("2024").check()
    page.get_by_label("2025").check()
    page.get_by_label("截止日期").fill(SOON)
    page.get_by_role("button", name="发起填报").click()
    page.get_by_text("已发起填报轮次：共 4 项应报").wait_for()
    department_row = page.locator("table.by-department tbody tr").first
    assert "0%" in department_row.inner_text()
    round_url = page.url.split("?")[0]
    page.get_by_role("button", name="退出").click()

    sign_in(page, server, "reporter", "reporter-password-1")
    page.get_by_role("link", name="待办").click()
    page.get_by_text("尚有 4 项待报送").wait_for()
    screenshot(page, "rounds-inbox-desktop")
    for year, values in ((2024, ("80.1", "3.9")), (2025, ("80.4", "4.1"))):
        page.get_by_role("link", name=f"填报{year}年（2 项）").click()
        page.get_by_label(f"{LIFE}（合肥市）数值").fill(values[0])
        page.get_by_label(f"{DOCTORS}（蜀山区）数值").fill(values[1])
        page.get_by_role("button", name="保存草稿").click()
        page.get_by_text("已保存 2 项").wait_for()
        if year == 2025:
            screenshot(page, "rounds-entry-2025-desktop")
        page.goto(f"{server.url}/inbox")
    page.goto(f"{server.url}/entry/upload")
    page.get_by_role("button", name="全部提交审核").click()
    page.get_by_text("已提交审核 4 项").wait_for()
    page.goto(f"{server.url}/inbox")
    page.get_by_text("已全部报送").wait_for()
    mobile = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    phone = mobile.new_page()
    sign_in(phone, server, "reporter", "reporter-password-1")
    phone.goto(f"{server.url}/inbox")
    screenshot(phone, "rounds-inbox-mobile")
    page.get_by_role("button", name="退出").click()

    sign_in(page, server, "planner", "planner-password-1")
    page.goto(round_url)
    row = page.locator("table.by-department tbody tr").first
    assert "100%" in row.inner_text()
    summary = page.locator("section.summary").inner_text()
    assert re.search(r"待审核 4", summary), summary
    screenshot(page, "rounds-dashboard-desktop")
    sign_in(phone, server, "planner", "planner-password-1")
    phone.goto(round_url)
    screenshot(phone, "rounds-dashboard-mobile")
    mobile.close()


def test_a_reminder_from_the_dashboard_is_mailed(database_url, tmp_path, monkeypatch):
    with smtp_sink() as (sink, port):
        monkeypatch.setenv("MINSHENG_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("MINSHENG_SMTP_PORT", str(port))
        monkeypatch.setenv("MINSHENG_SMTP_FROM", "fgw@hefei.example.cn")
        with _serving(database_url, tmp_path, seed(database_url)) as server:
            plan_id = assign_two(server)
            with signed_in(server, "planner") as planner:
                round_url = open_form(planner, plan_id, [2025], SOON).headers["location"]
                round_url = round_url.split("?")[0]
                saved = planner.post(f"{round_url}/contact", data={
                    "csrf_token": csrf(planner, round_url), "department": REPORTERS,
                    "email": "wjw@hefei.example.cn"})  # fmt: skip
                assert (
                    "已保存合肥市卫生健康委员会的联络邮箱"
                    in planner.get(saved.headers["location"]).text
                )
                reminded = planner.post(f"{round_url}/remind", data={
                    "csrf_token": csrf(planner, round_url), "department": REPORTERS})  # fmt: skip
                page = planner.get(reminded.headers["location"]).text
    assert "并发送邮件至 wjw@hefei.example.cn" in page
    [message] = sink.messages
    assert message["To"] == "wjw@hefei.example.cn"
    assert message["Subject"] == "催报：合肥市2025年监测数据填报"
    assert "共应报 2 项，尚有 2 项待报送" in message.get_content()


@ON_SQLITE
def test_browser_a_late_department_is_highlighted_and_a_closed_round_leaves_the_inbox(
    live_server, page
):
    server = live_server
    plan_id = assign_two(server)
    engine = create_engine_for(server.database_url)
    try:
        with session_scope(engine) as session:
            late = open_round(session, plan_id, [2024], date(2026, 3, 31), "planner",
                              opened_at=datetime(2026, 1, 5, tzinfo=UTC))  # fmt: skip
            round_id = late.id
    finally:
        engine.dispose()
    sign_in(page, server, "planner", "planner-password-1")
    page.goto(f"{server.url}/rounds/{round_id}")
    row = page.locator("table.by-department tbody tr").first
    assert "late" in (row.get_attribute("class") or "")
    assert "逾期" in row.inner_text() and "0%" in row.inner_text()
    assert "已过截止日期，逾期 2 项" in page.locator("section.summary").inner_text()
    screenshot(page, "rounds-late-desktop")
    page.goto(f"{server.url}/rounds")
    assert "late" in (page.locator("table.rounds tbody tr").first.get_attribute("class") or "")
    screenshot(page, "rounds-list-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "rounds-list-mobile")
    page.goto(f"{server.url}/rounds/{round_id}")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="结束本轮填报").click()
    page.get_by_text("已于").first.wait_for()
    page.get_by_role("button", name="退出").click()
    sign_in(page, server, "reporter", "reporter-password-1")
    page.goto(f"{server.url}/inbox")
    page.get_by_text("目前没有进行中的填报轮次").wait_for()
