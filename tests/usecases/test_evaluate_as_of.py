"""Judging with the data as it stood at the end of a day (Beijing): only revisions approved
by then count, so an evaluation "按截至2026年6月30日已审核数据" can be reproduced later.

The revisions' approval times are set with an UPDATE: they are data, like the values.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import update

from minsheng.errors import InputProblem
from minsheng.store import session_scope
from minsheng.store.tables import ObservationRevision
from minsheng.usecases import import_observations
from minsheng.usecases.clock import day_end
from minsheng.usecases.plans import find_current_plan
from minsheng.usecases.read.evaluations import evaluate_plan
from minsheng.usecases.read.period import AsOfInFuture, checked_as_of, parsed_as_of

HEFEI = "合肥市"
DOCTORS = "每千常住人口执业(助理)医师数"  # 3.1 → 3.6


def record(engine, tmp_path: Path, value: float, approved_at: datetime) -> None:
    """Record Hefei's 2023 doctors and date every revision recorded now `approved_at`."""
    path = tmp_path / f"values-{value}.csv"
    path.write_text(f"地区,指标,年份,数值\n{HEFEI},{DOCTORS},2023,{value}\n", encoding="utf-8")
    with session_scope(engine) as session:
        newest = session.query(ObservationRevision.id).count()
        import_observations(session, path=path, region=HEFEI, author="统计局")
        session.flush()
        session.execute(
            update(ObservationRevision)
            .where(ObservationRevision.id > newest)
            .values(created_at=approved_at)
        )


@pytest.fixture
def database_url(hefei_database_url):
    """Every test here starts from the Hefei plan as imported (a copy of a template)."""
    return hefei_database_url


@pytest.fixture
def hefei(engine, tmp_path):
    """3.3 approved 2026-06-15, revised to 3.4 at 02:00 on 2026-07-01 Beijing (18:00 UTC
    on June 30th: the day is Beijing's)."""
    record(engine, tmp_path, 3.3, datetime(2026, 6, 15, 2, tzinfo=UTC))
    record(engine, tmp_path, 3.4, datetime(2026, 6, 30, 18, tzinfo=UTC))
    return engine


def doctors(engine, as_of: date | None) -> float | None:
    with session_scope(engine) as session:
        plan = find_current_plan(session, region=HEFEI)
        judged = evaluate_plan(session, plan_id=plan.id, year=2023, as_of=as_of)
        return next(e.value for e in judged.evaluations if e.name == DOCTORS and e.region == HEFEI)


def test_a_value_approved_on_july_1st_counts_from_that_day_on(hefei):
    assert doctors(hefei, date(2026, 6, 30)) == 3.3
    assert doctors(hefei, date(2026, 7, 1)) == 3.4
    assert doctors(hefei, None) == 3.4  # the value in force


def test_before_any_approval_there_is_no_value(hefei):
    assert doctors(hefei, date(2026, 6, 14)) is None


def test_the_day_ends_at_midnight_in_beijing():
    assert day_end(date(2026, 6, 30)) == datetime(2026, 6, 30, 16, tzinfo=UTC)


def test_a_future_or_malformed_date_is_refused_naming_the_field():
    now = datetime(2026, 6, 30, 17, tzinfo=UTC)  # 01:00 on July 1st in Beijing
    assert checked_as_of(date(2026, 7, 1), now) == date(2026, 7, 1)
    with pytest.raises(AsOfInFuture) as refused:
        checked_as_of(date(2026, 7, 2), now)
    assert refused.value.field == "as_of" and "2026-07-02" in refused.value.message
    with pytest.raises(InputProblem) as malformed:
        parsed_as_of("2026-13-01")
    assert malformed.value.field == "as_of" and "YYYY-MM-DD" in malformed.value.message
