"""A planner in December 2026 chooses the evaluation year: the overview, a plan and an
indicator page judged as of the mid-term (2023) and the final (2025) evaluation, on a
database holding 合肥's values for both years."""

from __future__ import annotations

import pytest

from tests.web.conftest import LiveServer, screenshot
from tests.web.test_pages_dashboard import _indicator_id, _page, _plan_id, _report, _text

DOCTORS = "每千常住人口执业(助理)医师数"  # 合肥: 3.1 (2020) → 3.6 (2025); the path is 3.4 in 2023
LIFE = "人均预期寿命"  # 合肥: 79.81 → 80.2; reported for 2023 only
MOBILE = {"width": 390, "height": 844}


@pytest.fixture
def two_years(live_server: LiveServer) -> LiveServer:
    """On the path in 2023 (进度正常), short of the target in 2025 (未实现); 人均预期寿命
    reported for 2023 only, so the final evaluation judges a 2023 value."""
    _report(live_server, {DOCTORS: "3.4", LIFE: "80.0"}, year=2023)
    _report(live_server, {DOCTORS: "3.5"}, year=2025)
    return live_server


def _status_of(page, name: str) -> str:
    row = page.locator("table.indicators tr", has=page.get_by_role("link", name=name, exact=True))
    return " ".join(row.inner_text().split())


def _choose_year(page, year: int) -> None:
    page.locator("form.period").get_by_label("评估年份").select_option(str(year))
    page.locator("form.period").get_by_role("button", name="查看").click()
    page.wait_for_load_state()


def test_a_planner_switches_between_the_mid_term_and_the_final_evaluation(two_years, browser):
    server = two_years
    if server.database_url.startswith("postgresql"):
        pytest.skip("browser checks run once, on SQLite")
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()

    # The default is the newest year with approved data: 2025, the final evaluation.
    page.goto(f"{server.url}/")
    hefei_card = page.locator(".plan-card", has_text="合肥市“十四五”")
    assert "2025年终期评估" in hefei_card.inner_text()
    assert page.locator("form.period select").input_value() == "2025"
    _choose_year(page, 2023)
    assert page.url.endswith("/?year=2023")
    assert "2023年中期评估" in hefei_card.inner_text()
    screenshot(page, "period-overview-2023")

    # The plan page keeps the year; the same indicator reads differently in the two years.
    hefei_card.get_by_role("link", name="合肥市“十四五”公共服务规划").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/plans/{_plan_id(server, '合肥市')}?year=2023")
    assert "2023年中期评估" in page.locator(".plan-head").inner_text()
    mid_term = _status_of(page, DOCTORS)
    assert "3.4" in mid_term and "进度正常" in mid_term
    assert "进度正常" in _status_of(page, LIFE) or "稳步推进" in _status_of(page, LIFE)
    screenshot(page, "period-plan-2023")
    _choose_year(page, 2025)
    assert "2025年终期评估" in page.locator(".plan-head").inner_text()
    final = _status_of(page, DOCTORS)
    assert "3.5" in final and "未实现" in final and "进度正常" not in final
    life = _status_of(page, LIFE)  # a 2023 value judged for 2025: not achieved, its year named
    assert "未实现" in life and "数据年份 2023" in life
    screenshot(page, "period-plan-2025")

    # The indicator page, reached from the plan page, judges the plan page's year.
    page.get_by_role("link", name=DOCTORS, exact=True).first.click()
    page.wait_for_load_state()
    assert page.url.endswith("?year=2025")
    facts = page.locator("dl.facts")
    assert "2025年终期评估" in facts.inner_text() and "未实现" in facts.inner_text()
    screenshot(page, "period-indicator-2025")
    _choose_year(page, 2023)
    assert "2023年中期评估" in facts.inner_text() and "进度正常" in facts.inner_text()
    screenshot(page, "period-indicator-2023")

    # The warning list judges the same years: the final evaluation warns of both indicators.
    page.goto(f"{server.url}/warnings?year=2025")
    warned = page.locator("table.warnings").inner_text()
    assert DOCTORS in warned and LIFE in warned
    assert "2025年终期评估" in page.locator("p.lead").inner_text()
    screenshot(page, "period-warnings-2025")
    page.goto(f"{server.url}/warnings?year=2023")
    assert page.locator("table.warnings").count() == 0  # on track or improving in 2023
    context.close()

    phone = browser.new_context(locale="zh-CN", viewport=MOBILE)
    small = phone.new_page()
    for name, path in [
        ("period-overview-mobile", "/?year=2025"),
        ("period-plan-mobile", f"/plans/{_plan_id(server, '合肥市')}?year=2023"),
        ("period-indicator-mobile", f"/indicators/{_indicator_id(server, '合肥市', DOCTORS)}"),
    ]:
        small.goto(f"{server.url}{path}")
        assert small.locator("form.period select").is_visible()
        width = small.evaluate("document.documentElement.scrollWidth")
        assert width <= MOBILE["width"] + 1, f"{name} scrolls sideways ({width}px)"
        screenshot(small, name)
    phone.close()


def test_years_outside_the_period_are_refused_on_pages_and_in_the_api(two_years):
    server = two_years
    plan = _plan_id(server, "合肥市")
    indicator = _indicator_id(server, "合肥市", DOCTORS)
    with server.client() as client:
        paths = [
            "/?year=2030",
            f"/plans/{plan}?year=2019",
            f"/indicators/{indicator}?year=2026",
            "/warnings?year=1999",
        ]
        for path in paths:
            response = client.get(path)
            assert response.status_code == 422, path
            assert "规划期 2021—2025" in response.text, path
        api = client.get("/api/v1/evaluation", params={"plan": "合肥市", "year": 2030})
        assert api.status_code == 422
        body = api.json()
        assert body["error"] == "invalid_request"
        assert [f["field"] for f in body["fields"]] == ["year"]
        assert "2021–2025" in body["message"]
        warned = client.get("/api/v1/warnings", params={"plan": "合肥市", "year": 2026})
        assert warned.status_code == 422 and warned.json()["fields"][0]["field"] == "year"


def test_api_rows_say_which_year_was_judged_and_which_evaluation_it_is(two_years):
    with two_years.client() as client:

        def doctors(**params: object) -> dict:
            rows = client.get(
                "/api/v1/evaluation", params={"plan": "合肥市", "limit": 1000, **params}
            ).json()
            return next(r for r in rows if r["name"] == DOCTORS and r["region"] == "合肥市")

        mid, final, default = doctors(year=2023), doctors(year=2025), doctors()
        life = next(
            r
            for r in client.get(
                "/api/v1/evaluation", params={"plan": "合肥市", "year": 2025, "limit": 1000}
            ).json()
            if r["name"] == LIFE and r["region"] == "合肥市"
        )
    assert (mid["judged_year"], mid["evaluation"], mid["status"]) == (2023, "mid_term", "on_track")
    assert (final["judged_year"], final["evaluation"], final["status"]) == (
        2025, "final", "not_achieved",
    )  # fmt: skip
    assert default["judged_year"] == 2025  # the newest year with approved data
    assert (life["judged_year"], life["year"], life["status"]) == (2025, 2023, "not_achieved")


def test_the_overview_default_is_the_newest_year_with_data_not_this_year(live_server):
    _report(live_server, {DOCTORS: "3.3"}, year=2022)
    document = _page(live_server, "/")
    chosen = document.xpath("//form[@class='period']//option[@selected]")
    assert [_text(option) for option in chosen] == ["2022年"]
    assert "默认" in _text(document.xpath("//form[@class='period']")[0])


def test_the_indicator_resource_judges_the_year_asked(two_years):
    indicator = _indicator_id(two_years, "合肥市", DOCTORS)
    plan = _plan_id(two_years, "合肥市")
    with two_years.client() as client:
        mid = client.get(f"/api/v1/indicators/{indicator}", params={"year": 2023}).json()
        final = client.get(f"/api/v1/indicators/{indicator}", params={"year": 2025}).json()
        default = client.get(f"/api/v1/indicators/{indicator}").json()
        listed = client.get("/api/v1/indicators", params={"plan_id": plan, "year": 2025}).json()
        plain = client.get("/api/v1/indicators", params={"plan_id": plan}).json()
        refused = client.get(f"/api/v1/indicators/{indicator}", params={"year": 2030})
    assert mid["evaluation"] | {"ratio": None} == {
        "judged_year": 2023, "evaluation": "mid_term", "year": 2023, "value": 3.4,
        "status": "on_track", "warning": "none", "ratio": None,
    }  # fmt: skip
    assert (final["evaluation"]["judged_year"], final["evaluation"]["status"]) == (
        2025, "not_achieved",
    )  # fmt: skip
    assert default["evaluation"] is None  # no year asked: the table's row, as in the list
    final = next(row for row in listed if row["id"] == indicator)["evaluation"]
    assert (final["evaluation"], final["value"], final["status"]) == ("final", 3.5, "not_achieved")
    assert all(row["evaluation"] is None for row in plain)  # no year asked: the table only
    assert refused.status_code == 422 and refused.json()["fields"][0]["field"] == "year"


def test_the_plan_resource_names_its_evaluation_years(two_years):
    with two_years.client() as client:
        plan = client.get(f"/api/v1/plans/{_plan_id(two_years, '合肥市')}").json()
    assert plan["evaluation_years"] == {
        "years": [2021, 2022, 2023, 2024, 2025], "default": 2025, "mid_term": 2023, "final": 2025,
    }  # fmt: skip
