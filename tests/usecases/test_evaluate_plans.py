"""evaluate_plans judges many plans in one pass: each plan's verdicts are about its own
indicators, whatever order the plans were stored in (the reference plan first here, so
plan ids do not follow the order plans are listed in)."""

from __future__ import annotations

from minsheng.ingest import parse_file
from minsheng.store import session_scope
from minsheng.store.repositories import plan_parts, plans
from minsheng.usecases import ensure_reference_plan, import_plan
from minsheng.usecases.read.evaluations import evaluate_plans

SEEDS = ("000_7c865537b9a88152.txt", "004_0c50dddbae650310.txt")


def test_every_verdict_belongs_to_its_own_plan_when_ids_and_listing_differ(engine, seeds_dir):
    with session_scope(engine) as session:
        ensure_reference_plan(session)
        for seed in SEEDS:
            import_plan(session, parse_file(seeds_dir / seed), author="规划处")
    with session_scope(engine) as session:
        current = plans.current_plans(session)
        assert [p.id for p in current] != sorted(p.id for p in current)
        judged = evaluate_plans(session)
        for plan in current:
            own = {i.id for i in plan_parts.indicators_of(session, plan_id=plan.id)}
            verdicts = judged.plan(plan.id).evaluations
            assert {e.indicator_id for e in verdicts} == own, plan.region.name
            assert {e.region for e in judged.plan(plan.id).own().values()} == {plan.region.name}
            assert [t.id for t in judged.targets(plan.id)] == [
                i.id for i in plan_parts.indicators_of(session, plan_id=plan.id)
            ]
