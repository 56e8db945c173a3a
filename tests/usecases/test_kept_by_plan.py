"""After a write of one plan's values, a pass over every plan reads that plan's progress
again and keeps the others' — and judges exactly as a pass from nothing would."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from minsheng.ingest import parse_file
from minsheng.model.observation import ReviewAction, ReviewState
from minsheng.store import session_scope
from minsheng.store.repositories import plan_parts, plan_versions, plans
from minsheng.usecases import cache, import_observations, import_plan
from minsheng.usecases.ranges import set_range
from minsheng.usecases.read import kept_by_plan
from minsheng.usecases.read.evaluations import evaluate_plans, latest_data_years
from minsheng.usecases.read.kept_by_plan import counts
from minsheng.usecases.review import review, review_queue

SEEDS = ("000_7c865537b9a88152.txt", "004_0c50dddbae650310.txt")  # 合肥市, 淮北市
FULL, AGAIN = ("progress", "full reads"), ("progress", "plans read again")
CSV = "region,indicator,year,value\n合肥市,人均预期寿命,2023,80.0\n"


@pytest.fixture
def two_plans(engine: Engine, seeds_dir: Path) -> Engine:
    with session_scope(engine) as session:
        for seed in SEEDS:
            import_plan(session, parse_file(seeds_dir / seed), author="规划处")
    cache.clear()
    return engine


def verdicts(engine: Engine, year: int | None = 2023) -> dict[int, list[object]]:
    """Every current plan's verdicts as of `year` (None: each plan's newest year with
    data), by plan id."""
    with session_scope(engine) as session:
        judged = evaluate_plans(session, year=year)
        return {s.plan.id: judged.plan(s.plan.id).evaluations for s in judged.scopes}


def from_nothing(engine: Engine, year: int | None = 2023) -> dict[int, list[object]]:
    cache.clear()
    return verdicts(engine, year)


def hefei_life_expectancy(found: dict[int, list[object]], engine: Engine) -> object:
    with session_scope(engine) as session:
        hefei = next(p.id for p in plans.current_plans(session) if p.region.name == "合肥市")
    return next(
        e.value  # type: ignore[attr-defined]
        for e in found[hefei]
        if e.name == "人均预期寿命" and e.region == "合肥市"  # type: ignore[attr-defined]
    )


def write_values(engine: Engine, tmp_path: Path, *, draft: bool = False) -> None:
    path = tmp_path / "values.csv"
    path.write_text(CSV, encoding="utf-8")
    with session_scope(engine) as session:
        import_observations(session, path=path, region="合肥市", author="卫健委", draft=draft)


def test_a_plans_new_values_read_that_plan_again_and_judge_as_a_cold_pass(two_plans, tmp_path):
    before = verdicts(two_plans)
    full, again = counts[FULL], counts[AGAIN]
    write_values(two_plans, tmp_path)
    after = verdicts(two_plans)
    assert (counts[FULL], counts[AGAIN]) == (full, again + 1)
    assert hefei_life_expectancy(before, two_plans) is None
    assert hefei_life_expectancy(after, two_plans) == 80.0
    assert after == from_nothing(two_plans)


def test_an_approved_draft_reads_its_plan_again(two_plans, tmp_path):
    write_values(two_plans, tmp_path, draft=True)
    drafted = verdicts(two_plans)
    assert hefei_life_expectancy(drafted, two_plans) is None  # a draft is not in force
    again = counts[AGAIN]
    with session_scope(two_plans) as session:
        (waiting,) = review_queue(session, region="合肥市", state=ReviewState.DRAFT)
        observation_id = waiting.observation.id
    for action in (ReviewAction.SUBMIT, ReviewAction.APPROVE):
        with session_scope(two_plans) as session:
            review(session, observation_id=observation_id, action=action, author="发改委")
    approved = verdicts(two_plans)
    assert counts[AGAIN] == again + 1
    assert hefei_life_expectancy(approved, two_plans) == 80.0
    assert approved == from_nothing(two_plans)


def test_any_other_write_reads_every_plan_again(two_plans):
    verdicts(two_plans)
    full = counts[FULL]
    with session_scope(two_plans) as session:
        set_range(session, plan="合肥市", indicator="人均预期寿命", region=None,
                  low=60.0, high=95.0, author="发改委")  # fmt: skip
    verdicts(two_plans)
    assert counts[FULL] == full + 1


def test_each_write_raises_only_its_own_plans_version(two_plans, tmp_path):
    with session_scope(two_plans) as session:
        before = plan_versions.versions(session, plan_ids=None)
        names = {p.id: p.region.name for p in plans.current_plans(session)}
    write_values(two_plans, tmp_path)
    with session_scope(two_plans) as session:
        after = plan_versions.versions(session, plan_ids=None)
    raised = {names[i] for i in after if after[i] != before[i]}
    assert raised == {"合肥市"}


def test_a_plans_newest_year_follows_its_new_values_and_no_other_plans(two_plans, tmp_path):
    with session_scope(two_plans) as session:
        before = latest_data_years(session, None)
    again = counts["latest_data_years", "plans read again"]
    write_values(two_plans, tmp_path)  # 合肥市 now has a 2023 value
    with session_scope(two_plans) as session:
        after = latest_data_years(session, None)
        hefei = next(p.id for p in plans.current_plans(session) if p.region.name == "合肥市")
    assert counts["latest_data_years", "plans read again"] == again + 1
    assert before.get(hefei) != 2023 and after[hefei] == 2023
    assert {k: v for k, v in after.items() if k != hefei} == {
        k: v for k, v in before.items() if k != hefei
    }
    cache.clear()
    with session_scope(two_plans) as session:
        assert latest_data_years(session, None) == after


def test_the_plans_version_outlives_writes_of_values_only(two_plans, tmp_path):
    with session_scope(two_plans) as session:
        first = cache.plans_version(session)
    write_values(two_plans, tmp_path)
    with session_scope(two_plans) as session:
        assert cache.plans_version(session) == first
    with session_scope(two_plans) as session:
        set_range(session, plan="合肥市", indicator="人均预期寿命", region=None,
                  low=60.0, high=95.0, author="发改委")  # fmt: skip
    with session_scope(two_plans) as session:
        assert cache.plans_version(session) > first


def test_a_write_that_commits_after_a_later_one_is_not_missed(two_plans, tmp_path):
    """Ids are taken before commit: 合肥市's values and audit row take the lower ids but
    commit after 淮北市's, after a pass has read both plans. The pass after that must see
    them, though no audit id above those it saw was written since."""
    if two_plans.dialect.name == "sqlite":
        pytest.skip("SQLite has one writer at a time: no write commits after a later one")
    verdicts(two_plans)
    hefei_csv = tmp_path / "hefei.csv"
    hefei_csv.write_text(CSV, encoding="utf-8")
    with session_scope(two_plans) as early:
        import_observations(early, path=hefei_csv, region="合肥市", author="卫健委")
        early.flush()  # its audit row takes its id now, below 淮北市's
        write_huaibei_value(two_plans, tmp_path)  # commits first
        between = verdicts(two_plans)
    assert hefei_life_expectancy(between, two_plans) is None  # not committed yet
    after = verdicts(two_plans)
    assert hefei_life_expectancy(after, two_plans) == 80.0
    assert after == from_nothing(two_plans)


def write_huaibei_value(engine: Engine, tmp_path: Path) -> None:
    with session_scope(engine) as session:
        huaibei = next(p for p in plans.current_plans(session) if p.region.name == "淮北市")
        name = plan_parts.indicators_of(session, plan_id=huaibei.id)[0].name
    path = tmp_path / "huaibei.csv"
    path.write_text(f"region,indicator,year,value\n淮北市,{name},2023,1.5\n", encoding="utf-8")
    with session_scope(engine) as session:
        import_observations(session, path=path, region="淮北市", author="卫健委")


def test_passes_over_a_few_plans_do_not_push_out_the_pass_over_all(
    two_plans, tmp_path, monkeypatch
):
    monkeypatch.setattr(kept_by_plan._kept, "size", 1)
    verdicts(two_plans)
    with session_scope(two_plans) as session:
        for plan in plans.current_plans(session):  # a plan page each
            evaluate_plans(session, plan_ids=[plan.id], year=2023)
    full, again = counts[FULL], counts[AGAIN]
    write_values(two_plans, tmp_path)
    verdicts(two_plans)
    assert (counts[FULL], counts[AGAIN]) == (full, again + 1)


def test_a_plans_first_value_of_a_new_year_reads_that_plan_again_as_of_it(two_plans, tmp_path):
    """Judged each as of its newest year with data, 合肥市 moves to 2023 with its value."""
    before = verdicts(two_plans, None)
    full, again = counts[FULL], counts[AGAIN]
    write_values(two_plans, tmp_path)
    after = verdicts(two_plans, None)
    assert (counts[FULL], counts[AGAIN]) == (full, again + 1)
    assert hefei_life_expectancy(before, two_plans) is None
    assert hefei_life_expectancy(after, two_plans) == 80.0
    assert after == from_nothing(two_plans, None)


def test_passes_as_of_a_year_and_as_of_each_plans_own_are_kept_apart(two_plans, tmp_path):
    for year in (2023, None):
        verdicts(two_plans, year)
    full, again = counts[FULL], counts[AGAIN]
    write_values(two_plans, tmp_path)
    for year in (2023, None, 2023, None):
        verdicts(two_plans, year)
    assert (counts[FULL], counts[AGAIN]) == (full, again + 2)
