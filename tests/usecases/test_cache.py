"""Derived results are reused until the next write, and never taken from an uncommitted one."""

from __future__ import annotations

from minsheng.store import session_scope
from minsheng.usecases import evaluate_plan, import_observations, import_plan

CSV = "region,indicator,year,value\n合肥市,人均预期寿命,2023,80.0\n"


def life_expectancy(result):
    return next(e for e in result.evaluations if e.name == "人均预期寿命" and e.region == "合肥市")


def test_evaluation_is_reused_until_a_write(engine, hefei_plan, tmp_path):
    with session_scope(engine) as session:
        import_plan(session, hefei_plan, author="规划处")
    with session_scope(engine) as session:
        first = evaluate_plan(session, region="合肥市", year=2023)
    with session_scope(engine) as session:
        assert evaluate_plan(session, region="合肥市", year=2023) is first
    path = tmp_path / "values.csv"
    path.write_text(CSV, encoding="utf-8")
    with session_scope(engine) as session:
        import_observations(session, path=path, region="合肥市", author="卫健委")
    with session_scope(engine) as session:
        after = evaluate_plan(session, region="合肥市", year=2023)
    assert after is not first
    assert (life_expectancy(first).value, life_expectancy(after).value) == (None, 80.0)


def test_a_session_that_wrote_neither_reads_nor_fills_the_cache(engine, hefei_plan, tmp_path):
    with session_scope(engine) as session:
        import_plan(session, hefei_plan, author="规划处")
    with session_scope(engine) as session:
        before = evaluate_plan(session, region="合肥市", year=2023)
    path = tmp_path / "values.csv"
    path.write_text(CSV, encoding="utf-8")
    with session_scope(engine) as session:
        import_observations(session, path=path, region="合肥市", author="卫健委")
        inside = evaluate_plan(session, region="合肥市", year=2023)
        assert life_expectancy(inside).value == 80.0
        session.rollback()
    with session_scope(engine) as session:
        assert evaluate_plan(session, region="合肥市", year=2023) is before
