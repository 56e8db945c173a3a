"""Suggestions (意见建议): stored, moderated, routed and replied; filtering and counting
run in SQL, the default department of a topic too."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from minsheng.store.repositories.names import names_by_id
from minsheng.store.tables import (
    Department,
    Indicator,
    IndicatorAssignment,
    Region,
    ServiceItem,
)
from minsheng.store.tables.suggestions import Suggestion

ENTITY = "suggestion"
"""The audit log's entity name for suggestions."""


@dataclass(frozen=True)
class SuggestionQuery:
    """Which suggestions to list; None is no filter. `state` is one of 'pending', 'open'
    (accepted, not replied), 'overdue' (open and submitted before `due_before`), 'replied',
    'rejected'; `public` keeps only those published."""

    state: str | None = None
    public: bool = False
    department_id: int | None = None
    plan_id: int | None = None
    domain: str | None = None
    due_before: datetime | None = None


def _open() -> ColumnElement[bool]:
    return and_(Suggestion.status == "accepted", Suggestion.reply.is_(None))


def _state(state: str, due_before: datetime | None) -> ColumnElement[bool]:
    if state == "open":
        return _open()
    if state == "overdue":
        return and_(_open(), Suggestion.submitted_at < due_before)
    if state == "replied":
        return Suggestion.reply.is_not(None)
    return Suggestion.status == state


def _conditions(wanted: SuggestionQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if wanted.state:
        conditions.append(_state(wanted.state, wanted.due_before))
    if wanted.public:
        conditions.append(and_(Suggestion.public, Suggestion.status == "accepted"))
    if wanted.department_id is not None:
        conditions.append(Suggestion.department_id == wanted.department_id)
    if wanted.plan_id is not None:
        conditions.append(Suggestion.plan_id == wanted.plan_id)
    if wanted.domain:
        conditions.append(Suggestion.domain == wanted.domain)
    return conditions


def find_suggestions(
    session: Session, wanted: SuggestionQuery, *, limit: int | None = None, offset: int = 0
) -> list[Suggestion]:
    """Newest first."""
    query = select(Suggestion).where(*_conditions(wanted))
    query = query.order_by(Suggestion.submitted_at.desc(), Suggestion.id.desc())
    return list(session.scalars(query.offset(offset).limit(limit)))


def count_suggestions(session: Session, wanted: SuggestionQuery) -> int:
    query = select(func.count()).select_from(Suggestion).where(*_conditions(wanted))
    return session.scalar(query) or 0


def state_counts(
    session: Session, wanted: SuggestionQuery, *, due_before: datetime
) -> dict[str, int]:
    """Pending, open, overdue, replied and rejected among those wanted (but their state)."""
    base = _conditions(SuggestionQuery(None, wanted.public, wanted.department_id,
                                       wanted.plan_id, wanted.domain))  # fmt: skip
    states = ("pending", "open", "overdue", "replied", "rejected")
    query = select(*(func.count().filter(_state(s, due_before)) for s in states)).where(*base)
    return dict(zip(states, session.execute(query).one(), strict=True))


def response_times(
    session: Session, wanted: SuggestionQuery
) -> list[tuple[str, datetime, datetime | None]]:
    """(domain, submitted, replied or None) of every accepted suggestion wanted."""
    query = select(Suggestion.domain, Suggestion.submitted_at, Suggestion.replied_at)
    query = query.where(Suggestion.status == "accepted", *_conditions(wanted))
    return [(row[0], row[1], row[2]) for row in session.execute(query)]


def get_suggestion(session: Session, *, suggestion_id: int) -> Suggestion | None:
    return session.get(Suggestion, suggestion_id)


def add_suggestion(session: Session, suggestion: Suggestion) -> Suggestion:
    session.add(suggestion)
    session.flush()
    return suggestion


def has_samples(session: Session) -> bool:
    return session.scalar(select(Suggestion.id).where(Suggestion.sample).limit(1)) is not None


@dataclass(frozen=True)
class Names:
    departments: dict[int, str]
    regions: dict[int, str]
    items: dict[int, str]
    indicators: dict[int, str]


def names(session: Session, found: Collection[Suggestion]) -> Names:
    """The names a list of suggestions refers to, looked up once for all of them."""

    return Names(
        departments=names_by_id(session, Department, {s.department_id for s in found}),
        regions=names_by_id(session, Region, {s.region_id for s in found}),
        items=names_by_id(session, ServiceItem, {s.service_item_id for s in found}),
        indicators=names_by_id(session, Indicator, {s.indicator_id for s in found}),
    )


def domain_department(session: Session, *, plan_id: int, domain: str) -> str | None:
    """The department assigned the most of the plan's indicators of the domain."""
    query = (
        select(Department.name)
        .join(IndicatorAssignment, IndicatorAssignment.department_id == Department.id)
        .join(Indicator, Indicator.id == IndicatorAssignment.indicator_id)
        .where(Indicator.plan_id == plan_id, Indicator.domain == domain)
        .group_by(Department.name)
        .order_by(func.count().desc(), Department.name)
        .limit(1)
    )
    return session.scalar(query)


def department_by_name(session: Session, *, name: str) -> Department | None:
    return session.scalar(select(Department).where(Department.name == name))


def department_names(session: Session) -> list[str]:
    return list(session.scalars(select(Department.name).order_by(Department.name)))


def plan_domains(session: Session, *, plan_id: int) -> list[str]:
    """The plan's domains, in the order its indicators and then its items first name them."""
    first = func.min(Indicator.position)
    from_indicators = select(Indicator.domain).where(Indicator.plan_id == plan_id)
    ordered = list(session.scalars(from_indicators.group_by(Indicator.domain).order_by(first)))
    from_items = select(ServiceItem.domain).where(ServiceItem.plan_id == plan_id).distinct()
    return ordered + sorted(set(session.scalars(from_items)) - set(ordered))
