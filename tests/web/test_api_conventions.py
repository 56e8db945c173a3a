"""The API keeps its own conventions, over a real server: one error shape (RFC 9457 problem
details), undeclared parameters and oversized integers refused, a documented OpenAPI with
operation ids, bearer auth and problem responses, gzip and ETag."""

from __future__ import annotations

import gzip

import pytest

PROBLEM = "application/problem+json"
TOO_BIG = str(2**63)
OVER_POSTGRES_INTEGER = str(2**31)


@pytest.fixture
def api(read_server):
    with read_server.client() as client:
        client.base_url = f"{read_server.url}/api/v1"
        yield client


def _problem(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    assert body["type"].startswith("urn:minsheng:problem:")
    assert body["title"] and body["detail"]
    return body


def test_an_unknown_parameter_is_refused_by_name(api):
    body = _problem(api.get("/indicators", params={"plan": 1}), 422)
    assert [e["field"] for e in body["errors"]] == ["plan"]
    assert "plan_id" in body["errors"][0]["message"]  # says what the endpoint accepts
    _problem(api.get("/plans", params={"limit": 5, "colour": "red"}), 422)
    assert api.get("/plans", params={"limit": 5}).status_code == 200


@pytest.mark.parametrize(
    ("path", "params"),
    [
        (f"/plans/{TOO_BIG}", {}),
        (f"/indicators/{TOO_BIG}", {}),
        (f"/indicators/{TOO_BIG}/metadata", {}),
        (f"/service-items/{TOO_BIG}", {}),
        (f"/problems/{TOO_BIG}", {}),
        ("/observations", {"plan_id": TOO_BIG}),
        ("/observations", {"indicator_id": TOO_BIG}),
        ("/indicators", {"plan_id": TOO_BIG}),
        ("/indicators", {"year": TOO_BIG}),
        ("/regions", {"parent_id": TOO_BIG}),
        ("/projects", {"column": "-" + TOO_BIG + "0"}),
        ("/population", {"region_id": TOO_BIG}),
        ("/evaluation", {"plan_id": TOO_BIG}),
        (f"/plans/{OVER_POSTGRES_INTEGER}", {}),
        ("/observations", {"year": "2023", "plan_id": OVER_POSTGRES_INTEGER}),
        ("/warnings", {"plan_id": "-" + OVER_POSTGRES_INTEGER + "1"}),
    ],
)
def test_integers_beyond_the_columns_are_a_bad_parameter_not_a_server_error(api, path, params):
    body = _problem(api.get(path, params=params), 422)
    assert body["errors"][0]["message"].startswith(("超出整数范围", "不能大于", "不能小于"))


def test_errors_share_one_shape(api, read_server):
    invalid = _problem(api.get("/plans/abc"), 422)
    assert invalid["errors"] == [{"field": "plan_id", "message": "须为整数"}]
    missing = _problem(api.get("/plans/99999"), 404)
    assert missing["error"] == "not_found"
    nowhere = _problem(api.get("/no-such-thing"), 404)
    assert "不存在" in nowhere["detail"]
    _problem(api.delete("/plans"), 405)
    _problem(api.post("/observations", json=[]), 401)
    with read_server.client() as client:
        page = client.get("/no-such-page")
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "不存在" in page.text and "出错了" in page.text


def test_a_plan_is_plan_id_everywhere_and_found_by_region_name_or_code(api):
    by_code = api.get("/plans", params={"region": "340100"}).json()
    by_name = api.get("/plans", params={"region": "合肥市"}).json()
    assert by_code == by_name and len(by_code) == 1
    plan_id = by_code[0]["id"]
    schema = api.get("/openapi.json").json()
    paths = ("/evaluation", "/warnings", "/previous-plan-results", "/equalization",
             "/access/coverage", "/norms", "/indicators", "/projects", "/observations")  # fmt: skip
    for path in paths:
        names = {p["name"]: p for p in schema["paths"][f"/api/v1{path}"]["get"]["parameters"]}
        assert "plan_id" in names, path
        assert names.get("plan", {}).get("deprecated", True), path
    rows = api.get("/evaluation", params={"plan_id": plan_id, "year": 2023}).json()
    assert {row["plan_id"] for row in rows} == {plan_id}
    indicators = api.get("/indicators", params={"region": "340100"})
    assert indicators.headers["X-Total-Count"] == "38"


def test_openapi_names_operations_documents_problems_and_declares_the_bearer_token(api):
    schema = api.get("/openapi.json").json()
    operations = [op for path in schema["paths"].values() for op in path.values()]
    ids = [op["operationId"] for op in operations]
    assert len(ids) == len(set(ids))
    assert "list_plans" in ids and "get_plan" in ids and "list_evaluation" in ids
    assert not [i for i in ids if "api_v1" in i]  # none generated from the path
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    for op in operations:
        invalid = op["responses"]["422"]["content"]
        assert list(invalid) == [PROBLEM]
        name = invalid[PROBLEM]["schema"]["$ref"].rsplit("/", 1)[-1]
        assert name in {"ValidationProblem", "RejectedPublic"}  # the latter: rows at fault
    schemes = schema["components"]["securitySchemes"]
    assert [s["scheme"] for s in schemes.values()] == ["bearer"]
    post = schema["paths"]["/api/v1/observations"]["post"]
    assert post["security"]
    assert "公共服务规划" in schema["info"]["description"]
    undescribed = [
        f"{name}.{field}"
        for name, model in schema["components"]["schemas"].items()
        for field, text in model.get("properties", {}).items()
        if not text.get("description")
    ]
    assert undescribed == []
    observation = schema["components"]["schemas"]["ObservationPublic"]["properties"]
    assert observation["year"]["examples"] == [2023]


def test_responses_are_compressed_and_tagged(api):
    plain = api.get("/indicators", params={"limit": 200}, headers={"Accept-Encoding": "gzip"})
    assert plain.headers["content-encoding"] == "gzip"
    assert plain.headers["vary"] == "Accept-Encoding"
    tag = plain.headers["etag"]
    raw = api.get("/indicators", params={"limit": 200}, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in raw.headers
    assert raw.headers["etag"] == tag  # one tag for both encodings (weak)
    assert len(gzip.compress(raw.content)) < len(raw.content) / 3
    again = api.get("/indicators", params={"limit": 200}, headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""
    other = api.get("/indicators", params={"limit": 10}, headers={"If-None-Match": tag})
    assert other.status_code == 200 and other.headers["etag"] != tag


def test_the_api_docs_offer_authorize(read_server, page):
    page.goto(f"{read_server.url}/api/docs")
    page.get_by_role("button", name="Authorize").wait_for(timeout=20_000)
    assert page.get_by_text("民生数据接口", exact=False).first.is_visible()
