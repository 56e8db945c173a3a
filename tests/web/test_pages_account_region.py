"""An administrator scopes an account to a city on the users page (in Chromium); from
then on that account is refused another city's plan, and its own city still works."""

from __future__ import annotations

from tests.web.conftest import screenshot, sign_in, signed_in

HEFEI, LUAN = "合肥市", "六安市"


def test_an_admin_sets_a_planners_city_and_the_planner_is_held_to_it(live_server, page):
    sign_in(page, live_server, "admin", live_server.admin_password)
    page.goto(f"{live_server.url}/admin")
    region = page.get_by_label("planner 的所属地区")
    assert region.input_value() == ""  # every region until scoped
    region.select_option(HEFEI)
    region.locator("xpath=..").get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    assert "已更新用户的所属地区" in page.get_by_role("status").inner_text()
    assert page.get_by_label("planner 的所属地区").input_value() == HEFEI
    screenshot(page, "admin-account-region")

    row = {"region": LUAN, "indicator": "人均预期寿命", "year": 2024, "value": 78}
    own = {**row, "region": HEFEI}
    with signed_in(live_server, "planner") as planner:
        refused = planner.post("/api/v1/observations", params={"plan": LUAN}, json=[row])
        allowed = planner.post("/api/v1/observations", params={"plan": HEFEI}, json=[own])
    assert refused.status_code == 403
    assert "只能处理合肥市" in refused.text
    assert allowed.status_code == 201
