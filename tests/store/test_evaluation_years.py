"""The year an evaluation defaults to: each plan's newest year in its period with a number
in force, checked against a plain Python answer over random data on both databases."""

from __future__ import annotations

import random

from sqlalchemy import select

from minsheng.model.observation import ReviewState, Source
from minsheng.model.plan import Period
from minsheng.store import session_scope
from minsheng.store.repositories import evaluation_years, observations
from minsheng.store.repositories.observations import NewRevision
from minsheng.store.tables import Indicator, Observation, Plan
from minsheng.usecases import import_plan

DEPARTMENT = Source.DEPARTMENT.value


def _plans(engine, hefei_plan):
    """合肥's plan (2021–2025) and a copy for another city over 2026–2030."""
    later = hefei_plan.model_copy(
        update={
            "plan": hefei_plan.plan.model_copy(
                update={"region": "示例市", "period": Period(start=2026, end=2030)}
            ),
            "source": "later.txt",
        }
    )
    with session_scope(engine) as session:
        return [import_plan(session, p, author="tester").plan_id for p in (hefei_plan, later)]


def _random_values(engine, plan_ids: list[int], rng: random.Random) -> None:
    """Numbers, missing numbers and drafts for random indicators and years 2016–2031."""
    with session_scope(engine) as session:
        rows = session.execute(
            select(Indicator.id, Plan.region_id)
            .join(Plan, Plan.id == Indicator.plan_id)
            .where(Plan.id.in_(plan_ids))
        ).all()
        for state in (ReviewState.APPROVED, ReviewState.DRAFT):
            picked = rng.sample(rows, 12)
            years = [rng.randint(2016, 2031) for _ in picked]
            numbers = [rng.choice([1.0, 2.5, None]) for _ in picked]
            revisions = [
                NewRevision((i, r, year), number, DEPARTMENT)
                for (i, r), year, number in zip(picked, years, numbers, strict=True)
            ]
            observations.add_revisions(session, revisions=revisions, state=state, author="t")


def _expected(engine, plan_ids: list[int]) -> dict[int, int]:
    with session_scope(engine, writes=False) as session:
        found = session.execute(
            select(Plan.id, Plan.period_start, Plan.period_end, Observation.year)
            .join(Indicator, Indicator.plan_id == Plan.id)
            .join(Observation, Observation.indicator_id == Indicator.id)
            .where(Plan.id.in_(plan_ids), Observation.current_value.is_not(None))
        ).all()
    latest: dict[int, int] = {}
    for plan_id, start, end, year in found:
        if start <= year <= end:
            latest[plan_id] = max(year, latest.get(plan_id, year))
    return latest


def test_latest_years_match_a_plain_answer(engine, hefei_plan):
    plan_ids = _plans(engine, hefei_plan)
    rng = random.Random(20261202)
    for _ in range(4):
        _random_values(engine, plan_ids, rng)
        expected = _expected(engine, plan_ids)
        with session_scope(engine, writes=False) as session:
            assert evaluation_years.latest_data_years(session) == expected
            for plan_id in plan_ids:
                one = evaluation_years.latest_data_years(session, plan_ids=[plan_id])
                assert one == {k: v for k, v in expected.items() if k == plan_id}


def test_no_plans_no_years(engine):
    with session_scope(engine, writes=False) as session:
        assert evaluation_years.latest_data_years(session) == {}
        assert evaluation_years.latest_data_years(session, plan_ids=[]) == {}
