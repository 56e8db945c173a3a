"""Suggestions on SQLite and PostgreSQL: a resident's suggestion stays private until a
planner publishes and routes it (to the topic's department by default); only that
department (or a planner) replies; spam is rejected; the contact never reaches the public
model; statistics by topic, the median days to reply and the overdue count; the audit log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from tests.usecases.rounds_setup import Setup

from minsheng.errors import Conflict, InputProblem
from minsheng.store import session_scope
from minsheng.store.repositories import audit, plan_parts, regions
from minsheng.store.repositories import suggestions as repo
from minsheng.usecases.suggestions import (
    NotAllowed,
    PublicSuggestion,
    SuggestionDraft,
    form_choices,
    public_suggestions,
    reject,
    reply,
    route,
    staff_queue,
    submit_suggestion,
    suggestion_stats,
    suggestion_view,
)
from minsheng.usecases.users import Account

PLANNER = Account(0, "planner", "planner", None)
TEXT = "社区卫生服务中心周末不开门，老人看病不方便，建议增加周末门诊。"
PHONE = "13800000000"


@pytest.fixture
def database_url(round_database):
    """Every test here starts from the round set-up (a copy of a template database)."""
    return round_database[0]


@pytest.fixture
def setup(round_database, engine) -> Setup:
    return round_database[1]


def _draft(session, setup: Setup, **changes) -> SuggestionDraft:
    first = plan_parts.indicators_of(session, plan_id=setup.plan_id)[0]
    shushan = regions.find_by_name(session, name="蜀山区")[0]
    fields: dict[str, Any] = {
        "plan_id": setup.plan_id, "domain": first.domain, "region_id": shushan.id,
        "text": TEXT, "subject": f"indicator:{first.id}", "contact": PHONE,
    }  # fmt: skip
    fields |= changes
    return SuggestionDraft(**fields)


def test_form_offers_the_plans_topics_districts_and_subjects(engine, setup):
    with session_scope(engine) as session:
        form = form_choices(session, plan_id=setup.plan_id)
    assert form.plan == "合肥市" and len(form.domains) >= 9
    assert [c.label for c in form.districts][:1] == ["合肥市"]
    assert "蜀山区" in {c.label for c in form.districts}
    assert form.items and form.indicators[0].label == setup.indicators[0]


def test_bad_input_is_named_and_nothing_is_written(engine, setup):
    cases: dict[str, dict[str, Any]] = {
        "text": {"text": "太短"}, "region": {"region_id": 1}, "domain": {"domain": "别的"},
        "contact": {"contact": "x" * 101}, "plan": {"plan_id": 999_999},
        "subject": {"subject": "item:999999"},
    }  # fmt: skip
    for field, change in cases.items():
        with session_scope(engine) as session, pytest.raises(InputProblem) as refused:
            submit_suggestion(session, _draft(session, setup, **change))
        assert refused.value.field == field
    with session_scope(engine) as session:
        assert repo.count_suggestions(session, repo.SuggestionQuery()) == 0


def test_route_reply_publish_and_statistics(engine, setup):
    with session_scope(engine) as session:
        sent = submit_suggestion(session, _draft(session, setup)).id
    with session_scope(engine) as session:
        assert public_suggestions(session) == ([], 0)
        assert suggestion_view(session, suggestion_id=sent, account=None) is None
        queued = staff_queue(session, account=PLANNER, state="pending")
        assert [(s.id, s.contact, s.routing) for s in queued] == [(sent, PHONE, "市卫健委")]
        assert staff_queue(session, account=setup.health) == []
        with pytest.raises(NotAllowed):
            route(session, suggestion_id=sent, account=setup.health, department="市卫健委")
        route(session, suggestion_id=sent, account=PLANNER, department="市卫健委")
    with session_scope(engine) as session:
        shown, total = public_suggestions(session)
        assert total == 1 and shown[0].text == TEXT and shown[0].state == "open"
        assert not hasattr(shown[0], "contact") and type(shown[0]) is PublicSuggestion
        assert [s.contact for s in staff_queue(session, account=setup.health)] == [PHONE]
        with pytest.raises(NotAllowed):
            reply(session, suggestion_id=sent, account=setup.education, text="不归我们管")
        reply(session, suggestion_id=sent, account=setup.health, text="已安排周末门诊。")
    with session_scope(engine) as session:
        view = public_suggestions(session)[0][0]
        assert (view.state, view.reply, view.department, view.response_days) == (
            "replied", "已安排周末门诊。", "市卫健委", 0)  # fmt: skip
        with pytest.raises(Conflict):
            reply(session, suggestion_id=sent, account=setup.health, text="再答一次")
        stats = suggestion_stats(session, plan_id=setup.plan_id)
        assert stats.median_days == 0 and stats.counts["replied"] == 1
        assert [(t.received, t.replied, t.median_days) for t in stats.topics] == [(1, 1, 0)]
        actions = [(e.action, e.username) for e in audit.entries(session, entity="suggestion")]
        assert actions == [("submit", "公众"), ("route", "planner"), ("reply", "wjw")]
        assert PHONE not in str([e.detail for e in audit.entries(session, entity="suggestion")])


def test_spam_is_rejected_and_an_unanswered_one_becomes_overdue(engine, setup):
    with session_scope(engine) as session:
        junk = _draft(session, setup, text="广告广告广告广告广告广告")
        spam = submit_suggestion(session, junk).id
        late = submit_suggestion(session, _draft(session, setup, contact=""))
        late.submitted_at = datetime.now(UTC) - timedelta(days=20)
        late_id = late.id
    with session_scope(engine) as session:
        with pytest.raises(InputProblem):
            reject(session, suggestion_id=spam, account=PLANNER, reason="boring")
        reject(session, suggestion_id=spam, account=PLANNER, reason="spam")
        route(session, suggestion_id=late_id, account=PLANNER, department="市教育局",
              publish=False)  # fmt: skip
        with pytest.raises(Conflict):
            reply(session, suggestion_id=spam, account=PLANNER, text="不应答复")
    with session_scope(engine) as session:
        assert public_suggestions(session) == ([], 0)  # one rejected, one kept private
        counts = suggestion_stats(session).counts
        assert (counts["rejected"], counts["open"], counts["overdue"]) == (1, 1, 1)
        assert [s.state for s in staff_queue(session, account=setup.education)] == ["overdue"]
