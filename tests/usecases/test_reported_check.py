"""A 十五五 plan's account of the 十四五 set beside minsheng's own final evaluation."""

from __future__ import annotations

from pathlib import Path

from minsheng.evaluate.reported import Disagreement
from minsheng.ingest import parse_file
from minsheng.store import session_scope
from minsheng.usecases import import_observations, import_plan
from minsheng.usecases.read.reported_check import compare_reported

HEFEI = "000_7c865537b9a88152.txt"
FIFTEENTH = Path(__file__).parents[1] / "ingest" / "documents" / "hefei_15th_five_year_plan.txt"
FINAL_YEAR = """region,indicator,year,value
合肥市,每千人口拥有3岁以下婴幼儿托位数,2025,4.1
合肥市,学前教育普惠率,2025,90.46
合肥市,城镇登记失业率,2025,3.1
合肥市,人均预期寿命,2025,80.1
合肥市,每千常住人口执业(助理)医师数,2025,3.7
合肥市,养老机构护理型床位占比,2025,56
"""


def test_each_reported_row_is_checked_against_the_final_evaluation(engine, seeds_dir, tmp_path):
    values = tmp_path / "final.csv"
    values.write_text(FINAL_YEAR, encoding="utf-8")
    with session_scope(engine) as session:
        import_plan(session, parse_file(seeds_dir / HEFEI), author="规划处")
        import_observations(session, path=values, region="合肥市", author="统计局")
        new = import_plan(session, parse_file(FIFTEENTH), author="规划处")
    with session_scope(engine) as session:
        found = compare_reported(session, plan_id=new.plan_id)
    assert found.reviewed is not None and found.reviewed.period_start == 2021
    assert found.year == 2025 and len(found.rows) == 7
    differing = {row.reported.name: row.disagreements for row in found.disagreeing}
    assert differing == {
        "九年义务教育巩固率": (Disagreement.NO_VALUE,),
        "人均预期寿命": (Disagreement.ACTUAL, Disagreement.STATUS),
    }
    life = next(row for row in found.rows if row.reported.name == "人均预期寿命")
    assert (life.verdict.value, life.verdict.status, life.reported.status) == (
        80.1,
        "not_achieved",
        "achieved",
    )


def test_without_the_reviewed_plan_every_row_is_unmatched(engine):
    with session_scope(engine) as session:
        new = import_plan(session, parse_file(FIFTEENTH), author="规划处")
    with session_scope(engine) as session:
        found = compare_reported(session, plan_id=new.plan_id)
    assert found.reviewed is None
    assert {row.disagreements for row in found.rows} == {(Disagreement.UNMATCHED,)}
