"""Delivery indicators in a reporting round over a real server, on SQLite and PostgreSQL:
the department's inbox lists the delivery indicators of the item it leads, its reporter
sends a value, another department cannot, and the round's dashboard counts the report and
warns that the standard is not delivered."""

from __future__ import annotations

import re
from datetime import date

from minsheng.store import create_engine_for, session_scope
from minsheng.store.repositories import plan_parts, service_items
from minsheng.usecases.assignments import assign
from minsheng.usecases.plans import find_current_plan
from minsheng.usecases.rounds import open_round
from minsheng.usecases.standards.delivery import define_indicator
from minsheng.usecases.users import create_user
from tests.web.conftest import LiveServer
from tests.web.test_pages_admin import csrf, signed_in

OWNER = "合肥市卫生健康委员会"  # the seeded reporter's department
NAME = "孕产妇健康管理覆盖率"


def set_up(server: LiveServer) -> tuple[int, int, str]:
    """An item led by the reporter's department with one delivery indicator (≥ 90 %), a
    round for 2025, and a reporter of another department: (round, indicator, item)."""
    engine = create_engine_for(server.database_url)
    try:
        with session_scope(engine) as session:
            plan = find_current_plan(session, region="合肥市")
            item = service_items.items_of_plans(session, plan_ids=[plan.id])[0]
            item.lead_department = OWNER
            indicator = define_indicator(session, item_id=item.id, name=NAME, kind="coverage",
                                         required=90, unit=None, author="planner")  # fmt: skip
            first = plan_parts.indicators_of(session, plan_id=plan.id)[0]
            assign(session, department=OWNER, indicator_id=first.id, region_id=None,
                   author="planner")  # fmt: skip
            opened = open_round(session, plan.id, 2025, date(2099, 12, 31), "planner")
            create_user(session, username="other", password="other-password-1", role="reporter",
                        department="合肥市教育局", author="test")  # fmt: skip
            return opened.id, indicator.id, item.name
    finally:
        engine.dispose()


def _post(client, round_id: int, indicator: int, value: str):
    data = {"csrf_token": csrf(client, "/inbox"), "round": str(round_id),
            "indicator": str(indicator), "year": "2025", "value": value}  # fmt: skip
    return client.post("/inbox/delivery", data=data)


def test_department_reports_delivery_in_the_round_and_the_dashboard_warns(live_server):
    round_id, indicator, item = set_up(live_server)
    with signed_in(live_server, "reporter") as reporter:
        inbox = reporter.get("/inbox").text
        assert "标准实施监测指标" in inbox and item in inbox and NAME in inbox
        bad = _post(reporter, round_id, indicator, "很多")
        assert "不是数值" in reporter.get(bad.headers["location"]).text
        sent = _post(reporter, round_id, indicator, "85.5")
        page = reporter.get(sent.headers["location"]).text
        assert f"已报送“{NAME}”" in page and "未达标准" in page and 'value="85.5"' in page
    with signed_in(live_server, "other", "other-password-1") as other:
        assert NAME not in other.get("/inbox").text
        refused = other.get(_post(other, round_id, indicator, "99").headers["location"]).text
        assert "不在本部门本轮的填报范围内" in refused
    with signed_in(live_server, "planner") as planner:
        dashboard = planner.get(f"/rounds/{round_id}").text
        section = dashboard.split('id="delivery"')[1].split('id="reminders"')[0]
        assert re.search(r"应报 1 项.*已报 1 项.*1 项未达标准", section, re.S)
        assert OWNER in section and "标准未落实预警" in section and "85.5" in section
