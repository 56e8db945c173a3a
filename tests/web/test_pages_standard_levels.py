"""Standards by level and their monitoring over HTTP on both databases, and in Chromium:
items filled from imported documents show national and city standards side by side, a
city standard below the national floor is flagged, and a reported shortfall warns."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from minsheng.store import create_engine_for, session_scope
from minsheng.usecases.standards import import_standards_file
from minsheng.usecases.standards.delivery import find_item
from tests.standards_samples import CITY, write_docx, write_text
from tests.web.conftest import PASSWORDS, LiveServer, screenshot, sign_in

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def imported(server: LiveServer, folder: Path) -> dict[str, int]:
    """The national document (docx) and the city one (txt) imported into Hefei's plan, as
    `minsheng standards import` does; the ids of the items they name."""
    engine = create_engine_for(server.database_url)
    try:
        with session_scope(engine) as session:
            for path, level in (
                (write_docx(folder / "国家标准示例.docx"), "national"),
                (write_text(folder / "合肥市实施标准示例.txt", CITY), "city"),
            ):
                import_standards_file(
                    session, path=path, region="合肥市", level=level, as_of=None, author="规划处"
                )
            names = ("儿童健康管理", "预防接种", "免费孕前优生健康检查")
            return {name: find_item(session, region="合肥市", name=name) for name in names}
    finally:
        engine.dispose()


def signed_in(client: httpx.Client, username: str) -> None:
    token = TOKEN.search(client.get("/login").text)[1]
    data = {"username": username, "password": PASSWORDS[username], "csrf_token": token}
    assert client.post("/login", data=data).status_code == 303


def section(page: str, anchor: str) -> str:
    return page.split(f'id="{anchor}"', 1)[1].split("</section>", 1)[0]


def test_levels_side_by_side_and_the_floor(live_server, tmp_path):
    ids = imported(live_server, tmp_path)
    with live_server.client() as client:
        child = client.get(f"/standards/items/{ids['儿童健康管理']}").text
        vaccine = client.get(f"/standards/items/{ids['预防接种']}").text
        checkup = client.get(f"/standards/items/{ids['免费孕前优生健康检查']}").text
    levels = section(child, "levels")
    assert "国家标准" in levels and "市级标准" in levels
    assert (
        "每年2次，儿童健康管理率不低于90%" in levels
        and "每年1次，儿童健康管理率不低于85%" in levels
    )
    assert "国家标准示例.docx" in levels and "合肥市实施标准示例.txt" in levels
    assert (
        "低于国家标准" in levels
        and "次/年：本级 1，国家 2" in levels
        and "%：本级 85，国家 90" in levels
    )
    assert "不低于国家标准</span>" in section(vaccine, "levels")
    assert "无法自动比较" in section(checkup, "levels")


def test_a_department_reports_a_shortfall_and_the_catalogue_filters_it(live_server, tmp_path):
    ids = imported(live_server, tmp_path)
    target = f"/standards/items/{ids['儿童健康管理']}"
    with live_server.client() as planner:
        signed_in(planner, "planner")
        token = TOKEN.search(planner.get(target).text)[1]
        sent = {"csrf_token": token, "name": "儿童健康管理率", "kind": "coverage", "required": "90"}
        assert planner.post(f"{target}/indicators", data=sent).status_code == 303
        bad = planner.post(f"{target}/indicators", data={**sent, "required": "很多"})
        assert bad.status_code == 422 and "<html" in bad.text and "required" in bad.text
    indicator = re.search(
        r'<option value="(\d+)">儿童健康管理率', planner_page(live_server, target)
    )[1]
    with live_server.client() as reporter:
        signed_in(reporter, "reporter")
        token = TOKEN.search(reporter.get(target).text)[1]
        sent = {"csrf_token": token, "indicator": indicator, "year": "2025", "value": "86.5"}
        assert reporter.post(f"{target}/delivery", data=sent).status_code == 303
        page = reporter.get(target).text
        assert (
            reporter.post(
                f"{target}/indicators",
                data={"csrf_token": token, "name": "x", "kind": "coverage", "required": "1"},
            ).status_code
            == 403
        )
    delivery = section(page, "delivery")
    assert "2025 年：86.5 %" in delivery and "未达标准" in delivery and "reporter" in delivery
    with live_server.client() as anyone:
        short = anyone.get("/standards", params={"status": "未达标准"}).text
        refused = anyone.post(f"{target}/delivery", data=sent)
    assert "共 1 个服务项目" in short and "儿童健康管理" in short and "std-short" in short
    assert refused.status_code in {401, 403}


def planner_page(server: LiveServer, path: str) -> str:
    with server.client() as client:
        signed_in(client, "planner")
        return client.get(path).text


@pytest.fixture
def sqlite_server(live_server):
    if live_server.database_url.startswith("postgresql"):
        pytest.skip("browser tests run on SQLite only")
    return live_server


def test_browser_planner_views_an_item_filled_from_documents(sqlite_server, page, tmp_path):
    server = sqlite_server
    ids = imported(server, tmp_path)
    sign_in(page, server, "planner", PASSWORDS["planner"])
    page.goto(f"{server.url}/standards?q=儿童健康管理")
    page.get_by_role("link", name="儿童健康管理").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/standards/items/{ids['儿童健康管理']}")
    table = page.locator("table.std-levels")
    headers = table.locator("thead th").all_inner_texts()
    assert headers == ["项目", "国家标准", "市级标准"]
    assert page.get_by_role("alert").filter(has_text="低于国家标准").is_visible()
    assert "待完善" not in page.locator("dl.std-fields").inner_text()
    screenshot(page, "standards-levels-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.get_by_role("alert").filter(has_text="低于国家标准").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways ({width}px)"
    screenshot(page, "standards-levels-phone")
