"""Filtered lists of what plans hold — indicators, service items, key projects — and the
observations of their indicators, each in its plans' order. Every function is keyword-only
and returns (rows, total) for a window (`limit=None`: every row)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from minsheng.model.observation import ReviewState
from minsheng.store.repositories import projects
from minsheng.store.repositories.listing import AnySelect, contains, paged, plan_scope
from minsheng.store.tables import (
    Indicator,
    KeyProject,
    Observation,
    ObservationRevision,
    Plan,
    Region,
    ServiceItem,
)

STANDARD_FIELDS = ("beneficiaries", "content", "standard", "funding", "lead_department")
ANY_STATE = "any"


def _parts(
    part: type[Indicator] | type[ServiceItem],
    *,
    row_id: int | None,
    plan_id: int | None,
    region: str | None,
    domain: str | None,
) -> AnySelect:
    """Rows of a plan-part table with their plan's region name: one row by id, else the
    current plans' (or one plan's) rows, optionally of one domain."""
    query = (
        select(part, Region.name)
        .join(Plan, Plan.id == part.plan_id)
        .join(Region, Region.id == Plan.region_id)
        .order_by(Plan.is_reference, Plan.id, part.position)
    )
    if row_id is not None:
        query = query.where(part.id == row_id)
    else:
        query = plan_scope(query, plan_id=plan_id, region=region)
    return query if domain is None else query.where(part.domain == domain)


def find_indicators(
    session: Session,
    *,
    plan_id: int | None = None,
    region: str | None = None,
    domain: str | None = None,
    attribute: str | None = None,
    q: str | None = None,
    indicator_id: int | None = None,
    limit: int | None,
    offset: int = 0,
) -> tuple[list[tuple[Indicator, str]], int]:
    """(indicator, its plan's region name) rows matching every filter given."""
    query = _parts(Indicator, row_id=indicator_id, plan_id=plan_id, region=region, domain=domain)
    if attribute is not None:
        query = query.where(Indicator.attribute == attribute)
    if q:
        query = query.where(Indicator.name.like(contains(q), escape="\\"))
    return paged(session, query, limit=limit, offset=offset)


def find_service_items(
    session: Session,
    *,
    plan_id: int | None = None,
    region: str | None = None,
    domain: str | None = None,
    q: str | None = None,
    item_id: int | None = None,
    limit: int | None,
    offset: int = 0,
) -> tuple[list[tuple[ServiceItem, str]], int]:
    """(service item, region name) rows; `q` matches the name or any standard field."""
    query = _parts(ServiceItem, row_id=item_id, plan_id=plan_id, region=region, domain=domain)
    if q:
        searched = [ServiceItem.name, *(getattr(ServiceItem, f) for f in STANDARD_FIELDS)]
        query = query.where(or_(*(c.like(contains(q), escape="\\") for c in searched)))
    return paged(session, query, limit=limit, offset=offset)


def find_projects(
    session: Session,
    *,
    plan_id: int | None = None,
    region: str | None = None,
    column: int | None = None,
    status: str | None = None,
    q: str | None = None,
    limit: int | None,
    offset: int = 0,
) -> tuple[list[tuple[KeyProject, str, str]], int]:
    """(project, column title, region name) rows; `q` matches name or detail."""
    query = plan_scope(_projects(), plan_id=plan_id, region=region)
    if column is not None:
        query = query.where(KeyProject.column_number == column)
    if status is not None:
        query = query.where(KeyProject.status == status)
    if q:
        pattern = contains(q)
        query = query.where(
            KeyProject.name.like(pattern, escape="\\")
            | KeyProject.detail.like(pattern, escape="\\")
        )
    return paged(session, query, limit=limit, offset=offset)


def _projects() -> AnySelect:
    return projects.joined().order_by(
        Plan.is_reference, Plan.id, KeyProject.column_number, KeyProject.id
    )


def find_observations(
    session: Session,
    *,
    plan_id: int | None = None,
    indicator_id: int | None = None,
    region: str | None = None,
    year: int | None = None,
    state: str = ReviewState.APPROVED.value,
    limit: int | None,
    offset: int = 0,
) -> tuple[list[tuple[Observation, ObservationRevision, Indicator, str]], int]:
    """Observations with one revision each: the value in force (state `approved`), else the
    newest revision when it is in `state` (`any`: whatever its state)."""
    pointer = (
        Observation.current_revision_id
        if state == ReviewState.APPROVED.value
        else Observation.latest_revision_id
    )
    query = (
        select(Observation, ObservationRevision, Indicator, Region.name)
        .join(ObservationRevision, ObservationRevision.id == pointer)
        .join(Indicator, Indicator.id == Observation.indicator_id)
        .join(Region, Region.id == Observation.region_id)
        .order_by(Indicator.plan_id, Indicator.position, Region.id, Observation.year)
    )
    if state not in (ReviewState.APPROVED.value, ANY_STATE):
        query = query.where(ObservationRevision.state == ReviewState(state).value)
    filters = {
        Indicator.plan_id: plan_id,
        Observation.indicator_id: indicator_id,
        Region.name: region,
        Observation.year: year,
    }
    for column_, wanted in filters.items():
        if wanted is not None:
            query = query.where(column_ == wanted)
    return paged(session, query, limit=limit, offset=offset)


def count_rows(session: Session, *, table: Any, plan_id: int) -> int:
    """How many rows of a plan-part table belong to the plan."""
    query = select(func.count()).select_from(table).where(table.plan_id == plan_id)
    return session.scalar(query) or 0


def domain_counts(session: Session, *, table: Any, plan_id: int) -> dict[str, int]:
    """Rows per domain of a plan-part table, domains in the plan's order."""
    query = (
        select(table.domain, func.count())
        .where(table.plan_id == plan_id)
        .group_by(table.domain)
        .order_by(func.min(table.position))
    )
    return {domain: count for domain, count in session.execute(query)}
