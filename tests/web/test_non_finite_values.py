"""Numbers that are not finite: refused on every write path with a clear message, and a
bad number already stored (written around the application) never breaks a read."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from minsheng.store import create_engine_for, session_scope
from minsheng.store.tables import Indicator, Observation, ObservationRevision, Plan, Region
from minsheng.usecases.assignments import assign
from tests.web.conftest import signed_in

HEFEI = "合肥市"
LIFE = "人均预期寿命"
BAD = ["1e309", "-1e309", "9" * 400, "inf", "nan", "Infinity"]


def _indicator_id(session) -> int:
    return session.scalar(
        select(Indicator.id)
        .join(Plan, Plan.id == Indicator.plan_id)
        .join(Region, Region.id == Plan.region_id)
        .where(Plan.is_current, Region.name == HEFEI, Indicator.name == LIFE)
    )


def _revisions(database_url: str) -> int:
    engine = create_engine_for(database_url)
    try:
        with session_scope(engine) as session:
            return len(session.scalars(select(ObservationRevision.id)).all())
    finally:
        engine.dispose()


def test_non_finite_numbers_are_refused_by_the_api_form_and_upload(live_server):
    engine = create_engine_for(live_server.database_url)
    with session_scope(engine) as session:
        assign(
            session,
            department="合肥市卫生健康委员会",
            indicator_id=_indicator_id(session),
            region_id=None,
            author="test",
        )
    engine.dispose()
    before = _revisions(live_server.database_url)
    with signed_in(live_server, "planner") as planner:
        for raw in BAD:
            row = {"region": HEFEI, "indicator": LIFE, "year": 2024, "value": raw}
            response = planner.post("/api/v1/observations", params={"plan": HEFEI}, json=[row])
            assert response.status_code == 422, (raw, response.text)
        body = '[{"region": "合肥市", "indicator": "人均预期寿命", "year": 2024, "value": 1e309}]'
        raw_json = planner.post(
            "/api/v1/observations",
            params={"plan": HEFEI},
            content=body,
            headers={"content-type": "application/json"},
        )
        assert raw_json.status_code == 422
        assert "problems" in raw_json.json()
    with signed_in(live_server, "reporter") as reporter:
        page = reporter.get("/entry/upload", params={"plan": HEFEI}).text
        token = page.split('name="csrf_token" value="')[1].split('"')[0]
        csv = f"地区,指标,年份,数值\n{HEFEI},{LIFE},2024,1e309\n".encode()
        upload = reporter.post(
            "/entry/upload",
            data={"csrf_token": token, "plan": HEFEI},
            files={"file": ("值.csv", csv, "text/csv")},
        )
        assert upload.status_code == 422
        assert "有限" in upload.text
    assert _revisions(live_server.database_url) == before


@pytest.mark.parametrize("bad", [float("inf"), float("-inf")])
def test_a_bad_stored_value_does_not_break_the_public_reads(live_server, bad):
    engine = create_engine_for(live_server.database_url)
    with session_scope(engine) as session:
        indicator_id = _indicator_id(session)
    with signed_in(live_server, "planner") as planner:
        row = {"region": HEFEI, "indicator": LIFE, "year": 2024, "value": 80}
        assert (
            planner.post("/api/v1/observations", params={"plan": HEFEI}, json=[row]).status_code
            == 201
        )
    with session_scope(engine) as session:  # a write around the application
        session.execute(
            update(Observation)
            .where(Observation.indicator_id == indicator_id)
            .values(current_value=bad)
        )
        session.execute(update(ObservationRevision).values(value=bad))
    engine.dispose()
    with live_server.client() as public:
        for path, params in (
            ("/api/v1/observations", {"year": 2024}),
            ("/api/v1/evaluation", {"plan": HEFEI, "year": 2024}),
            ("/plans/1", {}),
            ("/", {}),
        ):
            response = public.get(path, params=params)
            assert response.status_code < 500, (path, response.text[:300])
