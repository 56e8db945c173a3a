"""Writers racing on PostgreSQL, with real threads: each race has exactly one winner where
the workflow allows one, an unbroken audit chain where every writer wins in turn, and no
500-style failure (unique violation) when several writers create the same observation.

SQLite takes its write lock at BEGIN, so it cannot race this way; those runs are skipped.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import Engine, select

from minsheng.collect import RawRecord
from minsheng.data.bundled import bundled_plans
from minsheng.errors import Conflict
from minsheng.model.observation import ReviewAction, ReviewState
from minsheng.store import session_scope
from minsheng.store.repositories import audit, observations
from minsheng.store.tables import Indicator, KeyProject, Observation, ServiceItem
from minsheng.usecases import import_plan
from minsheng.usecases.observations import record_observations
from minsheng.usecases.plans import find_current_plan
from minsheng.usecases.projects import update_project
from minsheng.usecases.review import review, review_queue
from minsheng.usecases.standards.edits import edit_item

RACE_TIMEOUT = 120  # seconds for every thread of one race
FIELDS = {"region": "region", "indicator": "indicator", "year": "year", "value": "value"}


@pytest.fixture
def pg(engine: Engine) -> Engine:
    """合肥's plan on PostgreSQL (SQLite serialises writers, so it is skipped)."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time: nothing to race")
    with session_scope(engine) as session:
        hefei = next(p for p in bundled_plans() if p.plan.region == "合肥市")
        import_plan(session, hefei, author="规划处")
    return engine


def race(count: int, work: Callable[[int], object]) -> list[object]:
    """Run `work(i)` for i < count at once (released together); each result or exception."""
    start = threading.Barrier(count)

    def one(number: int) -> object:
        start.wait(timeout=RACE_TIMEOUT)
        try:
            return work(number)
        except Exception as error:  # the race's outcome, checked by the test
            return error

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(one, range(count), timeout=RACE_TIMEOUT))


def record(engine: Engine, *, indicator: str, year: int, value: str, draft: bool = True) -> None:
    row = {"region": "合肥市", "indicator": indicator, "year": str(year), "value": value}
    with session_scope(engine) as session:
        record_observations(
            session,
            records=[RawRecord("race", None, 1, row, FIELDS)],
            region="合肥市",
            author="卫健委",
            draft=draft,
        )


def submitted(engine: Engine, year: int) -> int:
    """An observation of 人均预期寿命 for `year`, recorded as a draft and submitted."""
    record(engine, indicator="人均预期寿命", year=year, value="80.5")
    with session_scope(engine) as session:
        (item,) = [
            i
            for i in review_queue(session, region="合肥市", state=ReviewState.DRAFT)
            if i.observation.year == year
        ]
        review(
            session, observation_id=item.observation.id, action=ReviewAction.SUBMIT, author="卫健委"
        )
        return item.observation.id


@pytest.mark.parametrize("year", [2022, 2023, 2024])
def test_twenty_reviewers_at_once_make_exactly_one_transition(pg, year):
    observation_id = submitted(pg, year)

    def act(number: int) -> object:
        action = ReviewAction.APPROVE if number % 2 else ReviewAction.RETURN
        with session_scope(pg) as session:
            return review(
                session,
                observation_id=observation_id,
                action=action,
                author=f"审核员{number}",
                reason="请核实",
            )

    outcomes = race(20, act)
    moved = [o for o in outcomes if isinstance(o, ReviewState)]
    refused = [o for o in outcomes if isinstance(o, Conflict)]
    assert len(moved) == 1 and len(refused) == 19, outcomes
    with session_scope(pg) as session:
        states = [r.state for r in observations.revisions(session, observation_id=observation_id)]
    assert states == ["draft", "submitted", moved[0].value]


def assert_chain(entries: list, before: Callable, after: Callable, first: object) -> None:
    """Each audit entry's "before" is the previous entry's "after"."""
    expected = first
    for entry in entries:
        assert before(entry.detail) == expected, entry.detail
        expected = after(entry.detail)


def test_fifty_concurrent_standards_edits_keep_the_audit_chain(pg):
    with session_scope(pg) as session:
        item_id = session.scalars(select(ServiceItem.id).order_by(ServiceItem.id)).first()
        initial = session.get(ServiceItem, item_id).content

    def edit(number: int) -> object:
        with session_scope(pg) as session:
            return edit_item(
                session,
                item_id=item_id,
                fields={"content": f"第{number}版"},
                author=f"编辑{number}",
            )

    outcomes = race(50, edit)
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    with session_scope(pg) as session:
        entries = [
            e for e in audit.entries(session, entity="service_item") if e.entity_id == item_id
        ]
        final = session.get(ServiceItem, item_id).content
    assert len(entries) == 50
    assert_chain(
        entries,
        lambda d: d["changed"]["content"]["before"],
        lambda d: d["changed"]["content"]["after"],
        initial,
    )
    assert entries[-1].detail["changed"]["content"]["after"] == final


def test_fifty_concurrent_project_updates_keep_the_audit_chain(pg):
    with session_scope(pg) as session:
        project = session.scalars(select(KeyProject).order_by(KeyProject.id)).first()
        project_id, initial = project.id, project.progress

    def update(number: int) -> object:
        with session_scope(pg) as session:
            return update_project(
                session,
                project_id=project_id,
                status="in_progress",
                progress=number,
                note=None,
                author=f"规划{number}",
            )

    outcomes = race(50, update)
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    with session_scope(pg) as session:
        entries = [
            e for e in audit.entries(session, entity="key_project") if e.entity_id == project_id
        ]
        final = session.get(KeyProject, project_id).progress
    assert len(entries) == 50
    assert_chain(
        entries, lambda d: d["before"]["progress"], lambda d: d["after"]["progress"], initial
    )
    assert entries[-1].detail["after"]["progress"] == final


@pytest.mark.parametrize("draft", [True, False])
def test_creating_one_new_observation_at_once_never_fails(pg, draft):
    def create(number: int) -> object:
        record(pg, indicator="人均预期寿命", year=2023, value=str(70 + number), draft=draft)
        return number

    outcomes = race(12, create)
    assert outcomes == list(range(12)), outcomes
    with session_scope(pg) as session:
        plan = find_current_plan(session, region="合肥市")
        ids = session.scalars(
            select(Observation.id)
            .join(Indicator, Indicator.id == Observation.indicator_id)
            .where(
                Indicator.plan_id == plan.id,
                Indicator.name == "人均预期寿命",
                Observation.year == 2023,
                Observation.region_id == plan.region_id,
            )
        ).all()
        assert len(ids) == 1
        history = observations.revisions(session, observation_id=ids[0])
        stored = session.get(Observation, ids[0])
    newest = max(history, key=lambda r: r.id)
    assert stored.latest_revision_id == newest.id  # whichever writer committed last
    if not draft:
        assert (stored.current_revision_id, stored.current_value) == (newest.id, newest.value)
    assert sorted(r.value for r in history) == [70.0 + n for n in range(12)]
