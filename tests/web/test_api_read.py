"""The public REST API over a real server: seeded facts, filters, pages and downloads."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

HEFEI = "合肥市"
EXPECTED_PATHS = {
    "/api/v1/plans",
    "/api/v1/plans/{plan_id}",
    "/api/v1/regions",
    "/api/v1/indicators",
    "/api/v1/indicators/{indicator_id}",
    "/api/v1/observations",
    "/api/v1/evaluation",
    "/api/v1/warnings",
    "/api/v1/service-items",
    "/api/v1/service-items/{item_id}",
    "/api/v1/projects",
    "/api/v1/previous-plan-results",
    "/api/v1/tokens",
}


@pytest.fixture
def api(read_server):
    with read_server.client() as client:
        client.base_url = f"{read_server.url}/api/v1"
        yield client


def _hefei_plan(api) -> dict:
    return next(p for p in api.get("/plans").json() if p["region"] == HEFEI)


def test_openapi_lists_every_path_and_docs_are_served(api, read_server):
    schema = api.get("/openapi.json").json()
    assert set(schema["paths"]) >= EXPECTED_PATHS
    assert "post" in schema["paths"]["/api/v1/observations"]
    with read_server.client() as client:
        assert "swagger-ui" in client.get("/api/docs").text


def test_plan_detail_counts_and_domains(api):
    plan = api.get(f"/plans/{_hefei_plan(api)['id']}").json()
    assert plan["region_code"] == "340100"
    assert plan["counts"]["indicators"] == 38
    assert plan["counts"]["service_items"] > 0
    assert plan["domains"][0]["name"] == "幼有所育"
    assert sum(d["indicators"] for d in plan["domains"]) == 38
    assert api.get("/plans/99999").status_code == 404


def test_regions_form_a_hierarchy(api):
    regions = api.get("/regions", params={"limit": 1000}).json()
    by_name = {r["name"]: r for r in regions}
    hefei = by_name[HEFEI]
    assert hefei["code"] == "340100"
    assert hefei["level"] == "city"
    assert hefei["parent_id"] == by_name["安徽省"]["id"]
    children = api.get("/regions", params={"parent_id": hefei["id"]}).json()
    assert all(child["parent_id"] == hefei["id"] for child in children)


def test_indicators_of_a_plan_and_filters_narrow(api):
    response = api.get("/indicators", params={"region": HEFEI})
    indicators = response.json()
    assert response.headers["X-Total-Count"] == "38"
    assert len(indicators) == 38
    first = indicators[0]
    assert first["name"] == "每千人口拥有3岁以下婴幼儿托位数"
    assert first["unit"] == "个"
    assert first["catalogue_key"] == "childcare_places_per_1000"
    assert first["baseline"] == {**first["baseline"], "raw": "1.38", "number": 1.38}
    assert first["target"]["raw"] == "≥4.6"
    assert first["target"]["comparator"] == "ge"
    assert api.get(f"/indicators/{first['id']}").json() == first

    binding = api.get("/indicators", params={"region": HEFEI, "attribute": "binding"}).json()
    assert 0 < len(binding) < 38
    assert {i["attribute"] for i in binding} == {"binding"}
    domain = api.get("/indicators", params={"region": HEFEI, "domain": "幼有所育"}).json()
    assert 0 < len(domain) < 38
    assert {i["domain"] for i in domain} == {"幼有所育"}
    found = api.get("/indicators", params={"q": "托位"}).json()
    assert {i["plan_region"] for i in found} >= {HEFEI, "全国"}
    assert all("托位" in i["name"] for i in found)
    assert api.get("/indicators/99999").status_code == 404


def test_pagination_headers_and_limits(api):
    first = api.get("/indicators", params={"region": HEFEI, "limit": 10})
    assert first.headers["X-Total-Count"] == "38"
    assert len(first.json()) == 10
    next_url = first.links["next"]["url"]
    assert "offset=10" in next_url
    second = api.get(next_url)
    assert len(second.json()) == 10
    assert {i["id"] for i in first.json()}.isdisjoint(i["id"] for i in second.json())
    last = api.get("/indicators", params={"region": HEFEI, "limit": 10, "offset": 30})
    assert len(last.json()) == 8
    assert "link" not in last.headers
    assert api.get("/indicators", params={"limit": 1001}).status_code == 422


def test_csv_download_has_bom_header_and_every_row(api):
    response = api.get("/indicators", params={"region": HEFEI, "format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    assert 'filename="indicators.csv"' in response.headers["content-disposition"]
    assert response.content.startswith(b"\xef\xbb\xbfid,plan_id,plan_region,")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 38
    assert rows[0]["name"] == "每千人口拥有3岁以下婴幼儿托位数"
    assert rows[0]["target.raw"] == "≥4.6"


def test_xlsx_download_has_the_same_rows_as_json(api):
    params = {"region": HEFEI}
    rows = api.get("/service-items", params=params).json()
    response = api.get("/service-items", params={**params, "format": "xlsx"})
    assert 'filename="service-items.xlsx"' in response.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    table = list(sheet.iter_rows(values_only=True))
    assert list(table[0]) == list(rows[0])
    assert sheet["A1"].font.bold
    assert [dict(zip(table[0], line, strict=True))["name"] for line in table[1:]] == [
        row["name"] for row in rows
    ]


def test_every_list_downloads_as_csv(api):
    hefei = _hefei_plan(api)["id"]
    lists = {
        "/plans": {},
        "/regions": {},
        "/observations": {},
        "/evaluation": {"plan_id": hefei},
        "/warnings": {},
        "/projects": {},
        "/previous-plan-results": {"plan_id": hefei},
    }
    for path, params in lists.items():
        response = api.get(path, params={**params, "format": "csv"})
        assert response.status_code == 200, path
        assert response.content.startswith(b"\xef\xbb\xbf"), path
        assert "X-Total-Count" in response.headers, path


def test_observations_default_to_values_in_force(api):
    hefei = _hefei_plan(api)
    rows = api.get("/observations", params={"plan_id": hefei["id"], "region": HEFEI}).json()
    assert rows
    assert {row["state"] for row in rows} == {"approved"}
    assert {row["region"] for row in rows} == {HEFEI}
    year = api.get("/observations", params={"plan_id": hefei["id"], "year": 2031}).json()
    assert year == []
    drafts = api.get("/observations", params={"state": "draft"})
    assert drafts.status_code == 401
    assert "登录" in drafts.json()["detail"]


def test_evaluation_has_one_entry_per_indicator_and_region(api):
    hefei = _hefei_plan(api)["id"]
    response = api.get("/evaluation", params={"plan_id": hefei, "year": 2023, "method": "linear"})
    rows = response.json()
    assert len(rows) == 38
    first = rows[0]
    assert first["name"] == "每千人口拥有3岁以下婴幼儿托位数"
    assert first["region"] == HEFEI
    assert first["year"] == 2023
    assert first["baseline"] == "1.38"
    assert first["target"] == "≥4.6"
    assert first["status"] == "no_data"
    assert first["warning"] == "none"
    assert api.get("/evaluation", params={"plan_id": 99999}).status_code == 404
    assert api.get("/evaluation", params={"plan": "火星市"}).status_code == 404  # deprecated name


def test_service_items_search_the_name_and_domain(api):
    items = api.get("/service-items", params={"region": HEFEI, "q": "托养"}).json()
    assert [item["name"] for item in items] == ["残疾人托养服务"]
    item = api.get(f"/service-items/{items[0]['id']}").json()
    assert item["plan_region"] == HEFEI
    assert set(item) >= {"beneficiaries", "content", "standard", "funding", "lead_department"}
    everywhere = api.get("/service-items", params={"q": "托养"})
    assert int(everywhere.headers["X-Total-Count"]) > 1


def test_projects_filter_by_column_and_text(api):
    hefei = _hefei_plan(api)
    projects = api.get("/projects", params={"plan_id": hefei["id"], "limit": 1000}).json()
    column = projects[0]["column_number"]
    in_column = api.get("/projects", params={"plan_id": hefei["id"], "column": column}).json()
    assert 0 < len(in_column) <= len(projects)
    assert {p["column_number"] for p in in_column} == {column}
    found = api.get("/projects", params={"q": "蒙城路小学"}).json()
    assert found[0]["name"] == "蒙城路小学"
    assert found[0]["status"] == "planned"


def test_previous_plan_results_have_verdicts(api):
    hefei = _hefei_plan(api)["id"]
    rows = api.get("/previous-plan-results", params={"plan_id": hefei}).json()
    assert rows[0]["name"] == "九年义务教育巩固率"
    assert rows[0]["target"]["raw"] == ">99.2"
    assert rows[0]["status"] == "achieved"


def test_warnings_are_empty_before_anyone_reports(api):
    response = api.get("/warnings")
    assert response.status_code == 200
    assert response.json() == []
    assert response.headers["X-Total-Count"] == "0"
