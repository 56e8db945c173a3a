"""An observation's indicator and region, and a revision's observation, are kept alike on
both databases: by foreign keys on SQLite, by triggers that check a statement's rows at
once on PostgreSQL (migrations 0025 and 0026). Every rule a foreign key kept is tried
here, through the paths that write rows."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import psycopg
import pytest
from sqlalchemy import Engine, delete, func, select, text, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session
from tests.conftest import database_with

from minsheng.data.bundled import bundled_plans
from minsheng.model.observation import ReviewState, Source
from minsheng.store import session_scope
from minsheng.store.repositories import bulk, observations
from minsheng.store.repositories.observations import NewRevision
from minsheng.store.tables import Indicator, Observation, ObservationRevision, Plan, Region
from minsheng.store.tables.observations import TRIGGER_KEPT_KEYS
from minsheng.usecases import import_plan

MISSING = 987_654_321
OBSERVATIONS = Observation.__table__
REVISIONS = ObservationRevision.__table__
COLUMNS = ("id", "indicator_id", "region_id", "year")


def _observed(session: Session) -> None:
    """Hefei's plan with two values of its first indicator, and two districts of which
    only one has a value: no plan refers to either, so only observations hold them."""
    hefei = next(p for p in bundled_plans() if p.plan.region == "合肥市")
    plan = session.get(Plan, import_plan(session, hefei, author="tester").plan_id)
    assert plan is not None
    districts = [Region(code=code, name=name, level="district", parent_id=plan.region_id)
                 for code, name in (("340198", "有观测区"), ("340199", "无观测区"))]  # fmt: skip
    session.add_all(districts)
    session.flush()
    first = session.scalars(
        select(Indicator.id).where(Indicator.plan_id == plan.id).order_by(Indicator.position)
    ).first()
    keys = [(first, plan.region_id, 2021), (first, plan.region_id, 2022),
            (first, districts[0].id, 2021)]  # fmt: skip
    revisions = [NewRevision(key, 1.0, Source.DEPARTMENT.value) for key in keys]
    observations.add_revisions(session, revisions=revisions, state=ReviewState.APPROVED,
                               author="tester")  # fmt: skip


database_url = database_with("observed-hefei", _observed)


@pytest.fixture
def ids(engine: Engine) -> dict[str, int]:
    with session_scope(engine, writes=False) as session:
        named = {name: id_ for name, id_ in session.execute(select(Region.name, Region.id))}
        indicator = session.scalar(select(func.min(Observation.indicator_id)))
        other = session.scalar(select(func.min(Indicator.id)).where(Indicator.id != indicator))
    assert indicator is not None and other is not None
    return {"indicator": indicator, "other": other, "region": named["合肥市"],
            "observed": named["有观测区"], "unobserved": named["无观测区"]}  # fmt: skip


def _bulk_insert(engine: Engine, indicator: int, region: int) -> None:
    """A new observation through the bulk path (COPY on PostgreSQL)."""
    with session_scope(engine) as session:
        [new_id] = bulk.next_ids(session, OBSERVATIONS, 1)
        bulk.insert_rows(session, OBSERVATIONS, COLUMNS, [(new_id, indicator, region, 2030)])


REFUSED = (IntegrityError, psycopg.IntegrityError)
"""The bulk path hands rows to the driver: its error arrives unwrapped."""


def _refused(error: Exception, key: str) -> None:
    """PostgreSQL names the key as its own foreign key would; SQLite names none."""
    driver_error = getattr(error, "orig", error)
    constraint = getattr(getattr(driver_error, "diag", None), "constraint_name", key)
    assert constraint == key


def _count(engine: Engine, *where: object) -> int:
    with session_scope(engine, writes=False) as session:
        return session.scalar(select(func.count()).select_from(Observation).where(*where)) or 0


def test_the_declared_keys_are_the_ones_kept_by_triggers():
    tables = (OBSERVATIONS, REVISIONS)
    declared = {key.name for table in tables for key in table.foreign_key_constraints}
    assert declared >= TRIGGER_KEPT_KEYS


def test_a_bulk_insert_naming_a_missing_indicator_or_region_is_refused(engine, ids):
    before = _count(engine)
    with pytest.raises(REFUSED) as missing_indicator:
        _bulk_insert(engine, MISSING, ids["region"])
    _refused(missing_indicator.value, "fk_observations_indicator_id_indicators")
    with pytest.raises(REFUSED) as missing_region:
        _bulk_insert(engine, ids["indicator"], MISSING)
    _refused(missing_region.value, "fk_observations_region_id_regions")
    assert _count(engine) == before
    _bulk_insert(engine, ids["indicator"], ids["region"])
    assert _count(engine) == before + 1


def test_an_orm_insert_naming_a_missing_region_is_refused(engine, ids):
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        session.add(Observation(indicator_id=ids["indicator"], region_id=MISSING, year=2030))


def test_moving_an_observation_to_a_missing_region_is_refused_and_to_a_real_one_allowed(
    engine, ids
):
    moved = update(Observation).where(Observation.region_id == ids["observed"])
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        session.execute(moved.values(region_id=MISSING))
    with session_scope(engine) as session:
        session.execute(moved.values(region_id=ids["unobserved"]))
    assert _count(engine, Observation.region_id == ids["unobserved"]) == 1


def _revisions_of(engine: Engine, indicator: int) -> tuple[int, int]:
    """The indicator's revisions, and the revisions whose observation is gone."""
    with session_scope(engine, writes=False) as session:
        of_indicator = select(func.count()).select_from(ObservationRevision).join(Observation)
        orphan = select(func.count()).select_from(ObservationRevision).where(
            ~select(Observation.id).where(Observation.id == ObservationRevision.observation_id)
            .exists()
        )  # fmt: skip
        found = session.scalar(of_indicator.where(Observation.indicator_id == indicator))
        return found or 0, session.scalar(orphan) or 0


def test_deleting_an_indicator_deletes_its_observations_and_their_revisions(engine, ids):
    assert _count(engine, Observation.indicator_id == ids["indicator"]) >= 3
    assert _revisions_of(engine, ids["indicator"])[0] >= 3
    with session_scope(engine) as session:
        session.execute(text("DELETE FROM indicators WHERE id = :id"), {"id": ids["indicator"]})
    assert _count(engine, Observation.indicator_id == ids["indicator"]) == 0
    assert _revisions_of(engine, ids["indicator"]) == (0, 0)


def test_deleting_an_observed_region_is_refused_and_an_unobserved_one_allowed(engine, ids):
    before = _count(engine)
    with pytest.raises(IntegrityError) as refused, session_scope(engine) as session:
        session.execute(delete(Region).where(Region.id == ids["observed"]))
    _refused(refused.value, "fk_observations_region_id_regions")
    with session_scope(engine) as session:
        session.execute(delete(Region).where(Region.id == ids["unobserved"]))
    assert _count(engine) == before
    assert _count(engine, Observation.region_id == ids["observed"]) == 1


@pytest.mark.parametrize("table", ["indicators", "regions"])
def test_the_id_of_an_observed_indicator_or_region_cannot_change(engine, ids, table):
    observed = ids["indicator" if table == "indicators" else "observed"]
    column = Observation.indicator_id if table == "indicators" else Observation.region_id
    before = _count(engine, column == observed)
    statement = text(f"UPDATE {table} SET id = :new WHERE id = :old")
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        session.execute(statement, {"new": MISSING, "old": observed})
    assert _count(engine, column == observed) == before > 0


def test_a_write_locks_its_indicator_against_deletion_until_it_commits(engine, ids):
    """As a foreign key does (FOR KEY SHARE): a delete racing an uncommitted insert waits,
    then deletes the rows the insert committed, leaving none that refer to nothing."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time: nothing to race")
    indicator = ids["other"]
    writer = engine.connect()
    writer.begin()
    writer.execute(
        OBSERVATIONS.insert().values(indicator_id=indicator, region_id=ids["region"], year=2030)
    )
    with engine.connect() as deleter:
        deleter.begin()
        deleter.execute(text("SET LOCAL lock_timeout = '300ms'"))
        with pytest.raises(OperationalError, match="lock timeout"):
            deleter.execute(text("DELETE FROM indicators WHERE id = :id"), {"id": indicator})
    waited = threading.Event()

    def delete_indicator() -> None:
        with engine.begin() as deleter:
            waited.set()
            deleter.execute(text("DELETE FROM indicators WHERE id = :id"), {"id": indicator})

    racer = threading.Thread(target=delete_indicator)
    racer.start()
    waited.wait(timeout=10)
    writer.commit()
    writer.close()
    racer.join(timeout=30)
    assert _count(engine, Observation.indicator_id == indicator) == 0


def _bulk_revision(engine: Engine, observation: int) -> None:
    """A new revision through the bulk path (COPY on PostgreSQL)."""
    row = (observation, 2.0, "2", "部门报送", "approved", "tester", datetime.now(UTC))
    columns = ("id", "observation_id", "value", "raw", "source", "state", "author", "created_at")
    with session_scope(engine) as session:
        [new_id] = bulk.next_ids(session, REVISIONS, 1)
        bulk.insert_rows(session, REVISIONS, columns, [(new_id, *row)])


def _revision_count(engine: Engine) -> int:
    with session_scope(engine, writes=False) as session:
        return session.scalar(select(func.count()).select_from(ObservationRevision)) or 0


def _an_observation(engine: Engine, region: int) -> int:
    with session_scope(engine, writes=False) as session:
        found = session.scalar(
            select(func.min(Observation.id)).where(Observation.region_id == region)
        )
    assert found is not None
    return found


def test_a_revision_of_a_missing_observation_is_refused(engine, ids):
    before = _revision_count(engine)
    with pytest.raises(REFUSED) as missing:
        _bulk_revision(engine, MISSING)
    _refused(missing.value, "fk_observation_revisions_observation_id_observations")
    assert _revision_count(engine) == before
    _bulk_revision(engine, _an_observation(engine, ids["observed"]))
    assert _revision_count(engine) == before + 1


def test_a_revision_cannot_move_to_a_missing_observation(engine, ids):
    observation = _an_observation(engine, ids["observed"])
    moved = update(ObservationRevision).where(ObservationRevision.observation_id == observation)
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        session.execute(moved.values(observation_id=MISSING))


def test_the_id_of_an_observation_with_revisions_cannot_change(engine, ids):
    observation = _an_observation(engine, ids["observed"])
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        session.execute(update(Observation).where(Observation.id == observation)
                        .values(id=MISSING))  # fmt: skip


def test_on_postgresql_an_observation_goes_only_with_its_indicator(engine, ids):
    """Values are history: a revision's check locks the indicator, not each observation,
    which holds only while nothing deletes an observation apart from its indicator."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite keeps the foreign key and locks nothing")
    observation = _an_observation(engine, ids["observed"])
    with (
        pytest.raises(IntegrityError, match="only with its indicator"),
        session_scope(engine) as session,
    ):
        session.execute(delete(Observation).where(Observation.id == observation))
    assert _count(engine, Observation.id == observation) == 1


def test_a_revision_locks_its_indicator_against_deletion_until_it_commits(engine, ids):
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time: nothing to race")
    observation = _an_observation(engine, ids["observed"])
    with engine.connect() as writer:
        writer.begin()
        writer.execute(REVISIONS.insert().values(
            observation_id=observation, value=3.0, source="部门报送", state="approved",
            author="tester", created_at=datetime.now(UTC)))  # fmt: skip
        with engine.connect() as deleter:
            deleter.begin()
            deleter.execute(text("SET LOCAL lock_timeout = '300ms'"))
            with pytest.raises(OperationalError, match="lock timeout"):
                deleter.execute(text("DELETE FROM indicators WHERE id = :id"),
                                {"id": ids["indicator"]})  # fmt: skip
        writer.commit()
    with session_scope(engine) as session:
        session.execute(text("DELETE FROM indicators WHERE id = :id"), {"id": ids["indicator"]})
    assert _revisions_of(engine, ids["indicator"]) == (0, 0)
