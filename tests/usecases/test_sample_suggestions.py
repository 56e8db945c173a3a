"""The demo's sample suggestions (示例数据): flagged and labelled, routed to the topics'
departments where a topic has one, one awaiting moderation, one rejected; the public sees
only the routed ones."""

from __future__ import annotations

from tests.usecases.rounds_setup import set_up_round_data

from minsheng.store import session_scope
from minsheng.store.repositories.plans import get_plan
from minsheng.usecases.sample_suggestions import add_sample_suggestions
from minsheng.usecases.suggestions import public_suggestions, suggestion_stats


def test_sample_suggestions(engine):
    with session_scope(engine) as session:
        setup = set_up_round_data(session)
        plan = get_plan(session, plan_id=setup.plan_id)
        assert plan is not None
        assert add_sample_suggestions(session, plan) == 5
    with session_scope(engine) as session:
        shown, total = public_suggestions(session)
        assert all(s.sample and "示例数据" in s.text for s in shown)
        stats = suggestion_stats(session).counts
        assert stats["rejected"] == 1 and stats["pending"] >= 1
        assert stats["replied"] + stats["overdue"] + stats["open"] == total
