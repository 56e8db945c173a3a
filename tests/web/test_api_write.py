"""Writing observations through the API: who may, what is refused, and what is stored."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import func, select

from minsheng.store import create_engine_for, session_scope
from minsheng.store.tables import AuditEntry, Indicator, ObservationRevision, Plan, Region
from minsheng.usecases.assignments import assign
from tests.web.conftest import signed_in

HEFEI = "合肥市"
CHILDCARE = "每千人口拥有3岁以下婴幼儿托位数"
ROW = {"region": HEFEI, "indicator": CHILDCARE, "year": 2023, "value": 3.2}


def _count(database_url: str, table) -> int:
    engine = create_engine_for(database_url)
    try:
        with session_scope(engine) as session:
            return session.scalar(select(func.count()).select_from(table)) or 0
    finally:
        engine.dispose()


def _assign_childcare(database_url: str) -> None:
    """Let the reporter's department report Hefei's childcare indicator, as an admin would."""
    engine = create_engine_for(database_url)
    try:
        with session_scope(engine) as session:
            indicator_id = session.scalar(
                select(Indicator.id)
                .join(Plan, Plan.id == Indicator.plan_id)
                .join(Region, Region.id == Plan.region_id)
                .where(Plan.is_current, Region.name == HEFEI, Indicator.name == CHILDCARE)
            )
            assign(
                session,
                department="合肥市卫生健康委员会",
                indicator_id=indicator_id,
                region_id=None,
                author="test",
            )
    finally:
        engine.dispose()


def _post(client: httpx.Client, rows: list[dict], **params) -> httpx.Response:
    """Values for Hefei's plan, named by its `plan_id` as every endpoint names a plan."""
    hefei = client.get("/api/v1/plans", params={"region": HEFEI}).json()[0]["id"]
    return client.post("/api/v1/observations", params={"plan_id": hefei, **params}, json=rows)


@pytest.fixture
def revisions(request):
    """Counts the revisions on the test's server: `read_server` if it has it, else `live_server`."""
    shared = "read_server" in request.fixturenames
    server = request.getfixturevalue("read_server" if shared else "live_server")
    return lambda: _count(server.database_url, ObservationRevision)


def test_anonymous_and_viewer_may_not_write(read_server, revisions):
    before = revisions()
    with read_server.client() as anonymous:
        assert _post(anonymous, [ROW]).status_code == 401
        bad_token = anonymous.post(
            "/api/v1/observations",
            params={"plan": HEFEI},
            json=[ROW],
            headers={"Authorization": "Bearer not-a-token"},
        )
        assert bad_token.status_code == 401
    with signed_in(read_server, "viewer") as viewer:
        response = _post(viewer, [ROW])
    assert response.status_code == 403
    assert response.json()["error"] == "forbidden"
    assert response.headers["content-type"] == "application/problem+json"
    assert revisions() == before


def test_reporter_without_assignment_is_told_which_indicator(read_server, revisions):
    before = revisions()
    with signed_in(read_server, "reporter") as reporter:
        response = _post(reporter, [ROW])
    assert response.status_code == 422
    problems = response.json()["problems"]
    assert problems == [{"row": 1, "column": "indicator", "message": problems[0]["message"]}]
    assert CHILDCARE in problems[0]["message"]
    assert "未被分配" in problems[0]["message"]
    assert revisions() == before


def test_assigned_reporter_writes_a_draft(live_server, revisions):
    _assign_childcare(live_server.database_url)
    before = revisions()
    with signed_in(live_server, "reporter") as reporter:
        response = _post(reporter, [ROW])
        assert response.status_code == 201
        assert response.json() == {"plan": HEFEI, "recorded": 1, "state": "draft", "outliers": []}
        drafts = reporter.get("/api/v1/observations", params={"state": "draft"}).json()
        in_force = reporter.get(
            "/api/v1/observations", params={"region": HEFEI, "year": 2023}
        ).json()
    assert [(d["indicator"], d["value"], d["author"]) for d in drafts] == [
        (CHILDCARE, 3.2, "reporter")
    ]
    assert in_force == []  # a draft is not a value in force until approved
    assert revisions() == before + 1


def test_planner_with_a_token_writes_approved_values_that_evaluation_uses(live_server):
    audit_before = _count(live_server.database_url, AuditEntry)
    with signed_in(live_server, "planner") as planner:
        made = planner.post("/api/v1/tokens", json={"name": "script"})
    assert made.status_code == 201
    token = made.json()["token"]
    assert made.json()["username"] == "planner"
    with live_server.client() as client:
        client.headers["Authorization"] = f"Bearer {token}"
        response = _post(client, [ROW])
        assert response.status_code == 201
        assert response.json()["state"] == "approved"
        assert client.post("/api/v1/tokens", json={"name": "more"}).status_code == 403
    with live_server.client() as public:
        rows = public.get(
            "/api/v1/evaluation", params={"plan": HEFEI, "year": 2023, "method": "linear"}
        ).json()
        in_force = public.get("/api/v1/observations", params={"year": 2023}).json()
    childcare = next(r for r in rows if r["name"] == CHILDCARE and r["region"] == HEFEI)
    assert childcare["value"] == 3.2
    assert childcare["year"] == 2023
    assert childcare["status"] not in {"no_data", "not_evaluable"}
    assert [(r["indicator"], r["value"], r["state"]) for r in in_force] == [
        (CHILDCARE, 3.2, "approved")
    ]
    assert _count(live_server.database_url, AuditEntry) == audit_before + 2  # token, values


def test_planner_may_ask_for_a_draft_with_the_plan_in_the_body(live_server):
    body = {"plan": HEFEI, "draft": True, "observations": [ROW]}
    with signed_in(live_server, "planner") as planner:
        response = planner.post("/api/v1/observations", json=body)
    assert response.status_code == 201
    assert response.json()["state"] == "draft"


def test_a_bad_value_lists_every_problem_and_stores_nothing(read_server, revisions):
    before = revisions()
    rows = [ROW, {**ROW, "year": 2024, "value": "很多"}, {**ROW, "region": "火星区", "year": 2022}]
    with signed_in(read_server, "admin") as admin:
        response = _post(admin, rows)
        no_plan = admin.post("/api/v1/observations", json=[ROW])
        unknown_plan = _post(admin, [ROW], plan_id=99999)
        by_region_name = admin.post("/api/v1/observations", params={"plan": "火星市"}, json=[ROW])
    assert response.status_code == 422
    located = {(p["row"], p["column"]) for p in response.json()["problems"]}
    assert located == {(2, "value"), (3, "region")}
    assert no_plan.status_code == 422
    assert unknown_plan.status_code == 404
    assert by_region_name.status_code == 404  # the deprecated name still works
    assert revisions() == before


def test_tokens_need_a_signed_in_session(read_server):
    with read_server.client() as anonymous:
        assert anonymous.post("/api/v1/tokens", json={"name": "x"}).status_code == 401
