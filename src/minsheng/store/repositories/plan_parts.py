"""What a plan contains: indicators, previous-plan results, service items, columns and
key projects, stored in the plan's order (`position`, from 0).

Values are stored as the `Value` JSON dump, so the raw text and its reading survive intact.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from minsheng.model import plan as model
from minsheng.store.repositories.indicator_facts import StoredFacts
from minsheng.store.tables import (
    AuditEntry,
    Indicator,
    KeyProject,
    Observation,
    ObservationRevision,
    Plan,
    PlanColumn,
    PreviousPlanResult,
    ServiceItem,
)

Row = TypeVar("Row")

CatalogueKey = Callable[[str], str | None]
"""Maps an indicator name to its catalogue key, if the catalogue knows it."""


def add_indicators(
    session: Session,
    *,
    plan_id: int,
    indicators: Sequence[model.Indicator],
    catalogue_key: CatalogueKey,
    facts: Sequence[StoredFacts],
) -> list[Indicator]:
    """The plan's indicators with what their cells say (`facts`, one per indicator)."""
    rows = [
        Indicator(
            plan_id=plan_id,
            position=position,
            domain=item.domain,
            name=item.name,
            unit=item.unit,
            baseline=item.baseline.model_dump(mode="json"),
            target=item.target.model_dump(mode="json"),
            attribute=item.attribute.value if item.attribute else None,
            cumulative=item.cumulative,
            notes=list(item.notes),
            catalogue_key=catalogue_key(item.name),
            **found.columns(),
        )
        for position, (item, found) in enumerate(zip(indicators, facts, strict=True))
    ]
    return _added(session, rows)


def add_previous_plan_results(
    session: Session, *, plan_id: int, results: Sequence[model.PreviousPlanResult]
) -> list[PreviousPlanResult]:
    rows = [
        PreviousPlanResult(
            plan_id=plan_id,
            position=position,
            domain=item.domain,
            name=item.name,
            unit=item.unit,
            target=item.target.model_dump(mode="json"),
            actual=item.actual.model_dump(mode="json"),
            attribute=item.attribute.value if item.attribute else None,
            cumulative=item.cumulative,
        )
        for position, item in enumerate(results)
    ]
    return _added(session, rows)


def add_service_items(
    session: Session, *, plan_id: int, items: Sequence[model.ServiceItem]
) -> list[ServiceItem]:
    rows = [
        ServiceItem(plan_id=plan_id, position=position, domain=item.domain, name=item.name)
        for position, item in enumerate(items)
    ]
    return _added(session, rows)


def add_columns(
    session: Session, *, plan_id: int, columns: Sequence[model.Column]
) -> list[PlanColumn]:
    rows = [
        PlanColumn(
            plan_id=plan_id,
            number=column.number,
            title=column.title,
            kind=column.kind.value,
            body=list(column.body),
        )
        for column in columns
    ]
    return _added(session, rows)


def add_key_projects(
    session: Session, *, plan_id: int, projects: Sequence[model.KeyProject]
) -> list[KeyProject]:
    rows = [
        KeyProject(
            plan_id=plan_id, column_number=project.column, name=project.name, detail=project.detail
        )
        for project in projects
    ]
    return _added(session, rows)


def get_indicator(session: Session, *, indicator_id: int) -> Indicator | None:
    return session.get(Indicator, indicator_id)


def indicators_of(session: Session, *, plan_id: int) -> list[Indicator]:
    """The plan's indicators in the plan's order."""
    query = select(Indicator).where(Indicator.plan_id == plan_id).order_by(Indicator.position)
    return list(session.scalars(query))


INDICATOR_ENTITIES = ("indicator", "catalogue_entry", "catalogue_alias")
"""Audit entities whose writes change an indicator's catalogue link or the catalogue."""


def indicator_cells_version(session: Session) -> int:
    """The newest audit entry that may have changed indicators' catalogue links or the
    catalogue itself; a plan's own cells never change (a new version is a new plan)."""
    query = select(func.max(AuditEntry.id)).where(AuditEntry.entity.in_(INDICATOR_ENTITIES))
    return session.scalar(query) or 0


def indicators_of_plans(session: Session, *, plan_ids: Collection[int]) -> list[Indicator]:
    """The indicators of several plans, plan by plan, each in its plan's order."""
    query = (
        select(Indicator)
        .where(Indicator.plan_id.in_(list(plan_ids)))
        .order_by(Indicator.plan_id, Indicator.position)
    )
    return list(session.scalars(query))


def indicators_named(
    session: Session, *, name: str, catalogue_key: str | None
) -> list[tuple[int, str | None]]:
    """(id, unit) of every current plan's indicators called `name` or, given a key, filed
    under that catalogue entry: one query however many plans list the concept."""
    named = Indicator.name == name
    wanted = named if catalogue_key is None else named | (Indicator.catalogue_key == catalogue_key)
    query = (
        select(Indicator.id, Indicator.unit)
        .join(Plan, Plan.id == Indicator.plan_id)
        .where(Plan.is_current, wanted)
    )
    return [(row[0], row[1]) for row in session.execute(query)]


def previous_results_of(session: Session, *, plan_ids: Collection[int]) -> list[PreviousPlanResult]:
    """The previous plan's completion tables of several plans, each in its plan's order."""
    query = (
        select(PreviousPlanResult)
        .where(PreviousPlanResult.plan_id.in_(list(plan_ids)))
        .order_by(PreviousPlanResult.plan_id, PreviousPlanResult.position)
    )
    return list(session.scalars(query))


def columns_of(session: Session, *, plan_id: int) -> list[PlanColumn]:
    """The plan's boxed columns (专栏) by number."""
    query = select(PlanColumn).where(PlanColumn.plan_id == plan_id).order_by(PlanColumn.number)
    return list(session.scalars(query))


def newest_value_time(session: Session, *, plan_id: int) -> datetime | None:
    """When the newest value in force of the plan's indicators was recorded."""
    query = (
        select(func.max(ObservationRevision.created_at))
        .join(Observation, Observation.current_revision_id == ObservationRevision.id)
        .join(Indicator, Indicator.id == Observation.indicator_id)
        .where(Indicator.plan_id == plan_id)
    )
    return session.scalar(query)


def _added(session: Session, rows: list[Row]) -> list[Row]:
    """Add and flush, so the rows have their ids and constraints are checked here."""
    session.add_all(rows)
    session.flush()
    return rows
