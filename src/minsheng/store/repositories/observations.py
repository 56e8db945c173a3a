"""Observations and their revisions: values are added, never overwritten.

Every change — a report, a correction, an approval, a return — is a new revision row. The
current value of an observation is its latest approved revision, so an approved value stays
in force while a newer one waits for review.

Single revisions (review steps, a plan's baselines) go through `add_revision`; a file's
worth goes through `add_revisions`, in bulk (see `bulk` for how). Both keep the two
pointers of `Observation` up to date and raise the plan's observations version.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple, cast

from sqlalchemy import Select, Table, func, select
from sqlalchemy.orm import Session, aliased

from minsheng.model.observation import ReviewState, Source
from minsheng.store.repositories import bulk, observation_rows, plan_versions, values
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
    observation_rows.refuse_non_finite([value])
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
    plan_versions.raise_for_observation(session, observation_id=observation_id)
    return revision


def _move_pointers(session: Session, observation_id: int, revision: ObservationRevision) -> None:
    """Point the observation at its newest revision and, if approved, its value in force."""
    observation = session.get(Observation, observation_id)
    assert observation is not None  # the revision's reference check guarantees it
    observation.latest_revision_id = revision.id
    if revision.state == ReviewState.APPROVED.value:
        observation.current_revision_id = revision.id
        observation.current_value = revision.value
    session.flush()


RevisionContent = tuple[float | None, str | None, str]
"""A revision's value, unit and source: what an unchanged re-import would repeat."""


class NewRevision(NamedTuple):
    """A revision to add in bulk to the observation with `key`, which is created if new."""

    key: ObservationKey
    value: float | None
    source: str
    unit: str | None = None
    note: str | None = None
    raw: str | None = None


AnySelect = Select[*tuple[Any, ...]]
KEY_CHUNK = 500
"""Indicator ids per query when finding observations by key."""

_REVISION_COLUMNS = ("id", "observation_id", "value", "raw", "unit", "source", "state",
                     "note", "author", "created_at")  # fmt: skip
_REVISIONS = cast(Table, ObservationRevision.__table__)
_OBSERVATIONS = cast(Table, Observation.__table__)
_MOVED = ("latest_revision_id", "current_revision_id", "current_value")


def observations_by_key(
    session: Session, *, keys: Collection[ObservationKey]
) -> dict[ObservationKey, int]:
    """The id of each observation among `keys` that exists (one query per 500 indicators)."""
    query = select(
        Observation.indicator_id, Observation.region_id, Observation.year, Observation.id
    )
    wanted = set(keys)
    return {
        key: row[3]
        for chunk in _by_keys(query, wanted)
        for row in session.execute(chunk)
        if (key := (row[0], row[1], row[2])) in wanted
    }


def newest_in_state(
    session: Session, *, keys: Collection[ObservationKey], state: ReviewState
) -> dict[ObservationKey, RevisionContent]:
    """For each observation among `keys`, its newest revision in `state`, if it has one.

    For approved revisions that is the value in force, read through its pointer; for the
    other states the newest one per observation is found by grouping.
    """
    columns = (Observation.indicator_id, Observation.region_id, Observation.year)
    content = (ObservationRevision.value, ObservationRevision.unit, ObservationRevision.source)
    if ReviewState(state) is ReviewState.APPROVED:
        pointer = ObservationRevision.id == Observation.current_revision_id
        query = select(*columns, *content).join(ObservationRevision, pointer)
    else:
        query = _newest_query(columns, content, ReviewState(state))
    wanted = set(keys)
    return {
        key: (row[3], row[4], row[5])
        for chunk in _by_keys(query, wanted)
        for row in session.execute(chunk)
        if (key := (row[0], row[1], row[2])) in wanted
    }


def _newest_query(
    columns: tuple[Any, ...], content: tuple[Any, ...], state: ReviewState
) -> AnySelect:
    other = aliased(ObservationRevision)
    newest = (
        select(func.max(other.id))
        .where(other.observation_id == Observation.id, other.state == state.value)
        .correlate(Observation)
        .scalar_subquery()
    )
    return select(*columns, *content).join(ObservationRevision, ObservationRevision.id == newest)


def _by_keys(query: AnySelect, keys: Collection[ObservationKey]) -> Iterator[AnySelect]:
    """`query` narrowed to the indicators, regions and years of `keys`, in chunks.

    A superset of the keys (every combination of their parts): callers keep the rows
    whose key they asked for. The parts are few, so the lists stay short.
    """
    indicators = sorted({key[0] for key in keys})
    regions = sorted({key[1] for key in keys})
    years = sorted({key[2] for key in keys})
    for start in range(0, len(indicators), KEY_CHUNK):
        yield query.where(
            Observation.indicator_id.in_(indicators[start : start + KEY_CHUNK]),
            Observation.region_id.in_(regions),
            Observation.year.in_(years),
        )


def add_revisions(
    session: Session, *, revisions: Sequence[NewRevision], state: ReviewState, author: str
) -> list[int]:
    """Add `revisions` in bulk, creating the observations they need; returns their ids.

    Every revision is in `state` by `author`, stamped with one time. Each observation's
    `latest_revision_id` moves to its last revision here and, when approved, so does
    `current_revision_id`. New observations are written already pointing at revisions
    written next (the pointers have no foreign key); existing ones are updated after.
    """
    if not revisions:
        return []
    observation_rows.refuse_non_finite([revision.value for revision in revisions])
    session.flush()
    state = ReviewState(state)
    existing = observations_by_key(session, keys={revision.key for revision in revisions})
    new_keys = list(dict.fromkeys(r.key for r in revisions if r.key not in existing))
    new_ids = bulk.next_ids(session, _OBSERVATIONS, len(new_keys))
    ids = existing | dict(zip(new_keys, new_ids, strict=True))
    revision_ids = bulk.next_ids(session, _REVISIONS, len(revisions))
    newest = {
        r.key: (revision_id, r.value)
        for r, revision_id in zip(revisions, revision_ids, strict=True)
    }
    approved = state is ReviewState.APPROVED
    observations = [(ids[k], *k, *observation_rows.pointers(newest[k], approved)) for k in new_keys]
    inserted = observation_rows.insert_new(session, observations)
    lost = [k for k in new_keys if ids[k] not in inserted]
    if lost:  # another writer created them meanwhile: add to those instead
        existing = existing | observations_by_key(session, keys=lost)
        ids |= existing
    rows = _revision_rows(session, revisions, revision_ids, ids, (state, author))
    bulk.insert_rows(session, _REVISIONS, _REVISION_COLUMNS, rows)
    _move_many(session, [(ids[k], *newest[k]) for k in newest if k in existing], approved)
    plan_versions.raise_for_indicators(session, indicator_ids={key[0] for key in newest})
    return revision_ids


def _revision_rows(
    session: Session,
    revisions: Sequence[NewRevision],
    revision_ids: Sequence[int],
    observation_ids: dict[ObservationKey, int],
    by: tuple[ReviewState, str],
) -> list[tuple[Any, ...]]:
    """The revisions as driver rows: one state, author and time; sources checked once."""
    sources = {source: Source(source).value for source in {r.source for r in revisions}}
    state, author = by[0].value, by[1]
    created = bulk.driver_value(session, _REVISIONS.c.created_at, datetime.now(UTC))
    return [
        (revision_id, observation_ids[r.key], r.value, r.raw, r.unit, sources[r.source], state,
         r.note, author, created)
        for r, revision_id in zip(revisions, revision_ids, strict=True)
    ]  # fmt: skip


def _move_many(
    session: Session, moved: list[tuple[int, int, float | None]], approved: bool
) -> None:
    """Point existing observations (id, newest revision id, its value) at their new
    revisions, and, when approved, take its value as the one in force."""
    if not observation_rows.move_forward(session, moved, approved):
        rows = [(o, r, r, v) for o, r, v in moved] if approved else [(o, r) for o, r, _ in moved]
        bulk.update_by_id(session, _OBSERVATIONS, _MOVED if approved else _MOVED[:1], rows)
    touched = {observation_id for observation_id, _, _ in moved}
    for item in list(session.identity_map.values()):
        if isinstance(item, Observation) and item.id in touched:
            session.expire(item, list(_MOVED))


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
