"""Revisions added in bulk: observations created on the way, pointers moved, ids in step."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from minsheng.model.observation import ReviewState, Source
from minsheng.store import session_scope
from minsheng.store.repositories import observations
from minsheng.store.repositories.observations import NewRevision
from minsheng.store.tables import Indicator, Observation, Plan
from minsheng.usecases import import_plan

DEPARTMENT = Source.DEPARTMENT.value


@pytest.fixture
def keys(engine, hefei_plan):
    """Three observation keys of Hefei's first indicator: 2021, 2022, 2023."""
    with session_scope(engine) as session:
        result = import_plan(session, hefei_plan, author="tester")
        plan = session.get(Plan, result.plan_id)
        indicator = session.scalars(
            select(Indicator).where(Indicator.plan_id == plan.id).order_by(Indicator.position)
        ).first()
        return [(indicator.id, plan.region_id, year) for year in (2021, 2022, 2023)]


def pointers(session, key) -> tuple[int | None, int | None, float | None]:
    observation = session.scalar(
        select(Observation).where(
            Observation.indicator_id == key[0],
            Observation.region_id == key[1],
            Observation.year == key[2],
        )
    )
    return (
        observation.latest_revision_id,
        observation.current_revision_id,
        observation.current_value,
    )


def test_new_observations_point_at_their_last_revision(engine, keys):
    with session_scope(engine) as session:
        ids = observations.add_revisions(
            session,
            revisions=[
                NewRevision(keys[0], 1.0, DEPARTMENT),
                NewRevision(keys[1], 2.0, DEPARTMENT, unit="人", note="口径"),
                NewRevision(keys[0], 1.5, DEPARTMENT),  # the same observation again: newer
            ],
            state=ReviewState.APPROVED,
            author="卫健委",
        )
    assert ids == sorted(ids) and len(set(ids)) == 3
    with session_scope(engine) as session:
        assert pointers(session, keys[0]) == (ids[2], ids[2], 1.5)
        assert pointers(session, keys[1]) == (ids[1], ids[1], 2.0)
        found = observations.observations_by_key(session, keys=keys)
        assert set(found) == {keys[0], keys[1]}
        history = observations.revisions(session, observation_id=found[keys[0]])
        assert [(r.value, r.author, r.state) for r in history] == [
            (1.0, "卫健委", "approved"),
            (1.5, "卫健委", "approved"),
        ]
        stamped = history[0].created_at.replace(tzinfo=history[0].created_at.tzinfo or UTC)
        assert abs(stamped - datetime.now(UTC)) < timedelta(minutes=5)


def test_drafts_move_the_latest_pointer_only_and_loaded_objects_see_it(engine, keys):
    with session_scope(engine) as session:
        (approved,) = observations.add_revisions(
            session,
            revisions=[NewRevision(keys[2], 7.0, DEPARTMENT)],
            state=ReviewState.APPROVED,
            author="a",
        )
    with session_scope(engine) as session:
        loaded = session.get(
            Observation, observations.observations_by_key(session, keys=keys)[keys[2]]
        )
        assert loaded.latest_revision_id == approved
        (draft,) = observations.add_revisions(
            session,
            revisions=[NewRevision(keys[2], 8.0, DEPARTMENT)],
            state=ReviewState.DRAFT,
            author="b",
        )
        assert (loaded.latest_revision_id, loaded.current_revision_id) == (draft, approved)
        assert loaded.current_value == 7.0  # a draft leaves the value in force alone
        newest = observations.newest_in_state
        assert newest(session, keys=keys, state=ReviewState.APPROVED) == {
            keys[2]: (7.0, None, DEPARTMENT)
        }
        assert newest(session, keys=keys, state=ReviewState.DRAFT) == {
            keys[2]: (8.0, None, DEPARTMENT)
        }
        single = observations.add_revision(
            session,
            observation_id=loaded.id,
            value=8.0,
            source=Source.DEPARTMENT,
            state=ReviewState.SUBMITTED,
            author="b",
        )
        assert single.id > draft  # the database's own ids carry on after the bulk ones
        approving = observations.add_revision(
            session,
            observation_id=loaded.id,
            value=9.0,
            source=Source.DEPARTMENT,
            state=ReviewState.APPROVED,
            author="c",
        )
        assert pointers(session, keys[2]) == (approving.id, approving.id, 9.0)
