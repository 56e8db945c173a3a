"""The review queue with context: baseline, target (whose), previous value and change, flags
with reasons, history; filters; range rules; a few thousand rows in a handful of queries."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import event
from tests.conftest import templated_database

from minsheng.data.bundled import bundled_plans
from minsheng.errors import InputProblem
from minsheng.model.observation import ReviewAction, ReviewState
from minsheng.store import create_engine_for, session_scope
from minsheng.store.repositories import observations, plan_parts, regions
from minsheng.store.repositories.observations import NewRevision
from minsheng.usecases.entry import review_items
from minsheng.usecases.entry.review_queue import ReviewFilter
from minsheng.usecases.import_plan import import_plan
from minsheng.usecases.plans import find_current_plan
from minsheng.usecases.ranges import list_ranges, set_range, validation_ranges
from minsheng.usecases.review import review
from minsheng.usecases.users import create_user

MATERNAL = "孕产妇死亡率"


def _plan(engine, region="合肥市") -> None:
    plan = next(p for p in bundled_plans() if p.plan.region == region)
    with session_scope(engine) as session:
        import_plan(session, plan, author="test")


def _write(session, region, rows, state, author="test", *, plan="合肥市"):
    """Store values of the plan's indicators for `region` in `state`, in bulk."""
    plan = find_current_plan(session, region=plan)
    ids = {i.name: i.id for i in plan_parts.indicators_of(session, plan_id=plan.id)}
    known = [plan.region, *regions.ensure_known_children(session, region=plan.region)]
    region_id = next(r.id for r in known if r.name == region)
    revisions = [
        NewRevision((ids[name], region_id, year), value, "部门报送")
        for (name, year), value in rows.items()
    ]
    observations.add_revisions(session, revisions=revisions, state=state, author=author)


def _queue(session) -> None:
    """Hefei with a smooth maternal-mortality history, then 2024 submitted: the city's
    16.2 (the issue's jump), 瑶海区's 9.7; a reporter of 市卫健委 sent them."""
    plan = next(p for p in bundled_plans() if p.plan.region == "合肥市")
    import_plan(session, plan, author="test")
    create_user(session, username="wjw", password="password-long-1", role="reporter",
                department="市卫健委", author="test")  # fmt: skip
    history = {(MATERNAL, 2021): 9.5, (MATERNAL, 2022): 9.3, (MATERNAL, 2023): 9.1}
    _write(session, "合肥市", history, ReviewState.APPROVED)
    district = {(MATERNAL, 2020): 10.4, (MATERNAL, 2021): 10.2, (MATERNAL, 2022): 10.0,
                (MATERNAL, 2023): 9.9}  # fmt: skip
    _write(session, "瑶海区", district, ReviewState.APPROVED)
    _write(session, "合肥市", {(MATERNAL, 2024): 16.2}, ReviewState.SUBMITTED, "wjw")
    _write(session, "瑶海区", {(MATERNAL, 2024): 9.7}, ReviewState.SUBMITTED, "wjw")


@pytest.fixture
def queue_engine(database_kind, request):
    """A copy of a template database in `_queue`'s state."""
    with templated_database(request, "review-queue", _queue) as (url, _):
        engine = create_engine_for(url)
        yield engine
        engine.dispose()


def _by_region(engine) -> dict:
    with session_scope(engine) as session:
        return {item.item.region: item for item in review_items(session)}


def test_each_row_carries_its_context(queue_engine):
    rows = _by_region(queue_engine)
    city, district = rows["合肥市"], rows["瑶海区"]
    assert (city.item.indicator, city.item.year, city.item.value) == (MATERNAL, 2024, 16.2)
    assert city.unit == "每10万人" and city.department == "市卫健委"
    assert (city.baseline_year, city.baseline) == (2020, 8.02)  # the plan's own baseline
    assert (city.target, city.target_whose) == ("<14", None)
    assert (city.previous.year, city.previous.value) == (2023, 9.1)
    assert city.previous.change == pytest.approx(7.1)
    assert city.previous.percent == pytest.approx(0.78, abs=0.01)
    assert city.flagged and "+7.1（+78.0%）" in city.flags[0] and "较2023年" in city.flags[0]
    # A district shows its own baseline and says the target is the city's.
    assert district.baseline == 10.4 and district.target_whose == "合肥市"
    assert not district.flagged and district.history == ()


def test_a_range_rule_flags_a_value_outside_it(queue_engine):
    with session_scope(queue_engine) as session:
        set_range(session, plan="合肥市", indicator=MATERNAL, region=None, low=0, high=14,
                  author="planner")  # fmt: skip
        set_range(session, plan="合肥市", indicator=MATERNAL, region="瑶海区", low=0, high=9.5,
                  author="planner")  # fmt: skip
        assert [(r.region, r.high) for r in list_ranges(session, plan="合肥市")] == [
            (None, 14),
            ("瑶海区", 9.5),
        ]
    rows = _by_region(queue_engine)
    assert "超出设定范围：16.2 高于上限（范围 0–14，适用于全部地区）" in rows["合肥市"].flags
    assert rows["瑶海区"].flags == ("超出设定范围：9.7 高于上限（范围 0–9.5，适用于瑶海区）",)


def test_bad_ranges_are_refused_naming_the_field(queue_engine):
    with session_scope(queue_engine) as session:
        with pytest.raises(InputProblem) as upside_down:
            set_range(session, plan="合肥市", indicator=MATERNAL, region=None, low=20, high=14,
                      author="planner")  # fmt: skip
        assert upside_down.value.field == "min"
        with pytest.raises(InputProblem) as elsewhere:
            set_range(session, plan="合肥市", indicator=MATERNAL, region="崆峒区", low=0,
                      high=14, author="planner")  # fmt: skip
        assert elsewhere.value.field == "region"


def test_a_returned_value_shows_in_the_history_of_its_resubmission(queue_engine):
    city = _by_region(queue_engine)["合肥市"]
    with session_scope(queue_engine) as session:
        review(session, observation_id=city.item.observation_id, action=ReviewAction.RETURN,
               author="planner", reason="与统计公报不一致")  # fmt: skip
        _write(session, "合肥市", {(MATERNAL, 2024): 9.2}, ReviewState.SUBMITTED, "wjw")
    again = _by_region(queue_engine)["合肥市"]
    assert again.item.value == 9.2 and not again.flagged and again.returned_before
    returned = [step for step in again.history if step.state == "returned"]
    assert [(s.value, s.reason, s.author) for s in returned] == [
        (16.2, "与统计公报不一致", "planner")
    ]
    assert returned[0].at.utcoffset().total_seconds() == 8 * 3600  # Beijing time


def test_filters(queue_engine):
    with session_scope(queue_engine) as session:
        items = review_items(session)

    def kept(chosen):
        return sorted(i.item.region for i in items if chosen.keeps(i))

    assert kept(ReviewFilter(flagged_only=True)) == ["合肥市"]
    assert kept(ReviewFilter(department="市卫健委")) == ["合肥市", "瑶海区"]
    assert kept(ReviewFilter(department="市教育局")) == []
    assert kept(ReviewFilter(plan="合肥市", year=2024)) == ["合肥市", "瑶海区"]
    assert kept(ReviewFilter(year=2023)) == []


def test_a_queue_of_thousands_is_read_in_a_handful_of_queries(engine, capsys):
    """Every indicator of Hefei and Lu'an for the city and each district: 2020 approved,
    2021–2025 submitted — 2,780 rows; the number of queries does not grow with them."""
    expected = 0
    for city in ("合肥市", "六安市"):
        _plan(engine, city)
        with session_scope(engine) as session:
            plan = find_current_plan(session, region=city)
            names = [i.name for i in plan_parts.indicators_of(session, plan_id=plan.id)]
            districts = regions.ensure_known_children(session, region=plan.region)
            for number, place in enumerate([plan.region.name, *(r.name for r in districts)]):
                level = {name: 10.0 + n + number for n, name in enumerate(names)}
                values = {(name, y): level[name] * (1 + 0.02 * (y - 2020)) for name in names
                          for y in range(2020, 2026)}  # fmt: skip
                approved = {key: v for key, v in values.items() if key[1] == 2020}
                sent = {key: v for key, v in values.items() if key[1] > 2020}
                _write(session, place, approved, ReviewState.APPROVED, plan=city)
                _write(session, place, sent, ReviewState.SUBMITTED, plan=city)
                expected += len(sent)
    statements: list[str] = []

    def count(*args) -> None:
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", count)
    try:
        with session_scope(engine) as session:
            started = time.perf_counter()
            items = review_items(session)
            took = time.perf_counter() - started
    finally:
        event.remove(engine, "before_cursor_execute", count)
    with capsys.disabled():
        print(f"\nreview queue: {len(items)} rows, {len(statements)} queries, {took:.2f} s")
    assert len(items) == expected >= 2000
    assert len(statements) <= 15
    assert not any(item.flagged for item in items)  # 2 % a year is smooth


def test_range_rules_as_validation_takes_them(queue_engine):
    with session_scope(queue_engine) as session:
        set_range(session, plan="合肥市", indicator=MATERNAL, region="瑶海区", low=None,
                  high=12, author="planner")  # fmt: skip
        plan_id = find_current_plan(session, region="合肥市").id
        assert validation_ranges(session, plan_id=plan_id) == {(MATERNAL, "瑶海区"): (None, 12)}
