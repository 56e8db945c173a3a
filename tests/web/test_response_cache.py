"""Anonymous reads are reused until the next audited write; signed-in reads never are."""

from __future__ import annotations

import re

from sqlalchemy import update

from minsheng.store import create_engine_for, session_scope
from minsheng.store.repositories import audit
from minsheng.store.tables import Plan, Region
from tests.web.conftest import PASSWORDS


def rename_hefei_plan(database_url: str, title: str, *, audited: bool) -> None:
    engine = create_engine_for(database_url)
    try:
        with session_scope(engine) as session:
            hefei = session.query(Region).filter_by(name="合肥市").one()
            session.execute(update(Plan).where(Plan.region_id == hefei.id).values(title=title))
            if audited:
                audit.record(
                    session, username="test", action="rename", entity="plan", entity_id=None
                )
    finally:
        engine.dispose()


def titles(client) -> set[str | None]:
    return {plan["title"] for plan in client.get("/api/v1/plans").json()}


def test_an_unaudited_change_stays_invisible_until_a_write_is_audited(live_server):
    with live_server.client() as client:
        assert "合肥市“十四五”公共服务规划" in titles(client)
        rename_hefei_plan(live_server.database_url, "改名一", audited=False)
        assert "改名一" not in titles(client)  # served from memory: nothing was written
        rename_hefei_plan(live_server.database_url, "改名二", audited=True)
        assert "改名二" in titles(client)


def test_signed_in_pages_are_never_taken_from_the_cache(live_server):
    """The plan page reads the plan row itself (no derived result is kept for it), so an
    unaudited change shows at once to a signed-in reader, whom the cache never serves."""
    with live_server.client() as client:
        hefei = next(p for p in client.get("/api/v1/plans").json() if p["region"] == "合肥市")
        page = f"/plans/{hefei['id']}"
        assert "合肥市“十四五”公共服务规划" in client.get(page).text  # cached for the public
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)[1]
        client.post(
            "/login",
            data={"username": "planner", "password": PASSWORDS["planner"], "csrf_token": token},
        )
        rename_hefei_plan(live_server.database_url, "规划人员看到的新标题", audited=False)
        assert "规划人员看到的新标题" in client.get(page).text


def test_junk_parameters_neither_bypass_the_cache_nor_reach_the_api(live_server):
    """Only declared parameters key the cache, in any order: `?x=1`, `?x=2` … are the page
    already computed, not a new computation each; the API refuses them (422)."""
    with live_server.client() as client:
        first = client.get("/").text
        assert "合肥市“十四五”公共服务规划" in first
        before = client.get("/api/v1/plans?limit=100&offset=0").json()
        rename_hefei_plan(live_server.database_url, "未审计的新标题", audited=False)
        for junk in ("b", "c", "d"):
            page = client.get("/", params={"utm": junk, "x": junk})
            assert "未审计的新标题" not in page.text  # served from memory
        assert client.get("/api/v1/plans?offset=0&limit=100").json() == before
        refused = client.get("/api/v1/plans", params={"junk": "1"})
        assert refused.status_code == 422
        assert refused.json()["errors"][0]["field"] == "junk"
