"""意见建议 over a real server, on SQLite and PostgreSQL: the public form (no account),
bad input kept on the form with a Chinese message, nothing public before moderation, who
may route and reply; and in Chromium at phone size (390×844) a resident sends a suggestion,
a planner routes it, the department replies and the reply shows publicly, without the
resident's contact anywhere public."""

from __future__ import annotations

import re

from minsheng.store import create_engine_for, session_scope
from minsheng.usecases.plans import find_current_plan
from tests.web.conftest import ON_SQLITE, LiveServer, screenshot, sign_in
from tests.web.test_pages_admin import csrf, signed_in

OWNER = "合肥市卫生健康委员会"  # the seeded reporter's department
TEXT = "社区卫生服务中心周末不开门，老人看病不方便，建议增加周末门诊。"
REPLY = "已在蜀山区各社区卫生服务中心开设周末门诊。"
PHONE = "13912345678"
PHONE_SIZE = {"width": 390, "height": 844}
DIGITS = "零一二三四五六七八九十"


def answer(question: str) -> str:
    """The flood guard's arithmetic, worked out as a resident would."""
    found = re.search(r"验证题：(.)(加|减)(.)等于几", question)
    assert found, question
    first, second = DIGITS.index(found[1]), DIGITS.index(found[3])
    return str(first + second if found[2] == "加" else first - second)


def hefei(server: LiveServer) -> int:
    engine = create_engine_for(server.database_url)
    try:
        with session_scope(engine) as session:
            return find_current_plan(session, region="合肥市").id
    finally:
        engine.dispose()


def _form(client, plan_id: int) -> dict[str, str]:
    page = client.get(f"/suggestions/new?plan={plan_id}").text
    domain = re.search(r'id="sg-domain".*?<option>([^<]+)</option>', page, re.S)
    region = re.search(r'<option value="(\d+)">蜀山区</option>', page)
    token = re.search(r'name="challenge_token" value="([^"]+)"', page)
    csrf_token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert domain and region and token and csrf_token
    return {"csrf_token": csrf_token[1], "plan": str(plan_id), "domain": domain[1],
            "region": region[1], "text": TEXT, "contact": PHONE, "challenge_token": token[1],
            "challenge_answer": answer(page)}  # fmt: skip


def test_send_moderate_reply_over_http(live_server):
    plan_id = hefei(live_server)
    with live_server.client() as public:
        short = public.post("/suggestions", data=_form(public, plan_id) | {"text": "太短"})
        assert short.status_code == 422 and "意见内容应为 10–1000 个字" in short.text
        wrong = _form(public, plan_id) | {"challenge_answer": "99"}
        assert "验证题答案不正确" in public.post("/suggestions", data=wrong).text
        sent = public.post("/suggestions", data=_form(public, plan_id))
        assert sent.status_code == 303
        number = int(sent.headers["location"].split("sent=")[1])
        assert f"编号 {number}" in public.get(sent.headers["location"]).text
        assert TEXT not in public.get("/suggestions").text
        assert public.get(f"/suggestions/{number}").status_code == 404
        assert public.get("/suggestions/manage").status_code == 303
    with signed_in(live_server, "reporter") as reporter:
        token = csrf(reporter, "/suggestions/manage")
        refused = reporter.post(f"/suggestions/{number}/route",
                                data={"csrf_token": token, "department": OWNER})  # fmt: skip
        assert refused.status_code == 403
    with signed_in(live_server, "planner") as planner:
        page = planner.get(f"/suggestions/{number}").text
        assert PHONE in page
        token = csrf(planner, f"/suggestions/{number}")
        planner.post(
            f"/suggestions/{number}/route", data={"csrf_token": token, "department": OWNER}
        )
    with signed_in(live_server, "reporter") as reporter:
        assert TEXT[:10] in reporter.get("/suggestions/manage").text
        assert "尚待答复的群众意见建议 <strong>1</strong> 条" in reporter.get("/inbox").text
        token = csrf(reporter, f"/suggestions/{number}")
        reporter.post(f"/suggestions/{number}/reply", data={"csrf_token": token, "reply": REPLY})
    with live_server.client() as public:
        listing = public.get("/suggestions").text
        assert TEXT in listing and REPLY in listing and PHONE not in listing
        assert PHONE not in public.get(f"/suggestions/{number}").text
        api = public.get("/api/v1/suggestions")
        assert PHONE not in api.text and "contact" not in api.text
        assert [(row["id"], row["reply"]) for row in api.json()] == [(number, REPLY)]
        stats = public.get("/api/v1/suggestions/stats").json()
        assert stats["counts"]["replied"] == 1 and stats["median_days"] == 0


@ON_SQLITE
def test_browser_phone_send_route_reply_shown_publicly(live_server, browser):
    server, plan_id = live_server, hefei(live_server)
    resident = browser.new_context(locale="zh-CN", viewport=PHONE_SIZE).new_page()
    resident.goto(f"{server.url}/suggestions/new?plan={plan_id}")
    resident.get_by_label("涉及领域").select_option(index=1)
    resident.get_by_label("所在区县").select_option(label="蜀山区")
    resident.get_by_label("意见建议内容").fill(TEXT)
    resident.get_by_label("联系方式（选填，不公开）").fill(PHONE)
    question = resident.locator(".flood-challenge label").inner_text()
    resident.get_by_label(re.compile("验证题")).fill(answer(question))
    width = resident.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_SIZE["width"], width
    screenshot(resident, "suggestions-new-mobile")
    resident.get_by_role("button", name="提交意见建议").click()
    resident.get_by_text("已收到您的意见建议").wait_for()
    assert TEXT not in resident.content()

    staff = browser.new_context(locale="zh-CN", viewport=PHONE_SIZE).new_page()
    sign_in(staff, server, "planner", "planner-password-1")
    staff.goto(f"{server.url}/suggestions/manage?state=pending")
    staff.get_by_role("link", name=re.compile(r"^\d+$")).first.click()
    assert PHONE in staff.locator(".sg-contact").inner_text()
    staff.get_by_label("承办部门").select_option(OWNER)
    staff.get_by_role("button", name="公开并转交").click()
    staff.get_by_text("已转交承办部门").wait_for()
    suggestion_url = staff.url.split("?")[0]
    staff.get_by_role("button", name="退出").click()

    sign_in(staff, server, "reporter", "reporter-password-1")
    staff.goto(suggestion_url)
    staff.get_by_label("答复内容").fill(REPLY)
    staff.get_by_role("button", name="发布答复").click()
    staff.get_by_text("答复已发布").wait_for()
    staff.context.close()

    resident.goto(f"{server.url}/suggestions")
    item = resident.locator(".sg-item").filter(has_text=TEXT)
    assert REPLY in item.inner_text() and "已答复" in item.inner_text()
    assert PHONE not in resident.content()
    screenshot(resident, "suggestions-public-mobile")
    resident.goto(suggestion_url)
    assert REPLY in resident.content() and PHONE not in resident.content()
    resident.context.close()


def test_flooding_from_one_address_is_refused_after_the_limit(live_server, monkeypatch):
    monkeypatch.setenv("MINSHENG_PUBLIC_FORM_LIMIT", "2")
    plan_id = hefei(live_server)
    with live_server.client() as flooder:
        codes = [flooder.post("/suggestions", data=_form(flooder, plan_id)).status_code
                 for _ in range(3)]  # fmt: skip
        assert codes == [303, 303, 429]
        refused = flooder.post("/suggestions", data=_form(flooder, plan_id))
        assert "提交过于频繁" in refused.text and int(refused.headers["Retry-After"]) > 0
