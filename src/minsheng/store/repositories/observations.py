"""Observations and their revisions: values are added, never overwritten.

Every change — a report, a correction, an approval, a return — is a new revision row. The
current value of an observation is its latest approved revision, so an approved value stays
in force while a newer one waits for review.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from minsheng.model.observation import ReviewState, Source
from minsheng.store.repositories import values
from minsheng.store.repositories.values import CurrentValue, ObservationKey
from minsheng.store.tables import Indicator, Observation, ObservationRevision, Region

__all__ = ["CurrentValue", "ObservationKey"]


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
    _move_pointers(session, observation_id, revision)
    return revision


def _move_pointers(session: Session, observation_id: int, revision: ObservationRevision) -> None:
    """Point the observation at its newest revision and, if approved, its value in force."""
    observation = session.get(Observation, observation_id)
    assert observation is not None  # the revision's foreign key guarantees it
    observation.latest_revision_id = revision.id
    if revision.state == ReviewState.APPROVED.value:
        observation.current_revision_id = revision.id
    session.flush()


def revisions(session: Session, *, observation_id: int) -> list[ObservationRevision]:
    """An observation's history, oldest first."""
    query = (
        select(ObservationRevision)
        .where(ObservationRevision.observation_id == observation_id)
        .order_by(ObservationRevision.id)
    )
    return list(session.scalars(query))


def current_values(session: Session, *, plan_id: int) -> dict[ObservationKey, CurrentValue]:
    """The value in force of every observation of one plan's indicators (see `values`)."""
    return values.current_values(session, plan_ids=[plan_id])


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
    query = (
        select(Observation, ObservationRevision, Indicator.name, Region.name)
        .join(Indicator, Indicator.id == Observation.indicator_id)
        .join(Region, Region.id == Observation.region_id)
        .join(ObservationRevision, ObservationRevision.id == Observation.latest_revision_id)
        .where(Indicator.plan_id == plan_id)
        .order_by(Indicator.position, Region.id, Observation.year)
    )
    if state is not None:
        query = query.where(ObservationRevision.state == ReviewState(state).value)
    return [LatestRevision(*row) for row in session.execute(query)]
