"""Observations and their revisions: values are added, never overwritten.

Every change — a report, a correction, an approval, a return — is a new revision row. The
current value of an observation is its latest approved revision, so an approved value stays
in force while a newer one waits for review.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from minsheng.model.observation import ReviewState, Source
from minsheng.store.tables import Indicator, Observation, ObservationRevision, Region

ObservationKey = tuple[int, int, int]
"""(indicator_id, region_id, year)."""


@dataclass(frozen=True)
class CurrentValue:
    """The value in force for one indicator, region and year, and the revision it is from."""

    indicator_id: int
    region_id: int
    year: int
    value: float | None
    unit: str | None
    source: str
    revision_id: int


def get_or_add_observation(
    session: Session, *, indicator_id: int, region_id: int, year: int
) -> Observation:
    """The observation for this indicator, region and year, added if there is none yet."""
    found = session.scalar(
        select(Observation).where(
            Observation.indicator_id == indicator_id,
            Observation.region_id == region_id,
            Observation.year == year,
        )
    )
    if found is not None:
        return found
    observation = Observation(indicator_id=indicator_id, region_id=region_id, year=year)
    session.add(observation)
    session.flush()
    return observation


def add_revision(
    session: Session,
    *,
    observation_id: int,
    value: float | None,
    source: Source,
    state: ReviewState,
    author: str,
    raw: str | None = None,
    unit: str | None = None,
    reason: str | None = None,
    note: str | None = None,
) -> ObservationRevision:
    """Add one revision; earlier revisions are left exactly as they were."""
    revision = ObservationRevision(
        observation_id=observation_id,
        value=value,
        raw=raw,
        unit=unit,
        source=Source(source).value,
        state=ReviewState(state).value,
        reason=reason,
        note=note,
        author=author,
    )
    session.add(revision)
    session.flush()
    return revision


def revisions(session: Session, *, observation_id: int) -> list[ObservationRevision]:
    """An observation's history, oldest first."""
    query = (
        select(ObservationRevision)
        .where(ObservationRevision.observation_id == observation_id)
        .order_by(ObservationRevision.id)
    )
    return list(session.scalars(query))


def current_values(session: Session, *, plan_id: int) -> dict[ObservationKey, CurrentValue]:
    """The latest approved value of every observation of the plan's indicators.

    One query: the highest approved revision id per observation (a grouped subquery, which
    SQLite and PostgreSQL both run well), joined back to the revision for its value.
    Observations with no approved revision have no current value and are left out.
    """
    latest = (
        select(
            ObservationRevision.observation_id,
            func.max(ObservationRevision.id).label("revision_id"),
        )
        .where(ObservationRevision.state == ReviewState.APPROVED.value)
        .group_by(ObservationRevision.observation_id)
        .subquery()
    )
    query = (
        select(Observation, ObservationRevision)
        .join(Indicator, Indicator.id == Observation.indicator_id)
        .join(latest, latest.c.observation_id == Observation.id)
        .join(ObservationRevision, ObservationRevision.id == latest.c.revision_id)
        .where(Indicator.plan_id == plan_id)
    )
    values: dict[ObservationKey, CurrentValue] = {}
    for observation, revision in session.execute(query):
        key = (observation.indicator_id, observation.region_id, observation.year)
        values[key] = CurrentValue(
            *key,
            value=revision.value,
            unit=revision.unit,
            source=revision.source,
            revision_id=revision.id,
        )
    return values


@dataclass(frozen=True)
class LatestRevision:
    """An observation with its newest revision, whatever its state, for review lists."""

    observation: Observation
    revision: ObservationRevision
    indicator: str
    region: str


def latest_revisions(
    session: Session, *, plan_id: int, state: ReviewState | None = None
) -> list[LatestRevision]:
    """Each observation of the plan with its newest revision, optionally in one state."""
    newest = (
        select(
            ObservationRevision.observation_id,
            func.max(ObservationRevision.id).label("revision_id"),
        )
        .group_by(ObservationRevision.observation_id)
        .subquery()
    )
    query = (
        select(Observation, ObservationRevision, Indicator.name, Region.name)
        .join(Indicator, Indicator.id == Observation.indicator_id)
        .join(Region, Region.id == Observation.region_id)
        .join(newest, newest.c.observation_id == Observation.id)
        .join(ObservationRevision, ObservationRevision.id == newest.c.revision_id)
        .where(Indicator.plan_id == plan_id)
        .order_by(Indicator.position, Region.id, Observation.year)
    )
    if state is not None:
        query = query.where(ObservationRevision.state == ReviewState(state).value)
    return [LatestRevision(*row) for row in session.execute(query)]
