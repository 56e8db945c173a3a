"""Reporting rounds: their scope copied at opening, each item's state read in one query,
reminders sent and departments' liaison mailboxes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, aliased

from minsheng.store.tables import (
    Department,
    DepartmentContact,
    Indicator,
    IndicatorAssignment,
    Observation,
    ObservationRevision,
    Plan,
    Region,
    ReportingRound,
    RoundItem,
    RoundReminder,
    User,
)
from minsheng.store.tables.base import utc_now

SENT_STATES = ("submitted", "approved")


@dataclass(frozen=True)
class ItemState:
    """One item a department owes, with what is stored for it now."""

    round_id: int
    department_id: int
    department: str
    indicator_id: int
    indicator: str
    region_id: int
    region: str
    year: int
    state: str | None  # the newest revision's state, None when nothing was entered
    reason: str | None  # why it was returned, when it was
    approved: bool  # a value is in force
    first_sent_at: datetime | None  # the first submission or approval


def add_round(session: Session, **fields: Any) -> ReportingRound:
    found = ReportingRound(**fields)
    session.add(found)
    session.flush()
    return found


def assigned_scope(
    session: Session, *, plan_id: int, department_id: int | None
) -> list[tuple[int, int, int | None]]:
    """(department, indicator, region or None for every region) assigned in the plan."""
    query = (
        select(
            IndicatorAssignment.department_id,
            IndicatorAssignment.indicator_id,
            IndicatorAssignment.region_id,
        )
        .join(Indicator, Indicator.id == IndicatorAssignment.indicator_id)
        .where(Indicator.plan_id == plan_id)
        .order_by(IndicatorAssignment.department_id, Indicator.position)
    )
    if department_id is not None:
        query = query.where(IndicatorAssignment.department_id == department_id)
    return [(d, i, r) for d, i, r in session.execute(query)]


def add_items(
    session: Session, *, round_id: int, items: Sequence[tuple[int, int, int, int]]
) -> None:
    """Store the round's scope: (department, indicator, region, year) each."""
    rows = [
        {"round_id": round_id, "department_id": d, "indicator_id": i, "region_id": r, "year": y}
        for d, i, r, y in items
    ]
    if rows:
        session.execute(insert(RoundItem), rows)


def all_rounds(session: Session) -> list[tuple[ReportingRound, str]]:
    """Every round, newest first, with its plan's region name."""
    query = (
        select(ReportingRound, Region.name)
        .join(Plan, Plan.id == ReportingRound.plan_id)
        .join(Region, Region.id == Plan.region_id)
        .order_by(ReportingRound.id.desc())
    )
    return [(found, region) for found, region in session.execute(query)]


def get_round(session: Session, *, round_id: int) -> ReportingRound | None:
    return session.get(ReportingRound, round_id)


def item_states(
    session: Session, *, round_ids: Sequence[int], department_id: int | None = None
) -> list[ItemState]:
    """Every item of the rounds with its newest revision and first submission, at once."""
    latest = aliased(ObservationRevision)
    query = (
        select(
            RoundItem.round_id, RoundItem.department_id, Department.name,
            RoundItem.indicator_id, Indicator.name, RoundItem.region_id, Region.name,
            RoundItem.year, latest.state, latest.reason,
            Observation.current_revision_id.is_not(None), _first_sent().c.at,
        )
        .join(Department, Department.id == RoundItem.department_id)
        .join(Indicator, Indicator.id == RoundItem.indicator_id)
        .join(Region, Region.id == RoundItem.region_id)
        .outerjoin(Observation, _same_observation())
        .outerjoin(latest, latest.id == Observation.latest_revision_id)
        .outerjoin(_first_sent(), _first_sent().c.observation_id == Observation.id)
        .where(RoundItem.round_id.in_(round_ids))
        .order_by(Department.name, Indicator.position, Region.id, RoundItem.year)
    )  # fmt: skip
    if department_id is not None:
        query = query.where(RoundItem.department_id == department_id)
    return [ItemState(*row[:10], bool(row[10]), row[11]) for row in session.execute(query)]


def _same_observation() -> Any:
    return (
        (Observation.indicator_id == RoundItem.indicator_id)
        & (Observation.region_id == RoundItem.region_id)
        & (Observation.year == RoundItem.year)
    )


_FIRST_SENT = (
    select(
        ObservationRevision.observation_id,
        func.min(ObservationRevision.created_at).label("at"),
    )
    .where(ObservationRevision.state.in_(SENT_STATES))
    .group_by(ObservationRevision.observation_id)
    .subquery("first_sent")
)


def _first_sent() -> Any:
    """When each observation was first submitted (or approved directly)."""
    return _FIRST_SENT


def open_rounds_of(session: Session, *, department_id: int) -> list[int]:
    """Ids of the rounds not closed in which the department owes something."""
    query = (
        select(RoundItem.round_id)
        .join(ReportingRound, ReportingRound.id == RoundItem.round_id)
        .where(RoundItem.department_id == department_id, ReportingRound.closed_at.is_(None))
        .distinct()
    )
    return sorted(session.scalars(query), reverse=True)


def add_reminder(session: Session, **fields: Any) -> RoundReminder:
    reminder = RoundReminder(**fields)
    session.add(reminder)
    session.flush()
    return reminder


def reminders(
    session: Session, *, round_id: int | None = None, department_id: int | None = None
) -> list[tuple[RoundReminder, str]]:
    """Reminders sent, newest first, with the department's name."""
    query = select(RoundReminder, Department.name).join(
        Department, Department.id == RoundReminder.department_id
    )
    if round_id is not None:
        query = query.where(RoundReminder.round_id == round_id)
    if department_id is not None:
        query = query.where(RoundReminder.department_id == department_id)
    query = query.order_by(RoundReminder.id.desc())
    return [(reminder, name) for reminder, name in session.execute(query)]


def reporters_of(session: Session, *, department_id: int) -> list[str]:
    """User names of the department's accounts, who see the in-app reminder."""
    query = select(User.username).where(User.department_id == department_id).order_by(User.id)
    return list(session.scalars(query))


def contacts(session: Session) -> dict[int, str]:
    """Each department's liaison mailbox, by department id."""
    query = select(DepartmentContact.department_id, DepartmentContact.email)
    return {department_id: email for department_id, email in session.execute(query)}


def set_contact(session: Session, *, department_id: int, email: str | None, author: str) -> None:
    """Set (or with None remove) the department's liaison mailbox."""
    found = session.get(DepartmentContact, department_id)
    if email is None:
        if found is not None:
            session.delete(found)
    elif found is None:
        session.add(DepartmentContact(department_id=department_id, email=email, updated_by=author))
    else:
        found.email, found.updated_by, found.updated_at = email, author, utc_now()
    session.flush()
