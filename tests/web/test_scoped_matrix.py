"""Role × route matrix on the live server, cross-city writes included: a 合肥 account
(reporter or planner) cannot write, submit, review or edit 六安's data through the API,
the entry form, an upload, submit, the review page, a standards item or a key project;
an unscoped reporter's 合肥 assignment does not reach 六安's indicator of the same name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
from sqlalchemy import select

from minsheng.collect import RawRecord
from minsheng.model.observation import ReviewAction
from minsheng.store import create_engine_for, session_scope
from minsheng.store.tables import Indicator, KeyProject, Observation, Plan, Region, ServiceItem
from minsheng.usecases.assignments import assign
from minsheng.usecases.observations import record_observations
from minsheng.usecases.review import review
from minsheng.usecases.scopes import set_region
from minsheng.usecases.users import create_user
from tests.web.conftest import PASSWORDS, LiveServer

HEFEI, LUAN = "合肥市", "六安市"
DEPARTMENT = "合肥市卫生健康委员会"
PASSWORD = "scoped-password-1"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
FIELDS = {"region": "region", "indicator": "indicator", "year": "year", "value": "value"}
REFUSED = "只能处理"


@dataclass(frozen=True)
class Setup:
    indicator: str
    luan_submitted: int
    luan_draft: int
    luan_item: int
    hefei_item: int
    luan_project: int


def _current_plan(session, region: str) -> Plan:
    query = select(Plan).join(Region, Region.id == Plan.region_id)
    return session.scalar(query.where(Plan.is_current, Region.name == region))


def _names(session, plan: Plan) -> dict[str, int]:
    rows = session.execute(select(Indicator.name, Indicator.id).where(Indicator.plan_id == plan.id))
    return dict(rows.all())


def _value(session, region: str, indicator: str, year: int) -> int:
    row = {"region": region, "indicator": indicator, "year": str(year), "value": "75"}
    record = RawRecord("setup", None, 1, row, FIELDS)
    record_observations(session, records=[record], region=region, author="test", draft=True)
    plan = _current_plan(session, region)
    query = select(Observation.id).where(
        Observation.indicator_id == _names(session, plan)[indicator],
        Observation.region_id == plan.region_id,
        Observation.year == year,
    )
    return session.scalar(query)


def _first(session, kind, plan: Plan) -> int:
    return session.scalar(select(kind.id).where(kind.plan_id == plan.id).order_by(kind.id))


def prepare(database_url: str) -> Setup:
    """Scoped 合肥 accounts, the reporter's department assigned one 合肥 indicator whose
    name 六安's plan repeats, and a 六安 draft and submitted value to attack."""
    engine = create_engine_for(database_url)
    try:
        with session_scope(engine) as session:
            hefei, luan = _current_plan(session, HEFEI), _current_plan(session, LUAN)
            shared = sorted(set(_names(session, hefei)) & set(_names(session, luan)))[0]
            assign(
                session,
                department=DEPARTMENT,
                indicator_id=_names(session, hefei)[shared],
                region_id=None,
                author="test",
            )
            for username, role in (("hf_reporter", "reporter"), ("hf_planner", "planner")):
                create_user(
                    session,
                    username=username,
                    password=PASSWORD,
                    role=role,
                    department=DEPARTMENT,
                    author="test",
                )
                set_region(session, username=username, region=HEFEI, author="test")
            submitted = _value(session, LUAN, shared, 2023)
            review(session, observation_id=submitted, action=ReviewAction.SUBMIT, author="test")
            draft = _value(session, LUAN, shared, 2022)
            return Setup(
                shared,
                submitted,
                draft,
                _first(session, ServiceItem, luan),
                _first(session, ServiceItem, hefei),
                _first(session, KeyProject, luan),
            )
    finally:
        engine.dispose()


@contextmanager
def account(server: LiveServer, username: str) -> Iterator[tuple[httpx.Client, str]]:
    """A signed-in client and its form token."""
    password = PASSWORDS.get(username, PASSWORD if username.startswith("hf_") else None)
    with server.client() as client:
        token = TOKEN.search(client.get("/login").text)[1]
        sent = {
            "username": username,
            "password": password or server.admin_password,
            "csrf_token": token,
        }
        assert client.post("/login", data=sent).status_code == 303
        page = client.get("/entry/upload", params={"plan": HEFEI}).text
        yield client, TOKEN.search(page)[1]


def attacks(client: httpx.Client, token: str, setup: Setup) -> dict[str, httpx.Response]:
    """One request per route, each aimed at 六安."""
    row = {"region": LUAN, "indicator": setup.indicator, "year": 2024, "value": 76}
    csv = f"地区,指标,年份,数值\n{LUAN},{setup.indicator},2024,76\n".encode()
    form = {
        "csrf_token": token,
        "plan": LUAN,
        "year": "2024",
        "row": "1",
        "value-1": "76",
        "indicator-1": setup.indicator,
        "region-1": LUAN,
    }
    return {
        "api": client.post("/api/v1/observations", params={"plan": LUAN}, json=[row]),
        "form": client.post("/entry", data=form),
        "upload": client.post(
            "/entry/upload",
            data={"csrf_token": token, "plan": LUAN},
            files={"file": ("六安.csv", csv, "text/csv")},
        ),
        "submit": client.post("/entry/submit", data={"csrf_token": token, "plan": LUAN}),
    }


def planner_attacks(client: httpx.Client, token: str, setup: Setup) -> dict[str, httpx.Response]:
    review_form = {"csrf_token": token, "action": "approve", "observation": setup.luan_submitted}
    project = {"csrf_token": token, "status": "completed", "progress": "100"}
    return {
        **attacks(client, token, setup),
        "review": client.post("/entry/review", data=review_form),
        "standards": client.post(
            f"/standards/items/{setup.luan_item}", data={"csrf_token": token, "content": "篡改"}
        ),
        "project": client.post(f"/projects/{setup.luan_project}", data=project),
    }


def states(database_url: str, *observation_ids: int) -> list[str]:
    from minsheng.store.repositories import observations  # noqa: PLC0415

    engine = create_engine_for(database_url)
    try:
        with session_scope(engine) as session:
            return [
                observations.revisions(session, observation_id=i)[-1].state for i in observation_ids
            ]
    finally:
        engine.dispose()


def test_cross_city_writes_are_refused_on_every_route(live_server):
    setup = prepare(live_server.database_url)
    with account(live_server, "hf_reporter") as (client, token):
        reporter = {k: r.status_code for k, r in attacks(client, token, setup).items()}
        refusals = [r.text for r in attacks(client, token, setup).values()]
        own = client.post(
            "/api/v1/observations",
            params={"plan": HEFEI},
            json=[{"region": HEFEI, "indicator": setup.indicator, "year": 2024, "value": 76}],
        )
    assert reporter == {"api": 403, "form": 403, "upload": 403, "submit": 403}
    assert all(REFUSED in text for text in refusals)
    assert own.status_code == 201  # the same account writes its own city

    with account(live_server, "hf_planner") as (client, token):
        planner = {k: r.status_code for k, r in planner_attacks(client, token, setup).items()}
        hefei_edit = client.post(
            f"/standards/items/{setup.hefei_item}",
            data={"csrf_token": token, "content": "合肥的修订"},
        )
    assert planner == dict.fromkeys(
        ("api", "form", "upload", "submit", "review", "standards", "project"), 403
    )
    assert hefei_edit.status_code == 303

    with account(live_server, "reporter") as (client, token):  # unscoped, same assignment
        unscoped = {k: r.status_code for k, r in attacks(client, token, setup).items()}
    assert unscoped == {"api": 422, "form": 422, "upload": 422, "submit": 303}
    assert states(live_server.database_url, setup.luan_submitted, setup.luan_draft) == [
        "submitted",
        "draft",
    ]

    with account(live_server, "admin") as (client, token):  # every region
        approved = client.post(
            "/entry/review",
            data={"csrf_token": token, "action": "approve", "observation": setup.luan_submitted},
        )
    assert approved.status_code == 303
    assert states(live_server.database_url, setup.luan_submitted) == ["approved"]
