"""The 均等化 page in a real browser: the district map is drawn from the outlines route, the
table and indices agree with the API, 示例数据 is labelled, and a district's own plan says
there is nothing to compare; screenshots at desktop and phone widths."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from minsheng.store import create_engine_for, session_scope
from minsheng.store.tables import Plan, Region
from minsheng.usecases import import_observations
from minsheng.usecases.population import import_population
from tests.hefei import HEFEI_DISTRICTS
from tests.web.conftest import ON_SQLITE, screenshot

DISTRICTS = HEFEI_DISTRICTS
VALUES = (4.3, 4.2, 4.0, 4.2, 2.9, 3.4, 3.3, 3.1, 3.0)
PEOPLE = (101, 66, 110, 125, 78, 90, 96, 90, 72)  # 万人
INDICATOR = "每千人口拥有3岁以下婴幼儿托位数"


def prepare(server, tmp_path) -> dict[str, int]:
    values = tmp_path / "values.csv"
    rows = [f"{d},{INDICATOR},2024,{v}" for d, v in zip(DISTRICTS, VALUES, strict=True)]
    values.write_text("region,indicator,year,value\n" + "\n".join(rows) + "\n", encoding="utf-8")
    people = tmp_path / "people.csv"
    rows = [f"{d},2024,{p},示例数据" for d, p in zip(DISTRICTS, PEOPLE, strict=True)]
    people.write_text(
        "地区,年份,常住人口（万人）,数据来源\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    engine = create_engine_for(server.database_url)
    try:
        with session_scope(engine) as session:
            import_observations(session, path=values, region="合肥市", author="卫健委")
            import_population(session, path=people, author="统计局")
            query = select(Region.name, Plan.id).join(Region).where(Plan.is_current)
            return {name: plan_id for name, plan_id in session.execute(query)}
    finally:
        engine.dispose()


@ON_SQLITE
def test_the_equalization_page_in_the_browser(live_server, page, tmp_path):
    plans = prepare(live_server, tmp_path)
    page.goto(f"{live_server.url}/plans/{plans['合肥市']}")
    page.get_by_role("link", name="均等化（区县差距）").click()
    page.wait_for_selector("#equalization-map svg path")
    assert page.locator("#equalization-map svg path").count() >= len(DISTRICTS)
    assert page.locator(".sample-banner").is_visible()
    assert "示例数据" in page.locator(".sample-banner").inner_text()
    rows = page.locator("table.districts tbody tr")
    assert rows.count() == len(DISTRICTS)
    assert rows.first.locator("th").inner_text() == "瑶海区"
    with live_server.client() as client:
        api = client.get(
            "/api/v1/equalization", params={"plan": "合肥市", "indicator": INDICATOR, "year": 2024}
        ).json()
    gini = page.locator("table.indices tbody tr", has_text="基尼系数").locator("td").nth(1)
    assert float(gini.inner_text()) == pytest.approx(api["weighted"]["gini"], abs=5e-5)
    assert api["sample_data"] is True
    assert "审图号" in page.locator(".map-note").inner_text()
    heat = page.locator("table.heatmap tbody tr")
    assert heat.count() == len(DISTRICTS)
    assert "幼有所育" in page.locator("table.heatmap thead").inner_text()
    screenshot(page, "equalization")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.wait_for_selector("#equalization-map svg path")
    screenshot(page, "equalization-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/plans/{plans['合肥市']}")
    page.get_by_role("link", name=INDICATOR).first.click()
    page.wait_for_selector("#equalization-map svg path")
    assert page.locator("#equalization-map svg path").count() >= len(DISTRICTS)
    screenshot(page, "indicator-district-map")
    page.goto(f"{live_server.url}/plans/{plans['崆峒区']}/equalization")
    assert "没有下辖区县" in page.locator("main").inner_text()
    outlines = page.request.get(f"{live_server.url}/maps/districts/999999.json")
    assert outlines.status == 404
