"""Key projects' fields over HTTP (both databases) and in Chromium (SQLite): Hefei's projects
filled from its plan document, filtered by district, edited on the page, exported and
imported as XLSX, and listed by the API."""

from __future__ import annotations

import io
import re

import httpx
import pytest
from openpyxl import load_workbook

from minsheng.model.plan import ParsedPlan
from minsheng.store import create_engine_for, session_scope
from minsheng.usecases.plans import find_current_plan
from minsheng.usecases.project_fill import fill_plan
from tests.web.conftest import ON_SQLITE, PASSWORDS, LiveServer, screenshot, sign_in, signed_in

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
TOTAL = re.compile(r"共 (\d+) 个重点项目")


@pytest.fixture
def filled(live_server: LiveServer, hefei_plan: ParsedPlan) -> tuple[LiveServer, int]:
    """The server with Hefei's projects filled from its document; Hefei's plan id."""
    engine = create_engine_for(live_server.database_url)
    try:
        with session_scope(engine) as session:
            plan_id = find_current_plan(session, region="合肥市").id
            fill_plan(session, plan_id=plan_id, author="规划处", parsed=hefei_plan)
    finally:
        engine.dispose()
    return live_server, plan_id


def district_id(client: httpx.Client, name: str) -> str:
    page = client.get("/projects").text
    return re.search(rf'<option value="(\d+)" >{name}</option>', page)[1]


def project_id(client: httpx.Client, name: str) -> int:
    page = client.get("/projects", params={"q": name}).text
    return int(re.search(rf'href="/projects/(\d+)">{name}<', page)[1])


def test_filters_by_district_nature_and_investment(filled):
    server, plan_id = filled
    with server.client() as client:
        luyang = district_id(client, "庐阳区")
        listed = client.get("/projects", params={"district": luyang}).text
        rebuilt = client.get("/projects", params={"district": luyang, "nature": "改扩建"}).text
        costly = client.get("/projects", params={"min_investment": "1亿"}).text
        wrong = client.get("/projects", params={"min_investment": "很多"})
        api = client.get("/api/v1/projects", params={"district": "庐阳区", "limit": 100}).json()
    assert int(TOTAL.search(listed)[1]) >= 16 and ">蒙城路小学<" in listed
    assert ">南小恒盛皇家花园小学<" in rebuilt and ">蒙城路小学<" not in rebuilt
    assert "没有符合条件的重点项目" in costly  # the plan states no investment
    assert wrong.status_code == 422 and "总投资范围" in wrong.text
    assert {p["district"] for p in api} == {"庐阳区"} and len(api) >= 16
    assert {p["plan_id"] for p in api} == {plan_id}
    school = next(p for p in api if p["name"] == "蒙城路小学")
    assert (school["nature"], school["total_investment"], school["investments"]) == (
        "新建",
        None,
        [],
    )


def test_a_planner_edits_the_fields_and_a_bad_field_is_named(filled):
    server, _ = filled
    with signed_in(server, "planner") as client:
        project = project_id(client, "蒙城路小学")
        token = TOKEN.search(client.get(f"/projects/{project}").text)[1]
        sent = {"csrf_token": token, "status": "in_progress", "progress": "20",
                "district": "庐阳区", "nature": "新建", "total_investment": "1.5亿元",
                "start_month": "2022-09", "end_month": "2024-08", "responsible_unit": "教体局",
                "lon": "117.27", "lat": "31.89", "planned_2023": "6000"}  # fmt: skip
        bad = client.post(f"/projects/{project}", data={**sent, "end_month": "2020-01"})
        saved = client.post(f"/projects/{project}", data=sent)
        page = client.get(f"/projects/{project}").text
        api = client.get("/api/v1/projects", params={"q": "蒙城路小学"}).json()[0]
    assert bad.status_code == 422 and "竣工时间不能早于开工时间" in bad.text
    assert 'value="1.5亿元"' in bad.text  # what was typed comes back
    assert saved.status_code == 303
    assert "15,000 万元" in page and "2022-09 至 2024-08" in page and "教体局" in page
    history = page.split('id="history"', 1)[1]
    assert "总投资（万元）" in history and "15000" in history
    assert (api["total_investment"], api["lon"], api["investments"][0]["planned"]) == (
        15000,
        117.27,
        6000,
    )


def test_xlsx_round_trip_and_a_bad_sheet_changes_nothing(filled, tmp_path):
    server, plan_id = filled
    with signed_in(server, "planner") as client:
        luyang = district_id(client, "庐阳区")
        download = client.get("/projects.xlsx", params={"plan": plan_id, "district": luyang})
        book = load_workbook(io.BytesIO(download.content))
        sheet = book.active
        header = [cell.value for cell in sheet[1]]
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        total = header.index("总投资（万元）")
        sheet.cell(row=2, column=total + 1, value="2亿元")
        sheet.cell(row=3, column=header.index("建设性质") + 1, value="拆除")
        sheet.cell(row=4, column=header.index("经度") + 1, value=31.8)
        sheet.cell(row=4, column=header.index("纬度") + 1, value=117.2)
        bad = tmp_path / "bad.xlsx"
        book.save(bad)
        token = TOKEN.search(client.get("/projects").text)[1]
        refused = post_sheet(client, token, plan_id, bad)
        unchanged = client.get("/projects", params={"min_investment": "0"}).text
        sheet.cell(row=3, column=header.index("建设性质") + 1, value="改扩建")
        sheet.cell(row=4, column=header.index("经度") + 1).value = None
        sheet.cell(row=4, column=header.index("纬度") + 1).value = None
        good = tmp_path / "good.xlsx"
        book.save(good)
        accepted = post_sheet(client, token, plan_id, good)
        assert accepted.status_code == 303, re.findall(r"<li>(.*?)</li>", accepted.text)[-8:]
        shown = client.get(accepted.headers["location"]).text
        costly = client.get("/projects", params={"min_investment": "20000"}).text
    assert len(rows) >= 16 and {row[header.index("区县")] for row in rows} == {"庐阳区"}
    assert refused.status_code == 422
    assert "第 3 行 建设性质" in refused.text and "第 4 行 经度" in refused.text
    assert "没有符合条件的重点项目" in unchanged
    assert accepted.status_code == 303 and "其中 2 个项目有修改" in shown
    assert int(TOTAL.search(costly)[1]) == 1


def post_sheet(client: httpx.Client, token: str, plan_id: int, path) -> httpx.Response:
    files = {"file": (path.name, path.read_bytes())}
    return client.post(
        "/projects/import", data={"csrf_token": token, "plan": str(plan_id)}, files=files
    )


@ON_SQLITE
def test_browser_a_county_planner_filters_by_district_and_edits_a_project(filled, page):
    server, plan_id = filled
    sign_in(page, server, "planner", PASSWORDS["planner"])
    page.goto(f"{server.url}/projects")
    page.get_by_label("区县").select_option(label="肥东县")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_load_state()
    summary = page.locator(".std-summary").inner_text()
    assert int(TOTAL.search(summary)[1]) >= 4
    assert page.locator("table.projects tbody tr").count() == int(TOTAL.search(summary)[1])
    screenshot(page, "projects-district")
    page.get_by_role("link", name="肥东县公共卫生中心", exact=True).click()
    page.get_by_label("建设性质").select_option("改扩建")
    page.get_by_label("总投资（万元，可填“1.2亿元”）").fill("8000")
    page.get_by_label("开工时间（如 2022-03）").fill("2022年5月")
    page.get_by_label("经度（WGS84）").fill("117.47")
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").inner_text().count("经度和纬度须同时填写") == 1
    screenshot(page, "project-edit-problem")
    page.get_by_label("纬度（WGS84）").fill("31.88")
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    fields = page.locator("dl.std-fields").inner_text()
    assert "改扩建" in fields and "8,000 万元" in fields and "2022-05 至" in fields
    history = page.locator("section[aria-labelledby=history]").inner_text()
    assert "建设性质" in history and "新建 → 改扩建" in history
    assert "planner" in history
    with server.client() as anonymous:  # the public sees what changed, not who changed it
        public = anonymous.get(page.url).text
    assert "<del>新建</del>" in public and "planner" not in public and "更新人" not in public
    screenshot(page, "project-edited")
    page.goto(f"{server.url}/projects?plan={plan_id}")
    page.wait_for_selector("#projects-map[data-ready=true]")
    assert "已填写坐标的 1 个项目" in page.locator("#projects-map").get_attribute("aria-label")
    screenshot(page, "projects-map")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server.url}/projects?nature=改扩建")
    screenshot(page, "projects-mobile")
