"""Derived results are reused until the next write, and never taken from an uncommitted one."""

from __future__ import annotations

from minsheng.store import session_scope
from minsheng.usecases import cache, import_observations, import_plan
from minsheng.usecases.plans import find_current_plan
from minsheng.usecases.read.evaluations import evaluate_plans

CSV = "region,indicator,year,value\n合肥市,人均预期寿命,2023,80.0\n"


def evaluated(session):
    """Hefei's plan judged for 2023, bound to this session; its `judged` pass is what the
    cache keeps, so reuse shows as its identity."""
    plan_id = find_current_plan(session, region="合肥市").id
    return evaluate_plans(session, plan_ids=[plan_id], year=2023)


def life_expectancy(result):
    plan = result.plan(result.scopes[0].plan.id)
    return next(e for e in plan.evaluations if e.name == "人均预期寿命" and e.region == "合肥市")


def test_evaluation_is_reused_until_a_write(engine, hefei_plan, tmp_path):
    with session_scope(engine) as session:
        import_plan(session, hefei_plan, author="规划处")
    with session_scope(engine) as session:
        first = evaluated(session)
        first_value = life_expectancy(first).value
    with session_scope(engine) as session:
        assert evaluated(session).judged is first.judged
    path = tmp_path / "values.csv"
    path.write_text(CSV, encoding="utf-8")
    with session_scope(engine) as session:
        import_observations(session, path=path, region="合肥市", author="卫健委")
    with session_scope(engine) as session:
        after = evaluated(session)
        assert after.judged is not first.judged
        assert (first_value, life_expectancy(after).value) == (None, 80.0)


def test_a_session_that_wrote_neither_reads_nor_fills_the_cache(engine, hefei_plan, tmp_path):
    with session_scope(engine) as session:
        import_plan(session, hefei_plan, author="规划处")
    with session_scope(engine) as session:
        before = evaluated(session)
    path = tmp_path / "values.csv"
    path.write_text(CSV, encoding="utf-8")
    with session_scope(engine) as session:
        import_observations(session, path=path, region="合肥市", author="卫健委")
        inside = evaluated(session)
        assert life_expectancy(inside).value == 80.0
        session.rollback()
    with session_scope(engine) as session:
        assert evaluated(session).judged is before.judged


def test_forgetting_verdicts_keeps_the_parsed_targets(engine, hefei_plan):
    """What an observation write costs: the verdicts again, not the plans' targets."""
    with session_scope(engine) as session:
        import_plan(session, hefei_plan, author="规划处")
    with session_scope(engine) as session:
        first = evaluated(session)
    cache.forget("evaluate_plans")
    with session_scope(engine) as session:
        again = evaluated(session)
    assert again.judged is not first.judged
    assert again.plan_targets is first.plan_targets
    cache.clear()
    with session_scope(engine) as session:
        assert evaluated(session).plan_targets is not first.plan_targets
