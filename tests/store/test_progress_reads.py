"""Each indicator's progress in each region reads the same whether the plans are named by
id (a seek per pair) or asked for as every current plan (on PostgreSQL one pass over the
observations' in-force key), and both match the numbers as stored: the newest finite
number after the base year and at or before the year judged, and the sum of those years
for totals. The values include nulls, NaN, infinities and years on both sides of the
window, in a plan's own region and in districts under it."""

from __future__ import annotations

import math
import random

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from tests.conftest import database_with

from minsheng.data.bundled import bundled_plans
from minsheng.store import session_scope
from minsheng.store.repositories import indicator_facts, progress
from minsheng.store.tables import Indicator, Observation, Plan, Region
from minsheng.usecases import import_plan

YEARS = range(2019, 2028)
KEY = (Observation.indicator_id, Observation.region_id, Observation.year)
ODD_VALUES = (None, math.nan, math.inf, -math.inf)
WINDOWS = ((2020, 2025), (2020, 2023), (2021, 2022), (2025, 2030), (2026, 2030))


def _observed(session: Session) -> None:
    """Two plans, the first with two districts under its region, and random values."""
    wanted = {"合肥市", "六安市"}
    imported = [import_plan(session, p, author="tester").plan_id
                for p in bundled_plans() if p.plan.region in wanted]  # fmt: skip
    first = session.get(Plan, imported[0])
    assert first is not None
    session.add_all(Region(code=code, name=name, level="district", parent_id=first.region_id)
                    for code, name in (("340198", "甲区"), ("340199", "乙区")))  # fmt: skip
    session.flush()
    pick = random.Random(20261203)
    stored = {tuple(row) for row in session.execute(select(*KEY))}  # the plans' own baselines

    def value() -> float | None:
        return pick.choice(ODD_VALUES) if pick.random() < 0.2 else round(pick.uniform(-50, 500), 3)

    session.add_all(
        Observation(indicator_id=indicator, region_id=region, year=year, current_value=value())
        for indicator, region in sorted(_pairs(session))
        for year in YEARS
        if pick.random() < 0.7 and (indicator, region, year) not in stored
    )


def _pairs(session: Session) -> set[tuple[int, int]]:
    """(indicator id, region id) of each plan's indicators in its region and districts."""
    regions = (
        select(Plan.id.label("plan_id"), Region.id.label("region_id"))
        .join(Region, (Region.id == Plan.region_id) | (Region.parent_id == Plan.region_id))
        .subquery()
    )
    query = select(Indicator.id, regions.c.region_id).join(
        regions, Indicator.plan_id == regions.c.plan_id
    )
    return {(row[0], row[1]) for row in session.execute(query)}


database_url = database_with("progress-values", _observed)


def _expected(session: Session, after: int, as_of: int) -> dict[tuple[int, int], tuple]:
    """The oracle: each pair's newest finite number in the window, and its sum, by hand."""
    totalled = {i.id: i.fact_cumulative is not False for i in session.scalars(select(Indicator))}
    numbers: dict[tuple[int, int], list[tuple[int, float]]] = {}
    for o in session.scalars(select(Observation).order_by(Observation.year)):
        value = o.current_value
        if after < o.year <= as_of and value is not None and math.isfinite(value):
            numbers.setdefault((o.indicator_id, o.region_id), []).append((o.year, value))
    found = {}
    for pair in _pairs(session):
        kept = numbers.get(pair, [])
        year, value = kept[-1] if kept else (None, None)
        total = sum(v for _, v in kept) if kept else None
        found[pair] = (year, value, total if totalled[pair[0]] else None)
    return found


def _by_pair(rows: list[progress.ProgressRow]) -> dict[tuple[int, int], tuple]:
    by_pair = {(row[1], row[2]): row[3:] for row in rows}
    assert len(by_pair) == len(rows)
    return by_pair


@pytest.mark.parametrize(("after", "as_of"), WINDOWS)
def test_every_current_plan_reads_what_the_plans_by_id_read(engine, after, as_of):
    with session_scope(engine, writes=False) as session:
        ids = list(session.scalars(select(Plan.id).where(Plan.is_current)))
        every = progress.progress(session, plan_ids=None, after_year=after, as_of=as_of)
        by_id = progress.progress(session, plan_ids=ids, after_year=after, as_of=as_of)
        expected = _expected(session, after, as_of)
    assert _by_pair(every) == _by_pair(by_id)
    found = _by_pair(every)
    assert found.keys() == expected.keys()
    for pair, (year, value, total) in expected.items():
        assert found[pair][:2] == (year, value), pair
        assert found[pair][2] == (None if total is None else pytest.approx(total)), pair
    years = {year is None for year, _, _ in expected.values()}
    assert years == {True, False}, "the values give pairs with and without a number"


def test_the_indicators_columns_come_along_when_asked(engine):
    """With `judged`, each row also carries its indicator's position and judged numbers,
    the same `judged_numbers` reads on its own; the progress columns are unchanged."""
    asked = indicator_facts.JudgedAsked({"higher_is_better": 0, "lower_is_better": 1}, {})
    with session_scope(engine, writes=False) as session:
        plain = progress.progress(session, plan_ids=None, after_year=2020, as_of=2025)
        rows = progress.progress(session, plan_ids=None, after_year=2020, as_of=2025, judged=asked)
        alone = indicator_facts.judged_numbers(session, plan_ids=None, asked=asked)
        positions = {
            row[0]: row[1] for row in session.execute(select(Indicator.id, Indicator.position))
        }
    width = len(plain[0])
    assert sorted(row[:width] for row in rows if row[3] is not None) == sorted(
        row for row in plain if row[3] is not None
    )
    numbers = {row[0]: tuple(row[2:]) for row in alone}
    for row in rows:
        assert row[width] == positions[row[1]]
        assert tuple(row[width + 1 :]) == numbers[row[1]]
    assert len({row[1] for row in rows}) == len(alone)
