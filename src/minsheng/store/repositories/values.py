"""The value in force: the one query every reader of observations goes through.

An observation's value in force is its newest approved revision, which the write path
keeps in `Observation.current_revision_id`. Reading it is a join on a primary key, so a
read of any set of plans costs what its rows cost, whatever else the database holds.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from minsheng.store.repositories.listing import AnySelect
from minsheng.store.repositories.observation_rows import finite
from minsheng.store.tables import Indicator, Observation, ObservationRevision, Plan

ObservationKey = tuple[int, int, int]
"""(indicator_id, region_id, year)."""

NumberRow = tuple[int, int, int, float]
"""(indicator_id, region_id, year, value) of a value in force that is a number."""


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


def in_force(*columns: Any, plan_ids: Collection[int] | None = None) -> AnySelect:
    """`columns` of each observation joined to its value in force, for the plans given.

    `plan_ids=None` means every current plan. Observations without an approved revision
    have no value in force and are left out by the join.
    """
    query = (
        select(*columns)
        .select_from(Observation)
        .join(ObservationRevision, ObservationRevision.id == Observation.current_revision_id)
        .join(Indicator, Indicator.id == Observation.indicator_id)
    )
    if plan_ids is None:
        return query.join(Plan, Plan.id == Indicator.plan_id).where(Plan.is_current)
    return query.where(Indicator.plan_id.in_(list(plan_ids)))


def current_values(
    session: Session, *, plan_ids: Collection[int] | None = None
) -> dict[ObservationKey, CurrentValue]:
    """The value in force of every observation of the plans' indicators, by key."""
    query = in_force(
        Observation.indicator_id,
        Observation.region_id,
        Observation.year,
        ObservationRevision.value,
        ObservationRevision.unit,
        ObservationRevision.source,
        ObservationRevision.id,
        plan_ids=plan_ids,
    )
    return {(row[0], row[1], row[2]): CurrentValue(*row) for row in session.execute(query)}


def numbers(
    session: Session,
    *,
    plan_ids: Collection[int] | None = None,
    indicator_ids: Collection[int] | None = None,
    after_year: int | None = None,
) -> list[NumberRow]:
    """The values in force that are numbers (of the years after `after_year` if given), as
    plain tuples for the vectorized evaluator."""
    query = in_force(
        Observation.indicator_id,
        Observation.region_id,
        Observation.year,
        ObservationRevision.value,
        plan_ids=plan_ids,
    ).where(ObservationRevision.value.is_not(None), finite(ObservationRevision.value))
    if after_year is not None:
        query = query.where(Observation.year > after_year)
    if indicator_ids is not None:
        query = query.where(Observation.indicator_id.in_(list(indicator_ids)))
    return [(row[0], row[1], row[2], row[3]) for row in session.execute(query)]


def district_years(session: Session, *, plan_id: int) -> dict[int, list[int]]:
    """For each of the plan's indicators that districts report on, the years they reported
    a number in force for (newest first): what the equalization page can show."""
    plan = select(Plan.region_id).where(Plan.id == plan_id).scalar_subquery()
    query = (
        select(Observation.indicator_id, Observation.year)
        .join(Indicator, Indicator.id == Observation.indicator_id)
        .where(
            Indicator.plan_id == plan_id,
            Observation.region_id != plan,
            Observation.current_value.is_not(None),
        )
        .distinct()
        .order_by(Observation.indicator_id, Observation.year.desc())
    )
    found: dict[int, list[int]] = {}
    for indicator_id, year in session.execute(query):
        found.setdefault(indicator_id, []).append(year)
    return found


def any_labelled(session: Session, *, indicator_id: int, note: str) -> bool:
    """Whether any value in force of the indicator carries this note (示例数据 marks the
    demonstration's synthetic values, which every page showing them must say)."""
    query = (
        select(Observation.id)
        .join(ObservationRevision, ObservationRevision.id == Observation.current_revision_id)
        .where(Observation.indicator_id == indicator_id, ObservationRevision.note == note)
        .limit(1)
    )
    return session.scalar(query) is not None


def holds_labelled(session: Session, *, note: str) -> bool:
    """Whether any value in force carries this note: the noted revisions are found by
    their index (`ix_observation_revisions_noted`), each checked against its observation."""
    query = (
        select(Observation.id)
        .join(
            ObservationRevision,
            (ObservationRevision.observation_id == Observation.id)
            & (ObservationRevision.id == Observation.current_revision_id),
        )
        .where(ObservationRevision.note == note)
        .limit(1)
    )
    return session.scalar(query) is not None
