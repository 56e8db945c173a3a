"""Public data is published data: the public never sees draft, submitted or returned values
nor who on the staff wrote a value (the department instead); signed-in staff still do."""

from __future__ import annotations

from tests.web.conftest import signed_in

HEFEI = "合肥市"
CHILDCARE = "每千人口拥有3岁以下婴幼儿托位数"


def _hefei(client) -> int:
    return client.get("/api/v1/plans", params={"region": HEFEI}).json()[0]["id"]


def _write(client, plan_id: int, year: int, *, draft: bool) -> None:
    row = {"region": HEFEI, "indicator": CHILDCARE, "year": year, "value": 3.2}
    response = client.post(
        "/api/v1/observations", params={"plan_id": plan_id, "draft": draft}, json=[row]
    )
    assert response.status_code == 201, response.text


def test_unapproved_values_and_user_names_are_for_staff_only(live_server):
    with signed_in(live_server, "planner") as planner:
        plan_id = _hefei(planner)
        _write(planner, plan_id, 2022, draft=True)
        _write(planner, plan_id, 2023, draft=False)
        staff_drafts = planner.get("/api/v1/observations", params={"state": "draft"}).json()
        staff_values = planner.get("/api/v1/observations", params={"year": 2023}).json()
    assert [(d["year"], d["author"]) for d in staff_drafts] == [(2022, "planner")]
    assert [v["author"] for v in staff_values] == ["planner"]
    with live_server.client() as public:
        for state in ("draft", "submitted", "returned", "any"):
            refused = public.get("/api/v1/observations", params={"state": state})
            assert refused.status_code == 401, state
            assert refused.headers["content-type"] == "application/problem+json"
        values = public.get("/api/v1/observations", params={"year": 2023})
        everything = public.get("/api/v1/observations", params={"limit": 1000, "format": "csv"})
    assert [(v["value"], v["author"]) for v in values.json()] == [(3.2, None)]
    assert "department" in values.json()[0]
    assert "planner" not in values.text and "planner" not in everything.text
    with signed_in(live_server, "viewer") as viewer:
        assert viewer.get("/api/v1/observations", params={"state": "draft"}).status_code == 403


def test_metadata_edits_name_the_department_to_the_public(live_server):
    with signed_in(live_server, "reporter") as reporter:  # has a department
        indicator = reporter.get(
            "/api/v1/indicators", params={"region": HEFEI, "q": CHILDCARE}
        ).json()[0]["id"]
    with signed_in(live_server, "planner") as planner:
        put = planner.put(
            f"/api/v1/indicators/{indicator}/metadata", json={"definition": "每千常住人口的托位数"}
        )
        assert put.status_code == 200, put.text
        assert planner.get(f"/api/v1/indicators/{indicator}/metadata").json()["updated_by"] == (
            "planner"
        )
    with live_server.client() as public:
        shown = public.get(f"/api/v1/indicators/{indicator}/metadata")
    assert shown.json()["definition"] == "每千常住人口的托位数"
    assert "planner" not in shown.text
