"""Administration: users, departments, indicator assignments, API tokens, the audit log.

Every write here is recorded in the audit log in the same transaction.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from minsheng.errors import Conflict, InputProblem, NotFound
from minsheng.store.repositories import audit, plan_parts
from minsheng.store.tables import (
    AuditEntry,
    Department,
    Indicator,
    IndicatorAssignment,
    Plan,
    Region,
    User,
)
from minsheng.usecases.assignments import assign
from minsheng.usecases.plans import covered_regions, find_current_plan
from minsheng.usecases.users import ROLES, create_token, ensure_department

AUDIT_PAGE_SIZE = 50


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    role: str
    department: str | None


@dataclass(frozen=True)
class AssignmentRow:
    plan: str
    domain: str
    indicator: str
    region: str | None  # None: every region of the plan


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditEntry]
    total: int
    page: int
    pages: int


def list_users(session: Session) -> list[UserRow]:
    query = (
        select(User, Department.name)
        .outerjoin(Department, Department.id == User.department_id)
        .order_by(User.username)
    )
    return [UserRow(u.id, u.username, u.role, name) for u, name in session.execute(query)]


def update_user(
    session: Session, *, user_id: int, role: str, department: str | None, author: str
) -> None:
    """Change a user's role and department (blank: none)."""
    if role not in ROLES:
        raise InputProblem(f"role must be one of {', '.join(ROLES)}", field="role")
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"no user {user_id}")
    user.role = role
    user.department_id = ensure_department(session, name=department).id if department else None
    audit.record(
        session,
        username=author,
        action="update",
        entity="user",
        entity_id=user.id,
        detail={"role": role, "department": department},
    )


def list_departments(session: Session) -> list[Department]:
    return list(session.scalars(select(Department).order_by(Department.name)))


def create_department(session: Session, *, name: str, author: str) -> Department:
    name = name.strip()
    if not name:
        raise InputProblem("a department needs a name", field="name")
    if session.scalar(select(Department).where(Department.name == name)) is not None:
        raise Conflict(f"department {name!r} exists already")
    department = ensure_department(session, name=name)
    audit.record(
        session, username=author, action="create", entity="department", entity_id=department.id
    )
    return department


def assign_indicators(
    session: Session,
    *,
    department_id: int,
    indicator_ids: Sequence[int],
    region_id: int | None,
    author: str,
) -> int:
    """Let a department report several indicators, for one region or (None) all."""
    department = session.get(Department, department_id)
    if department is None:
        raise NotFound(f"no department {department_id}")
    if not indicator_ids:
        raise InputProblem("choose at least one indicator", field="indicator")
    if region_id is not None and session.get(Region, region_id) is None:
        raise NotFound(f"no region {region_id}")
    for indicator_id in indicator_ids:
        assign(
            session,
            department=department.name,
            indicator_id=indicator_id,
            region_id=region_id,
            author=author,
        )
    return len(indicator_ids)


def assignment_rows(session: Session, *, department_id: int) -> list[AssignmentRow]:
    """What a department reports, in plan and indicator order."""
    query = (
        select(Plan, Indicator, Region.name)
        .select_from(IndicatorAssignment)
        .join(Indicator, Indicator.id == IndicatorAssignment.indicator_id)
        .join(Plan, Plan.id == Indicator.plan_id)
        .outerjoin(Region, Region.id == IndicatorAssignment.region_id)
        .where(IndicatorAssignment.department_id == department_id, Plan.is_current)
        .order_by(Plan.id, Indicator.position)
    )
    return [
        AssignmentRow(plan.region.name, indicator.domain, indicator.name, region)
        for plan, indicator, region in session.execute(query)
    ]


def issue_token(session: Session, *, username: str, name: str, author: str) -> str:
    """A new API token for `username`, returned once; the log names it, never shows it."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound(f"no user {username!r}")
    if not name.strip():
        raise InputProblem("a token needs a name", field="name")
    token = create_token(session, user_id=user.id, name=name.strip())
    audit.record(
        session,
        username=author,
        action="create",
        entity="api_token",
        entity_id=user.id,
        detail={"user": username, "name": name.strip()},
    )
    return token


def audit_page(
    session: Session,
    *,
    entity: str | None = None,
    username: str | None = None,
    page: int = 1,
    size: int = AUDIT_PAGE_SIZE,
) -> AuditPage:
    """One page of the audit log, newest first, optionally for one entity kind or user."""
    conditions = []
    if entity:
        conditions.append(AuditEntry.entity == entity)
    if username:
        conditions.append(AuditEntry.username == username)
    total = session.scalar(select(func.count()).select_from(AuditEntry).where(*conditions)) or 0
    pages = max(1, math.ceil(total / size))
    page = min(max(1, page), pages)
    query = (
        select(AuditEntry)
        .where(*conditions)
        .order_by(AuditEntry.id.desc())
        .offset((page - 1) * size)
        .limit(size)
    )
    return AuditPage(list(session.scalars(query)), total, page, pages)


def audit_facets(session: Session) -> tuple[list[str], list[str]]:
    """The entity kinds and user names the log holds, for its filters."""
    entities = session.scalars(select(AuditEntry.entity).distinct().order_by(AuditEntry.entity))
    users = session.scalars(select(AuditEntry.username).distinct().order_by(AuditEntry.username))
    return list(entities), list(users)


def assignment_choices(
    session: Session, *, region: str
) -> tuple[Plan, list[Indicator], list[Region]]:
    """The plan of `region`, its indicators and the regions it covers, to assign from."""
    plan = find_current_plan(session, region=region)
    indicators = plan_parts.indicators_of(session, plan_id=plan.id)
    return plan, indicators, covered_regions(session, plan, store_children=True)
