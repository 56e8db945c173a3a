"""Reporting rounds on SQLite and PostgreSQL: what a round asks each department for, the
reporting rate as values are submitted, approved and returned, late departments after
the deadline (Beijing time), reminders in-app and by e-mail, and bad input refused."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select
from tests.usecases.mail_sink import smtp_sink
from tests.usecases.rounds_setup import Setup

from minsheng.errors import InputProblem, NotFound
from minsheng.model.observation import ReviewAction
from minsheng.settings import Settings
from minsheng.store import session_scope
from minsheng.store.tables import ReportingRound, RoundItem
from minsheng.usecases.assignments import unassign
from minsheng.usecases.entry import EntryInput, latest_values, save_entries
from minsheng.usecases.review import review
from minsheng.usecases.rounds import (
    deadline_end,
    inbox_of,
    open_round,
    remind,
    round_status,
    round_statuses,
    set_contact_email,
)

SOON = (datetime.now(UTC) + timedelta(days=30)).date()


@pytest.fixture
def database_url(round_database):
    """Every test here starts from the round set-up (a copy of a template database)."""
    return round_database[0]


@pytest.fixture
def setup(round_database, engine) -> Setup:
    return round_database[1]


def _enter(session, setup: Setup, year: int, values: dict[tuple[str, str], str], submit=True):
    inputs = [
        EntryInput(number, indicator, region, value)
        for number, ((indicator, region), value) in enumerate(values.items(), start=1)
    ]
    save_entries(session, account=setup.health, region="合肥市", year=year, inputs=inputs,
                 submit=submit)  # fmt: skip


def test_a_round_asks_each_department_for_its_assignments_in_each_year(engine, setup):
    with session_scope(engine) as session:
        found = open_round(session, setup.plan_id, [2024, 2025], SOON, "planner")
        status = round_status(session, round_id=found.id)
    by_name = {t.name: t for t in status.departments}
    assert by_name["市卫健委"].due == (10 + 1) * 2  # every region, plus 蜀山区 alone
    assert by_name["市教育局"].due == 2
    assert status.total.due == 24 and status.total.missing == 24
    assert status.total.rate == 0 and status.total.late == 0  # the deadline is to come
    assert status.round.title == "合肥市2024–2025年监测数据填报"


def test_submitting_approving_and_returning_move_the_rate(engine, setup):
    first, second, _ = setup.indicators
    with session_scope(engine) as session:
        found = open_round(session, setup.plan_id, 2025, SOON, "planner", department="市卫健委")
        _enter(session, setup, 2025, {(first, "合肥市"): "80", (second, "蜀山区"): "5"})
        approved, returned = sorted(
            (v for v in latest_values(session, plan_id=setup.plan_id) if v.year == 2025),
            key=lambda v: v.region != "合肥市",
        )
        review(session, observation_id=approved.observation_id, action=ReviewAction.APPROVE,
               author="planner")  # fmt: skip
        review(session, observation_id=returned.observation_id, action=ReviewAction.RETURN,
               author="planner", reason="口径不符")  # fmt: skip
        status = round_status(session, round_id=found.id)
        after = round_status(session, round_id=found.id, now=deadline_end(SOON))
    [health] = status.departments
    assert (health.due, health.approved, health.returned, health.missing) == (11, 1, 1, 9)
    assert health.on_time == 2 and health.rate == pytest.approx(2 / 11)
    shushan = next(t for t in status.regions if t.name == "蜀山区")
    assert (shushan.due, shushan.returned) == (2, 1)
    assert after.past_deadline and after.total.late == 9  # the returned one was sent in time


def test_values_sent_after_the_deadline_are_late(engine, setup):
    first, _, _ = setup.indicators
    opened = datetime(2026, 1, 5, tzinfo=UTC)
    with session_scope(engine) as session:
        found = open_round(session, setup.plan_id, 2025, date(2026, 3, 31), "planner",
                           department="市卫健委", opened_at=opened)  # fmt: skip
        _enter(session, setup, 2025, {(first, "合肥市"): "80"})
        status = round_status(session, round_id=found.id)
    [health] = status.departments
    assert health.submitted == 1 and health.on_time == 0 and health.late == 11
    assert health.is_late and health.rate == 0


def test_the_deadline_ends_at_midnight_in_beijing():
    assert deadline_end(date(2026, 3, 31)) == datetime(2026, 3, 31, 16, tzinfo=UTC)


def test_the_scope_is_kept_when_assignments_change(engine, setup):
    _, second, _ = setup.indicators
    with session_scope(engine) as session:
        found = open_round(session, setup.plan_id, 2025, SOON, "planner")
        indicator = next(v for v in _indicator_ids(session, setup.plan_id) if v[1] == second)[0]
        unassign(session, department="市卫健委", indicator_id=indicator,
                 region_id=_region_id(session, "蜀山区"), author="admin")  # fmt: skip
        status = round_status(session, round_id=found.id)
    assert status.total.due == 12


def test_the_inbox_lists_what_is_due_and_what_came_back(engine, setup):
    first, _, _ = setup.indicators
    with session_scope(engine) as session:
        found = open_round(session, setup.plan_id, [2024, 2025], SOON, "planner")
        _enter(session, setup, 2024, {(first, "瑶海区"): "3"})
        [value] = [v for v in latest_values(session, plan_id=setup.plan_id) if v.year == 2024]
        review(session, observation_id=value.observation_id, action=ReviewAction.RETURN,
               author="planner", reason="请核实")  # fmt: skip
        remind(session, round_id=found.id, department="市卫健委", author="planner",
               settings=Settings(smtp_host=None))  # fmt: skip
        inbox = inbox_of(session, account=setup.health)
        other = inbox_of(session, account=setup.education)
    [due] = inbox.due
    assert due.round.id == found.id and due.tally.due == 22
    assert due.outstanding == {2024: 11, 2025: 11}
    [returned] = inbox.returned
    returned_value = returned.value
    assert (returned_value.region, returned_value.year, returned_value.reason) == (
        "瑶海区", 2024, "请核实",
    )  # fmt: skip
    [reminder] = inbox.reminders
    assert "尚有 22 项待报送" in reminder.message
    assert other.due[0].tally.due == 2 and other.returned == [] and other.reminders == []


def test_a_reminder_is_mailed_to_the_liaison_mailbox(engine, setup):
    with session_scope(engine) as session, smtp_sink() as (sink, port):
        found = open_round(session, setup.plan_id, 2025, SOON, "planner")
        set_contact_email(session, department="市卫健委", email="wjw@hefei.example.cn",
                          author="planner")  # fmt: skip
        settings = Settings(smtp_host="127.0.0.1", smtp_port=port, smtp_from="fgw@hefei.example.cn")
        outcome = remind(session, round_id=found.id, department="市卫健委", author="planner",
                         settings=settings)  # fmt: skip
    assert outcome.emailed_to == ["wjw@hefei.example.cn"] and outcome.in_app_to == ["wjw"]
    [message] = sink.messages
    assert message["To"] == "wjw@hefei.example.cn"
    assert message["Subject"] == "催报：合肥市2025年监测数据填报"
    body = message.get_content()
    assert "市卫健委" in body and "共应报 11 项，尚有 11 项待报送" in body
    assert f"截止日期 {SOON:%Y年%m月%d日}" in body


def test_without_smtp_a_reminder_stays_in_app(engine, setup):
    with session_scope(engine) as session:
        found = open_round(session, setup.plan_id, 2025, SOON, "planner")
        set_contact_email(session, department="市教育局", email="jyj@hefei.example.cn",
                          author="planner")  # fmt: skip
        outcome = remind(session, round_id=found.id, department="市教育局", author="planner",
                         settings=Settings(smtp_host=None))  # fmt: skip
    assert outcome.emailed_to == [] and outcome.in_app_to == ["jyj"]
    assert "未配置邮件服务器" in (outcome.mail_problem or "")


@pytest.mark.parametrize(
    ("arguments", "error", "words"),
    [
        ({"deadline": date(2020, 1, 1)}, InputProblem, "截止日期 2020-01-01 已过"),
        ({"years": [2030]}, InputProblem, "2030 年不在规划期 2021–2025 年"),
        ({"department": "市不存在局"}, NotFound, "没有名为“市不存在局”的部门"),
        ({"plan_id": 99999}, NotFound, "no plan 99999"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(engine, setup, arguments, error, words):
    chosen = {"plan_id": setup.plan_id, "years": [2025], "deadline": SOON, **arguments}
    with session_scope(engine) as session:
        with pytest.raises(error, match=words):
            open_round(session, chosen["plan_id"], chosen["years"], chosen["deadline"], "planner",
                       department=chosen.get("department"))  # fmt: skip
        assert session.scalar(select(func.count()).select_from(ReportingRound)) == 0
        assert session.scalar(select(func.count()).select_from(RoundItem)) == 0


def test_a_bad_mailbox_is_refused(engine, setup):
    with session_scope(engine) as session, pytest.raises(InputProblem, match="不是有效的电子邮箱"):
        set_contact_email(session, department="市卫健委", email="not a mailbox", author="planner")


def _indicator_ids(session, plan_id):
    from minsheng.store.repositories import plan_parts  # noqa: PLC0415

    return [(i.id, i.name) for i in plan_parts.indicators_of(session, plan_id=plan_id)]


def _region_id(session, name):
    from minsheng.store.repositories import regions  # noqa: PLC0415

    return regions.find_by_name(session, name=name)[0].id


def test_several_rounds_are_summarised_at_once_as_each_alone(engine, setup):
    with session_scope(engine) as session:
        open_round(session, setup.plan_id, [2024, 2025], SOON, "planner")
        open_round(session, setup.plan_id, 2025, SOON, "planner", department="市教育局")
        together = round_statuses(session)
        alone = [round_status(session, round_id=s.round.id) for s in together]
    assert [s.round.id for s in together] == [2, 1]  # newest first
    assert [(s.total.due, s.departments) for s in together] == [
        (s.total.due, s.departments) for s in alone
    ]
    assert [s.total.due for s in together] == [1, 24]
