"""The review workflow on a real database: every step a revision, approved values current."""

from __future__ import annotations

import pytest

from minsheng.errors import Conflict, InputProblem
from minsheng.model.observation import ReviewAction, ReviewState, next_review_state
from minsheng.store import session_scope
from minsheng.store.repositories import audit, observations
from minsheng.usecases import import_observations, import_plan
from minsheng.usecases.plans import find_current_plan
from minsheng.usecases.review import review, review_queue


@pytest.mark.parametrize(
    ("state", "action", "expected"),
    [
        (ReviewState.DRAFT, ReviewAction.SUBMIT, ReviewState.SUBMITTED),
        (ReviewState.RETURNED, ReviewAction.SUBMIT, ReviewState.SUBMITTED),
        (ReviewState.SUBMITTED, ReviewAction.APPROVE, ReviewState.APPROVED),
        (ReviewState.SUBMITTED, ReviewAction.RETURN, ReviewState.RETURNED),
        (ReviewState.DRAFT, ReviewAction.APPROVE, None),
        (ReviewState.APPROVED, ReviewAction.RETURN, None),
        (ReviewState.APPROVED, ReviewAction.SUBMIT, None),
    ],
)
def test_workflow_transitions(state, action, expected):
    assert next_review_state(state, action) == expected


@pytest.fixture
def draft_id(engine, hefei_plan, tmp_path) -> int:
    """Hefei stored, and one 2024 value of 人均预期寿命 recorded as a draft."""
    path = tmp_path / "draft.csv"
    path.write_text(
        "region,indicator,year,value\n合肥市,人均预期寿命,2024,80.1\n", encoding="utf-8"
    )
    with session_scope(engine) as session:
        import_plan(session, hefei_plan, author="规划处")
        import_observations(session, path=path, region="合肥市", author="卫健委", draft=True)
        (item,) = review_queue(session, region="合肥市", state=ReviewState.DRAFT)
    return item.observation.id


def current(engine) -> dict[int, float | None]:
    with session_scope(engine) as session:
        plan = find_current_plan(session, region="合肥市")
        values = observations.current_values(session, plan_id=plan.id)
        return {key[2]: v.value for key, v in values.items() if v.value == 80.1}


def step(engine, observation_id, action, reason=None, author="审核员"):
    with session_scope(engine) as session:
        return review(
            session, observation_id=observation_id, action=action, author=author, reason=reason
        )


def test_a_draft_becomes_current_only_once_approved(engine, draft_id):
    assert current(engine) == {}
    assert step(engine, draft_id, ReviewAction.SUBMIT) is ReviewState.SUBMITTED
    assert current(engine) == {}
    assert step(engine, draft_id, ReviewAction.APPROVE) is ReviewState.APPROVED
    assert current(engine) == {2024: 80.1}
    with session_scope(engine) as session:
        history = observations.revisions(session, observation_id=draft_id)
        assert [r.state for r in history] == ["draft", "submitted", "approved"]
        assert [r.author for r in history] == ["卫健委", "审核员", "审核员"]
        assert {r.value for r in history} == {80.1}
        actions = [e.action for e in audit.entries(session, entity="observation")]
        assert actions == ["submit", "approve"]


def test_return_needs_a_reason_and_sends_the_value_back(engine, draft_id):
    step(engine, draft_id, ReviewAction.SUBMIT)
    with pytest.raises(InputProblem, match="reason"):
        step(engine, draft_id, ReviewAction.RETURN)
    assert step(engine, draft_id, ReviewAction.RETURN, reason="口径不一致") is ReviewState.RETURNED
    with session_scope(engine) as session:
        (returned,) = review_queue(session, region="合肥市", state=ReviewState.RETURNED)
        assert returned.revision.reason == "口径不一致"
    assert step(engine, draft_id, ReviewAction.SUBMIT) is ReviewState.SUBMITTED


def test_a_step_the_workflow_forbids_is_refused_and_writes_nothing(engine, draft_id):
    with pytest.raises(Conflict, match="is draft; cannot approve"):
        step(engine, draft_id, ReviewAction.APPROVE)
    with session_scope(engine) as session:
        assert len(observations.revisions(session, observation_id=draft_id)) == 1
        assert audit.entries(session, entity="observation") == []
