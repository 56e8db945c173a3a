"""The value in force: the one query every reader of observations goes through.

An observation's value in force is its newest approved revision, which the write path
keeps in `Observation.current_revision_id`. Reading it is a join on a primary key, so a
read of any set of plans costs what its rows cost, whatever else the database holds.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select, union_all
from sqlalchemy.orm import Session

from minsheng.store.repositories.listing import AnySelect, driver_rows
from minsheng.store.repositories.observation_rows import finite
from minsheng.store.tables import Indicator, Observation, ObservationRevision, Plan, Region

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


ProgressRow = tuple[int, int, int | None, float | None, float | None]
"""What an evaluation as of a year needs of one indicator in one region: (indicator id,
region id, the latest year with a number after the base year and at or before the year
judged, that number, the sum of those years' numbers); the last three are None when the
region has no number in those years."""


def progress(
    session: Session,
    *,
    plan_ids: Collection[int] | None,
    after_year: int,
    as_of: int,
    totals_for: Collection[int] = (),
) -> list[ProgressRow]:
    """One row per indicator of the plans (None: every current plan) and region: the plan's
    own and each district under it (plain tuples from the driver: a national database has
    100,000).

    Each pair is two seeks in `ix_observations_in_force`, which covers them (three for the
    indicators in `totals_for`, the only ones whose sum is read): the cost follows the
    pairs asked about, not the observations stored.
    """
    pairs = _plan_regions(plan_ids).subquery()
    indicator_id, region_id = Indicator.id, pairs.c.region_id
    in_years = _in_years(indicator_id, region_id, after_year, as_of)
    cumulative = indicator_id.in_(list(totals_for))
    query = (
        select(
            indicator_id,
            region_id,
            in_years(func.max(Observation.year)).scalar_subquery(),
            in_years(Observation.current_value)
            .order_by(Observation.year.desc())
            .limit(1)
            .scalar_subquery(),
            case((cumulative, in_years(func.sum(Observation.current_value)).scalar_subquery())),
        )
        .select_from(pairs)
        .join(Indicator, Indicator.plan_id == pairs.c.plan_id)
    )
    return driver_rows(session, query)


def progress_before(
    session: Session,
    *,
    plan_ids: Collection[int] | None,
    after_year: int,
    as_of: int,
    before: datetime,
    totals_for: Collection[int] = (),
) -> list[ProgressRow]:
    """`progress` with the data as it stood at `before`: each observation's value is its
    newest revision approved before then, not the one in force now, so an evaluation "as
    of" a day can be reproduced after later revisions (same rows as `progress`).

    The revisions are ranked once per observation (a window, on SQLite and PostgreSQL);
    the observations of the years judged only.
    """
    known = _approved_before(before, after_year, as_of).cte("known")
    pairs = _plan_regions(plan_ids).subquery()
    indicator_id, region_id = Indicator.id, pairs.c.region_id

    def of(column: Any) -> AnySelect:
        return select(column).where(
            known.c.indicator_id == indicator_id, known.c.region_id == region_id
        )

    cumulative = indicator_id.in_(list(totals_for))
    query = (
        select(
            indicator_id,
            region_id,
            of(func.max(known.c.year)).scalar_subquery(),
            of(known.c.value).order_by(known.c.year.desc()).limit(1).scalar_subquery(),
            case((cumulative, of(func.sum(known.c.value)).scalar_subquery())),
        )
        .select_from(pairs)
        .join(Indicator, Indicator.plan_id == pairs.c.plan_id)
    )
    return driver_rows(session, query)


def _approved_before(before: datetime, after_year: int, as_of: int) -> AnySelect:
    """(indicator id, region id, year, value) of each observation in (`after_year`,
    `as_of`] whose newest revision approved before `before` is a number."""
    newest = func.row_number().over(
        partition_by=ObservationRevision.observation_id,
        order_by=(ObservationRevision.created_at.desc(), ObservationRevision.id.desc()),
    )
    ranked = (
        select(
            Observation.indicator_id,
            Observation.region_id,
            Observation.year,
            ObservationRevision.value,
            newest.label("rank"),
        )
        .join(ObservationRevision, ObservationRevision.observation_id == Observation.id)
        .where(
            ObservationRevision.state == "approved",
            ObservationRevision.created_at < before,
            Observation.year > after_year,
            Observation.year <= as_of,
        )
        .subquery()
    )
    return select(ranked.c.indicator_id, ranked.c.region_id, ranked.c.year, ranked.c.value).where(
        ranked.c.rank == 1, ranked.c.value.is_not(None), finite(ranked.c.value)
    )


def _in_years(indicator_id: Any, region_id: Any, after_year: int, as_of: int) -> Any:
    """A correlated select of the pair's numbers in force in (`after_year`, `as_of`]."""

    def of(column: Any) -> AnySelect:
        return select(column).where(
            Observation.indicator_id == indicator_id,
            Observation.region_id == region_id,
            Observation.year > after_year,
            Observation.year <= as_of,
            Observation.current_value.is_not(None),
            finite(Observation.current_value),
        )

    return of


def _plan_regions(plan_ids: Collection[int] | None) -> Any:
    """(plan id, region id) of each plan's own region and every district under it."""
    own = select(Plan.id.label("plan_id"), Plan.region_id.label("region_id"))
    below = select(Plan.id, Region.id).join(Region, Region.parent_id == Plan.region_id)
    return union_all(_plans_among(own, plan_ids), _plans_among(below, plan_ids))


def _plans_among(query: AnySelect, plan_ids: Collection[int] | None) -> AnySelect:
    """`query` narrowed to the plans given, or to the current plans: a national list of
    ids costs more to send than the flag costs to test."""
    return query.where(Plan.is_current if plan_ids is None else Plan.id.in_(list(plan_ids)))


def reporting_districts(
    session: Session, *, plan_ids: Collection[int] | None, after_year: int
) -> set[tuple[int, int]]:
    """(plan id, district id) of each district under a plan's region that reported a number
    in force on the plan's indicators after `after_year` (for any year, judged or later)."""
    reported = (
        select(Observation.id)
        .join(Indicator, Indicator.id == Observation.indicator_id)
        .where(
            Observation.region_id == Region.id,
            Indicator.plan_id == Plan.id,
            Observation.year > after_year,
            Observation.current_value.is_not(None),
        )
        .exists()
    )
    query = select(Plan.id, Region.id).join(Region, Region.parent_id == Plan.region_id)
    return {
        (row[0], row[1]) for row in session.execute(_plans_among(query, plan_ids).where(reported))
    }


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
