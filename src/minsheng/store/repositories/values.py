"""The value in force: the one query every reader of observations goes through.

An observation's value in force is its newest approved revision, which the write path
keeps in `Observation.current_revision_id`. Reading it is a join on a primary key, so a
read of any set of plans costs what its rows cost, whatever else the database holds.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, aliased

from minsheng.store.repositories.listing import AnySelect
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
    ).where(ObservationRevision.value.is_not(None))
    if after_year is not None:
        query = query.where(Observation.year > after_year)
    if indicator_ids is not None:
        query = query.where(Observation.indicator_id.in_(list(indicator_ids)))
    return [(row[0], row[1], row[2], row[3]) for row in session.execute(query)]


class Progress(NamedTuple):
    """What an evaluation as of a year needs of one indicator in one region, reduced in SQL:
    the latest year with a number at or before that year, its value, and the sum of the
    numbers of the years up to it (for cumulative targets). `latest_year` is None when the
    region reported only for later years."""

    indicator_id: int
    region_id: int
    latest_year: int | None
    latest_value: float | None
    total: float | None


def progress(
    session: Session, *, plan_ids: Collection[int], after_year: int, as_of: int
) -> list[Progress]:
    """One row per indicator and region with a number after `after_year`, as of `as_of`."""
    year, value = Observation.year, ObservationRevision.value
    counted = case((year <= as_of, year))
    reduced = (
        in_force(
            Observation.indicator_id,
            Observation.region_id,
            func.max(counted).label("latest_year"),
            func.sum(case((year <= as_of, value))).label("total"),
            plan_ids=plan_ids,
        )
        .where(year > after_year, value.is_not(None))
        .group_by(Observation.indicator_id, Observation.region_id)
        .subquery()
    )
    return [Progress(*row) for row in session.execute(_with_latest_value(reduced))]


def _with_latest_value(reduced: Any) -> AnySelect:
    """The reduced rows joined back to the value in force of their latest year."""
    latest = aliased(Observation)
    revision = aliased(ObservationRevision)
    return (
        select(
            reduced.c.indicator_id,
            reduced.c.region_id,
            reduced.c.latest_year,
            revision.value,
            reduced.c.total,
        )
        .select_from(reduced)
        .outerjoin(
            latest,
            (latest.indicator_id == reduced.c.indicator_id)
            & (latest.region_id == reduced.c.region_id)
            & (latest.year == reduced.c.latest_year),
        )
        .outerjoin(revision, revision.id == latest.current_revision_id)
    )
