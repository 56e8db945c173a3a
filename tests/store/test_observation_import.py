"""The import's own lookups: a plan's indicators as plain rows, their values not parsed."""

from __future__ import annotations

from sqlalchemy import select

from minsheng.model.value import ValueKind
from minsheng.store import session_scope
from minsheng.store.repositories import observation_import
from minsheng.store.tables import Indicator
from minsheng.usecases import import_plan


def test_indicator_heads_are_the_plans_indicators_in_order(engine, hefei_plan):
    with session_scope(engine) as session:
        plan_id = import_plan(session, hefei_plan, author="tester").plan_id
    with session_scope(engine) as session:
        heads = observation_import.indicator_heads(session, plan_id=plan_id)
        stored = session.scalars(
            select(Indicator).where(Indicator.plan_id == plan_id).order_by(Indicator.position)
        ).all()
        assert [(h.id, h.name, h.unit, h.catalogue_key) for h in heads] == [
            (i.id, i.name, i.unit, i.catalogue_key) for i in stored
        ]
        assert [h.target_kind for h in heads] == [i.target["kind"] for i in stored]
        assert ValueKind.QUALITATIVE.value in {h.target_kind for h in heads}
