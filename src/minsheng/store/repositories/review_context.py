"""What a reviewer needs beside a submitted value, read for the whole queue at once.

Each function is one query (or one per chunk of 900 ids) however long the queue is: the
submitted values with their indicator, region and submitter's department; the values in
force of the same indicator × region pairs (baseline, previous value, the series the
outlier rule judges); the earlier revisions of the queued observations (returned before?).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from minsheng.model.observation import ReviewState
from minsheng.store.repositories.values import in_force
from minsheng.store.tables import (
    Department,
    Indicator,
    Observation,
    ObservationRevision,
    Region,
    User,
)

CHUNK = 900
"""Ids per IN list (SQLite allows 32,766 parameters; kept well below any driver's limit)."""


@dataclass(frozen=True)
class Submitted:
    """A value awaiting review with what its row shows about it."""

    observation_id: int
    revision_id: int
    plan_id: int
    indicator_id: int
    indicator: str
    unit: str | None
    baseline: dict[str, Any]
    target: dict[str, Any]
    region_id: int
    region: str
    year: int
    value: float | None
    source: str
    note: str | None
    author: str
    department: str | None
    submitted_at: datetime


def submitted(session: Session, *, plan_ids: Collection[int]) -> list[Submitted]:
    """Every observation of the plans whose newest revision is submitted (one query)."""
    revision = ObservationRevision
    query = (
        select(
            Observation.id,
            revision.id,
            Indicator.plan_id,
            Indicator.id,
            Indicator.name,
            Indicator.unit,
            Indicator.baseline,
            Indicator.target,
            Region.id,
            Region.name,
            Observation.year,
            revision.value,
            revision.source,
            revision.note,
            revision.author,
            Department.name,
            revision.created_at,
        )
        .join(Indicator, Indicator.id == Observation.indicator_id)
        .join(Region, Region.id == Observation.region_id)
        .join(revision, revision.id == Observation.latest_revision_id)
        .outerjoin(User, User.username == revision.author)
        .outerjoin(Department, Department.id == User.department_id)
        .where(
            Indicator.plan_id.in_(list(plan_ids)),
            revision.state == ReviewState.SUBMITTED.value,
        )
        .order_by(Indicator.plan_id, Indicator.position, Region.id, Observation.year)
    )
    return [Submitted(*row) for row in session.execute(query)]


SeriesPoint = tuple[int, int, int, float]
"""(indicator id, region id, year, value in force)."""


def values_in_force(
    session: Session, *, indicator_ids: Collection[int], region_ids: Collection[int]
) -> list[SeriesPoint]:
    """The numbers in force of these indicators in these regions (a superset of the
    queue's pairs: callers keep what they need), one query per chunk of indicators."""
    regions = sorted(set(region_ids))
    found: list[SeriesPoint] = []
    for chunk in _chunks(sorted(set(indicator_ids))):
        query = in_force(
            Observation.indicator_id, Observation.region_id, Observation.year,
            ObservationRevision.value, plan_ids=None,
        ).where(
            Observation.indicator_id.in_(chunk),
            Observation.region_id.in_(regions),
            ObservationRevision.value.is_not(None),
        )  # fmt: skip
        found += [(row[0], row[1], row[2], row[3]) for row in session.execute(query)]
    return found


@dataclass(frozen=True)
class EarlierRevision:
    """A revision before the one awaiting review: what was sent, decided and why."""

    observation_id: int
    revision_id: int
    value: float | None
    state: str
    reason: str | None
    author: str
    at: datetime


def earlier_revisions(session: Session, *, observation_ids: Sequence[int]) -> list[EarlierRevision]:
    """Every revision of these observations, oldest first (one query per 900 ids)."""
    found: list[EarlierRevision] = []
    revision = ObservationRevision
    for chunk in _chunks(sorted(set(observation_ids))):
        query = (
            select(
                revision.observation_id,
                revision.id,
                revision.value,
                revision.state,
                revision.reason,
                revision.author,
                revision.created_at,
            )
            .where(revision.observation_id.in_(chunk))
            .order_by(revision.id)
        )
        found += [EarlierRevision(*row) for row in session.execute(query)]
    return found


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]
