"""The 设施布局 page in a real browser, and its API: 合肥's synthetic residents and
facilities (示例数据, labelled) on the district map, coverage per district that agrees
with the API, a siting request answered on the map, the norms tables; screenshots at
desktop and phone widths. The API is checked on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from minsheng.store import create_engine_for, session_scope
from minsheng.store.tables import Plan, Region
from minsheng.usecases.sample_points import add_sample_points
from tests.hefei import HEFEI_DISTRICTS
from tests.web.conftest import ON_SQLITE, screenshot


def with_sample_points(server) -> dict[str, int]:
    """合肥's sample residents and facilities; each current plan's id by region name."""
    engine = create_engine_for(server.database_url)
    try:
        with session_scope(engine) as session:
            assert add_sample_points(session, author="test").facilities > 0
            query = select(Region.name, Plan.id).join(Region).where(Plan.is_current)
            return {name: plan_id for name, plan_id in session.execute(query)}
    finally:
        engine.dispose()


@ON_SQLITE
def test_the_facilities_page_in_the_browser(live_server, page):
    plans = with_sample_points(live_server)
    page.goto(f"{live_server.url}/plans/{plans['合肥市']}")
    page.get_by_role("link", name="设施布局（服务半径）").click()
    page.wait_for_selector("#facilities-map[data-ready=true] canvas")
    assert "示例数据" in page.locator(".sample-banner").inner_text()
    assert (
        page.locator("select[name=type] option:checked").inner_text().startswith("社区卫生服务中心")
    )
    rows = page.locator("table.districts tbody tr")
    assert rows.count() == len(HEFEI_DISTRICTS) + 1  # and the city
    with live_server.client() as client:
        api = client.get("/api/v1/access/coverage",
                         params={"plan": "合肥市", "type": "社区卫生服务中心"}).json()  # fmt: skip
    city = rows.last.locator("td").nth(2).inner_text()
    assert city == f"{api['share'] * 100:.1f}%"
    assert "审图号" in page.locator(".map-note").inner_text()
    assert page.locator("table.norms").count() == 4  # the four types with a norm
    screenshot(page, "facilities")
    page.locator("select[name=type]").select_option("kindergarten")
    page.get_by_role("button", name="查看").first.click()
    page.locator("input[name=new]").fill("3")
    page.get_by_role("button", name="计算选址").click()
    page.wait_for_selector("#siting-result")
    assert page.locator("table.sites tbody tr").count() == 3
    assert "贪心法" in page.locator("#siting-result").inner_text()
    page.wait_for_selector("#facilities-map[data-ready=true] canvas")
    screenshot(page, "facilities-siting")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.wait_for_selector("#facilities-map[data-ready=true] canvas")
    screenshot(page, "facilities-phone")
    bare = page.goto(f"{live_server.url}/plans/{plans['崆峒区']}/facilities")
    assert bare.status == 200 and "尚未导入设施数据" in page.locator("main").inner_text()


def test_the_access_api(live_server):
    with_sample_points(live_server)
    with live_server.client() as client:
        found = client.get("/api/v1/access/coverage", params={"plan": "合肥市", "type": "幼儿园"})
        assert found.status_code == 200
        body = found.json()
        assert {"type", "radius", "population", "covered", "share", "by_region"} <= set(body)
        assert (body["radius"], body["sample_data"]) == (300, True)
        assert sum(r["covered"] for r in body["by_region"]) == pytest.approx(body["covered"])
        asked = {"plan": "合肥市", "type": "幼儿园", "new": 2}
        sites = client.get("/api/v1/access/site", params=asked).json()
        assert sites["method"] == "greedy" and len(sites["chosen"]) == 2
        assert {"x", "y"} <= set(sites["chosen"][0]) and sites["newly_covered"] > 0
        assert sites["after"]["covered"] == pytest.approx(body["covered"] + sites["newly_covered"])
        step = {"plan": "合肥市", "type": "托育机构", "weights": "step"}
        scores = client.get("/api/v1/access/2sfca", params=step).json()
        assert len(scores["by_region"]) == len(HEFEI_DISTRICTS) and scores["mean"] > 0
        norms = client.get("/api/v1/norms", params={"plan": "合肥市", "year": 2025}).json()
        assert [t["type_code"] for t in norms["types"]] == [
            "childcare", "community_health_center", "elderly_care", "sports",
        ]  # fmt: skip
        unknown = client.get("/api/v1/access/coverage", params={"plan": "合肥市", "type": "医院"})
        assert unknown.status_code == 422 and "社区卫生服务中心" in unknown.json()["message"]
        nobody = client.get("/api/v1/access/coverage", params={"plan": "六安市", "type": "幼儿园"})
        assert nobody.status_code == 404
        too_many = client.get("/api/v1/access/site",
                              params={"plan": "合肥市", "type": "幼儿园", "new": 500})  # fmt: skip
        assert too_many.status_code == 422  # the one error shape, naming the field
        assert too_many.json()["error"] == "invalid_request"
        assert [f["field"] for f in too_many.json()["fields"]] == ["new"]
