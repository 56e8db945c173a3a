"""Observation values are only ever added; the current one is the latest approved."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from minsheng.model.observation import ReviewState, Source
from minsheng.store import session_scope
from minsheng.store.repositories import observations
from minsheng.store.repositories.observations import current_values
from minsheng.store.tables import Indicator, ObservationRevision, Plan
from minsheng.usecases import import_plan


@pytest.fixture
def plan(engine, hefei_plan):
    with session_scope(engine) as session:
        return import_plan(session, hefei_plan, author="tester")


def first_indicator(session, plan_id):
    return session.scalars(
        select(Indicator).where(Indicator.plan_id == plan_id).order_by(Indicator.position)
    ).first()


def report(session, observation_id, value, state, author="教育局"):
    return observations.add_revision(
        session,
        observation_id=observation_id,
        value=value,
        source=Source.DEPARTMENT,
        state=state,
        author=author,
    )


def test_revisions_never_overwrite_and_the_latest_approved_is_current(engine, plan):
    with session_scope(engine) as session:
        indicator = first_indicator(session, plan.plan_id)
        observation = observations.get_or_add_observation(
            session, indicator_id=indicator.id, region_id=_region_of(session, plan), year=2021
        )
        report(session, observation.id, 1.5, ReviewState.SUBMITTED)
        first = report(session, observation.id, 1.6, ReviewState.APPROVED)
        report(session, observation.id, 1.7, ReviewState.SUBMITTED)
        report(session, observation.id, 9.9, ReviewState.RETURNED)
    with session_scope(engine) as session:
        key = (indicator.id, observation.region_id, 2021)
        assert current_values(session, plan_id=plan.plan_id)[key].value == 1.6
        assert current_values(session, plan_id=plan.plan_id)[key].revision_id == first.id
        history = observations.revisions(session, observation_id=observation.id)
        assert [(r.value, r.state) for r in history] == [
            (1.5, "submitted"),
            (1.6, "approved"),
            (1.7, "submitted"),
            (9.9, "returned"),
        ]
        later = report(session, observation.id, 1.8, ReviewState.APPROVED, author="发改委")
    with session_scope(engine) as session:
        current = current_values(session, plan_id=plan.plan_id)[key]
        assert (current.value, current.revision_id, current.source) == (1.8, later.id, "部门报送")
        assert session.get(ObservationRevision, first.id).value == 1.6  # still there, unchanged


def test_one_observation_per_indicator_region_and_year(engine, plan):
    with session_scope(engine) as session:
        indicator = first_indicator(session, plan.plan_id)
        region_id = _region_of(session, plan)
        first = observations.get_or_add_observation(
            session, indicator_id=indicator.id, region_id=region_id, year=2022
        )
        again = observations.get_or_add_observation(
            session, indicator_id=indicator.id, region_id=region_id, year=2022
        )
        assert first.id == again.id


def test_unapproved_observations_have_no_current_value(engine, plan):
    with session_scope(engine) as session:
        indicator = first_indicator(session, plan.plan_id)
        observation = observations.get_or_add_observation(
            session, indicator_id=indicator.id, region_id=_region_of(session, plan), year=2023
        )
        report(session, observation.id, 2.0, ReviewState.DRAFT)
        key = (indicator.id, observation.region_id, 2023)
        assert key not in current_values(session, plan_id=plan.plan_id)


def test_an_unknown_state_is_refused(engine, plan):
    with session_scope(engine) as session:
        indicator = first_indicator(session, plan.plan_id)
        observation = observations.get_or_add_observation(
            session, indicator_id=indicator.id, region_id=_region_of(session, plan), year=2024
        )
        with pytest.raises(ValueError, match="published"):
            report(session, observation.id, 1.0, "published")


def _region_of(session, plan):
    return session.get(Plan, plan.plan_id).region_id
