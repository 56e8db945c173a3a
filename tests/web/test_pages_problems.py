"""The rectification ledger over a real server, on SQLite and PostgreSQL: a planner opens
a problem from a warning's link (the form prefilled), the owner department's reporter
reports progress, the planner closes it on evidence; who may do what; the API, the XLSX
and CSV downloads; and the browser flow with desktop and phone screenshots."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from urllib.parse import unquote

from openpyxl import load_workbook

from minsheng.store import create_engine_for, session_scope
from minsheng.store.repositories import plan_parts
from minsheng.usecases.clock import beijing_today
from minsheng.usecases.plans import find_current_plan
from minsheng.usecases.problems import ProblemDraft, open_problem
from tests.web.conftest import ON_SQLITE, LiveServer, screenshot, sign_in
from tests.web.test_pages_admin import LIFE, csrf, signed_in

OWNER = "合肥市卫生健康委员会"  # the seeded reporter's department
MEASURES = "扩大家庭医生签约服务"
SOON = (beijing_today() + timedelta(days=60)).isoformat()


def warning_source(server: LiveServer) -> tuple[int, int, int]:
    """(plan id, 人均预期寿命's id, 合肥市's id): what a warning row links with."""
    engine = create_engine_for(server.database_url)
    try:
        with session_scope(engine) as session:
            plan = find_current_plan(session, region="合肥市")
            by_name = {i.name: i.id for i in plan_parts.indicators_of(session, plan_id=plan.id)}
            return plan.id, by_name[LIFE], plan.region_id
    finally:
        engine.dispose()


def open_past_due(server: LiveServer, plan_id: int) -> None:
    """A problem whose deadline passed a week ago (Beijing), opened behind the pages."""
    engine = create_engine_for(server.database_url)
    draft = ProblemDraft(plan_id, "学前教育普惠率区县差距过大", "equalization", OWNER,
                         "新建公办园", beijing_today() - timedelta(days=7))  # fmt: skip
    try:
        with session_scope(engine) as session:
            open_problem(session, draft, author="planner")
    finally:
        engine.dispose()


def new_link(indicator: int, region: int) -> str:
    return f"/problems/new?indicator={indicator}&region={region}&year=2025&kind=red"


def test_only_planners_open_problems_and_the_ledger_is_public(live_server):
    _, indicator, region = warning_source(live_server)
    with live_server.client() as public:
        ledger = public.get("/problems")
        assert ledger.status_code == 200 and "问题清单与整改台账" in ledger.text
        assert "没有符合条件的问题" in ledger.text and 'href="/problems/new"' not in ledger.text
        refused = public.get(new_link(indicator, region))
        assert refused.status_code == 303
        assert unquote(refused.headers["location"]).startswith("/login?next=/problems/new?")
        assert public.get("/api/v1/problems").json() == []
    for role in ("viewer", "reporter"):
        with signed_in(live_server, role) as client:
            assert client.get("/problems/new").status_code == 403


def _open(planner, plan_id: int, indicator: int, region: int, **changes: str):
    form = planner.get(new_link(indicator, region)).text
    found = re.search(r'name="title"[^>]*value="([^"]*)"', form)
    assert found is not None
    title = found[1]
    data = {"csrf_token": csrf(planner, "/problems/new"), "plan": str(plan_id), "kind": "red",
            "title": title, "indicator": str(indicator), "region": str(region), "year": "2025",
            "department": OWNER, "measures": MEASURES, "deadline": SOON} | changes  # fmt: skip
    return planner.post("/problems", data=data), title


def test_open_progress_close_api_and_downloads(live_server):
    plan_id, indicator, region = warning_source(live_server)
    with signed_in(live_server, "planner") as planner:
        opened, title = _open(planner, plan_id, indicator, region)
        assert title == f"{LIFE}（合肥市，2025年）红色预警"
        assert opened.status_code == 303
        url = opened.headers["location"].split("?")[0]
    with signed_in(live_server, "reporter") as reporter:
        data = {"csrf_token": csrf(reporter, url), "text": "已启动专项行动", "value": "78.9"}
        sent = reporter.post(f"{url}/progress", data=data)
        assert sent.status_code == 303
        assert "整改进展已记录" in reporter.get(sent.headers["location"]).text
    with signed_in(live_server, "viewer") as viewer:
        assert viewer.post(f"{url}/progress", data={
            "csrf_token": csrf(viewer, url), "text": "x"}).status_code == 403  # fmt: skip
    with signed_in(live_server, "planner") as planner:
        token = csrf(planner, url)
        bare = planner.post(f"{url}/close", data={"csrf_token": token, "note": "已整改"})
        assert "销号需要佐证" in unquote(bare.headers["location"])
        files = {"document": ("验收报告.txt", "验收合格".encode(), "text/plain")}
        data = {"csrf_token": token, "note": "已达标"}
        closed = planner.post(f"{url}/close", data=data, files=files)
        page = planner.get(closed.headers["location"]).text
        assert "问题已销号" in page and "验收报告.txt" in page and "列入清单" in page
        document = planner.get(f"{url}/evidence")
        assert document.content == "验收合格".encode()
        listed = planner.get("/api/v1/problems", params={"state": "closed"})
        [row] = listed.json()
        assert listed.headers["X-Total-Count"] == "1" and row["department"] == OWNER
        assert row["progress"] == [{"reported_on": row["progress"][0]["reported_on"],
                                    "text": "已启动专项行动", "value": 78.9}]  # fmt: skip
        assert planner.get(f"/api/v1/problems/{row['id']}").json()["state"] == "closed"
        assert planner.get("/api/v1/problems/999").status_code == 404
        sheet = load_workbook(io.BytesIO(planner.get("/problems/export.xlsx").content)).active
        assert sheet is not None
        header, first = [c.value for c in sheet[2]], [c.value for c in sheet[3]]
        assert dict(zip(header, first, strict=True))["evidence_document"] == "验收报告.txt"
        assert "问题名称" in [c.value for c in sheet[1]]  # Chinese headers above the names
        assert "已达标" in planner.get("/problems/export.csv").content.decode("utf-8-sig")
    with live_server.client() as public:
        assert public.get(f"{url}/evidence").status_code == 401
        assert "planner" not in public.get(url).text.split("<main", 1)[1].split("</main>")[0]


def test_bad_input_is_named_and_kept_on_the_form(live_server):
    plan_id, indicator, region = warning_source(live_server)
    with signed_in(live_server, "planner") as planner:
        for change, words in (({"department": "市外星局"}, "没有名为“市外星局”的部门"),
                              ({"measures": " "}, "请填写整改措施"),
                              ({"deadline": "明年"}, "请填写整改期限")):  # fmt: skip
            refused, _ = _open(planner, plan_id, indicator, region, **change)
            assert refused.status_code == 422 and words in refused.text
            assert MEASURES in refused.text or "measures" in change
        assert planner.get("/api/v1/problems").json() == []


@ON_SQLITE
def test_browser_open_from_a_warning_report_progress_close(live_server, page, browser):
    server = live_server
    plan_id, indicator, region = warning_source(server)
    open_past_due(server, plan_id)
    sign_in(page, server, "planner", "planner-password-1")
    page.goto(server.url + new_link(indicator, region))
    assert page.get_by_label("问题名称").input_value() == f"{LIFE}（合肥市，2025年）红色预警"
    assert page.get_by_label("问题类型").input_value() == "red"
    assert page.get_by_label("规划").input_value() == str(plan_id)
    page.get_by_label("责任部门").select_option(OWNER)
    page.get_by_label("整改措施").fill("扩大家庭医生签约服务，年底前复核")
    page.get_by_label("整改期限").fill(SOON)
    assert f"来源已关联：指标“{LIFE}”，合肥市，2025年" in page.locator("form.pb-form").inner_text()
    screenshot(page, "problems-new-desktop")
    page.get_by_role("button", name="列入问题清单").click()
    page.get_by_text("问题已列入清单").wait_for()
    problem_url = page.url.split("?")[0]
    page.goto(f"{server.url}/problems")
    overdue = page.locator("tr.pb-overdue")
    assert overdue.count() == 1 and "学前教育普惠率区县差距过大" in overdue.inner_text()
    assert "已逾期" in overdue.inner_text()
    counts = page.locator(".pb-counts").inner_text()
    assert re.search(r"未销号\s*2", counts) and re.search(r"已逾期\s*1", counts), counts
    screenshot(page, "problems-ledger-desktop")
    page.get_by_role("button", name="退出").click()

    sign_in(page, server, "reporter", "reporter-password-1")
    page.goto(problem_url)
    page.get_by_label("进展情况").fill("已下达专项资金，签约率提高")
    page.get_by_label("当前数值（可选）").fill("79.6")
    page.get_by_role("button", name="提交进展").click()
    page.get_by_text("整改进展已记录").wait_for()
    assert page.get_by_role("button", name="销号").count() == 0  # planners close
    page.get_by_role("button", name="退出").click()

    sign_in(page, server, "planner", "planner-password-1")
    page.goto(problem_url)
    page.get_by_label("整改后数值").fill("80.2")
    page.get_by_label("销号说明").fill("2025年监测值已达到目标")
    document = {"name": "验收报告.txt", "mimeType": "text/plain", "buffer": "验收合格".encode()}
    page.get_by_label("佐证材料").set_input_files(files=[document])
    page.get_by_role("button", name="销号").click()
    page.get_by_text("问题已销号").wait_for()
    facts = page.locator(".pb-facts").inner_text()
    assert "整改后数值：80.2" in facts and "验收报告.txt" in facts
    assert "已下达专项资金" in page.locator(".pb-progress").inner_text()
    screenshot(page, "problems-detail-desktop")
    phone = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}).new_page()
    phone.goto(f"{server.url}/problems")
    assert phone.locator("tr.pb-overdue").count() == 1
    screenshot(phone, "problems-ledger-mobile")
    phone.goto(problem_url)
    screenshot(phone, "problems-detail-mobile")
    phone.context.close()
