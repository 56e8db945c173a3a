"""Delivery indicators in reporting rounds, on SQLite and PostgreSQL: a round asks each
department for the delivery indicators of the items it leads (牵头负责单位) or whose domain
it reports, for each year; the inbox lists them; only that department (or a planner)
reports them; the dashboard counts the reported ones and a value below the standard is
flagged 未达标准."""

from __future__ import annotations

from datetime import date

import pytest
from tests.usecases.rounds_setup import Setup

from minsheng.errors import Conflict, InputProblem
from minsheng.store import session_scope
from minsheng.store.repositories import plan_parts, service_items
from minsheng.usecases.rounds import (
    close_round,
    delivery_tallies,
    inbox_of,
    open_round,
    report_in_round,
    round_delivery,
    round_info,
)
from minsheng.usecases.standards.delivery import define_indicator
from minsheng.usecases.users import Account

PLANNER = Account(0, "planner", "planner", None)


@pytest.fixture
def database_url(round_database):
    """Every test here starts from the round set-up (a copy of a template database)."""
    return round_database[0]


@pytest.fixture
def setup(round_database, engine) -> Setup:
    return round_database[1]


def _define(session, setup: Setup) -> tuple[int, int, int]:
    """A health-domain item's coverage (市卫健委 by domain), an item led by 市教育局, and
    an item of a domain nobody reports; returns the round's id and the two indicators."""
    first = plan_parts.indicators_of(session, plan_id=setup.plan_id)[0]
    items = service_items.items_of_plans(session, plan_ids=[setup.plan_id])
    health = next(i for i in items if i.domain == first.domain)
    led = next(i for i in items if i.domain != first.domain)
    led.lead_department = "市教育局"
    coverage = define_indicator(session, item_id=health.id, name="目标人群覆盖率", kind="coverage",
                                required=95, unit=None, author="planner").id  # fmt: skip
    visits = define_indicator(session, item_id=led.id, name="年服务次数", kind="frequency",
                              required=4, unit=None, author="planner").id  # fmt: skip
    opened = open_round(session, setup.plan_id, [2024, 2025], date(2099, 12, 31), "planner")
    return opened.id, coverage, visits


def test_round_asks_each_department_for_its_delivery_indicators(engine, setup):
    with session_scope(engine) as session:
        round_id, coverage, visits = _define(session, setup)
    with session_scope(engine) as session:
        info = round_info(session, round_id=round_id)
        dues = round_delivery(session, info=info)
        assert {(d.indicator_id, d.year, d.department) for d in dues} == {
            (coverage, 2024, "市卫健委"), (coverage, 2025, "市卫健委"),
            (visits, 2024, "市教育局"), (visits, 2025, "市教育局"),
        }  # fmt: skip
        inbox = inbox_of(session, account=setup.health)
        assert [(d.round.id, [i.indicator_id for i in d.items]) for d in inbox.delivery] == [
            (round_id, [coverage, coverage])
        ]


def test_reports_count_and_a_shortfall_is_flagged(engine, setup):
    with session_scope(engine) as session:
        round_id, coverage, visits = _define(session, setup)
    with session_scope(engine) as session:
        with pytest.raises(InputProblem):  # another department's indicator
            report_in_round(session, round_id=round_id, indicator_id=visits, year=2025,
                            value=5, account=setup.health)  # fmt: skip
        with pytest.raises(InputProblem):  # a year outside the round
            report_in_round(session, round_id=round_id, indicator_id=coverage, year=2023,
                            value=99, account=setup.health)  # fmt: skip
        low = report_in_round(session, round_id=round_id, indicator_id=coverage, year=2025,
                              value=88.5, account=setup.health)  # fmt: skip
        assert low.undelivered
        report_in_round(session, round_id=round_id, indicator_id=visits, year=2025, value=6,
                        account=setup.education)  # fmt: skip
    with session_scope(engine) as session:
        dues = round_delivery(session, info=round_info(session, round_id=round_id))
        total, departments = delivery_tallies(dues)
        assert (total.due, total.reported, total.undelivered) == (4, 2, 1)
        by_name = {t.name: (t.due, t.reported, t.undelivered) for t in departments}
        assert by_name == {"市卫健委": (2, 1, 1), "市教育局": (2, 1, 0)}
        close_round(session, round_id=round_id, author="planner")
    with session_scope(engine) as session, pytest.raises(Conflict):
        report_in_round(session, round_id=round_id, indicator_id=coverage, year=2024, value=99,
                        account=PLANNER)  # fmt: skip
