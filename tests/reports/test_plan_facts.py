"""What a report calls a plan whose document gave no title: after its own period."""

from __future__ import annotations

from minsheng.model.plan import Period
from minsheng.reports.facts import plan_facts
from minsheng.store import session_scope
from minsheng.usecases import import_plan
from tests.usecases.test_plan_values import indicator, plan


def test_an_untitled_plan_is_called_after_its_own_period(engine):
    fifteenth = plan([indicator("学前教育毛入园率", "90")], period=Period(start=2026, end=2030))
    with session_scope(engine) as session:
        stored = import_plan(session, fifteenth, author="规划处")
        facts = plan_facts(session, plan_id=stored.plan_id)
    assert facts.title == "合肥市“十五五”公共服务规划"
    assert (facts.base_year, facts.start_year, facts.target_year) == (2025, 2026, 2030)
