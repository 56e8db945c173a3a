"""Administration: users, departments, indicator assignments, API tokens, the audit log.

Every write here is recorded in the audit log in the same transaction.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from minsheng.errors import Conflict, InputProblem, NotFound
from minsheng.store.repositories import assignments, audit, plan_parts, regions, users
from minsheng.store.tables import AuditEntry
from minsheng.usecases.assignments import assign
from minsheng.usecases.plans import covered_regions, find_current_plan
from minsheng.usecases.read.indicators import IndicatorRow
from minsheng.usecases.read.plans import PlanSummary, RegionRef
from minsheng.usecases.users import ROLES, create_token, ensure_department

AUDIT_PAGE_SIZE = 50


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    role: str
    department: str | None


@dataclass(frozen=True)
class DepartmentRow:
    id: int
    name: str


@dataclass(frozen=True)
class AssignmentRow:
    plan: str
    domain: str
    indicator: str
    region: str | None  # None: every region of the plan


@dataclass(frozen=True)
class AuditRow:
    """One write as the log page shows it."""

    id: int
    at: datetime
    username: str
    action: str
    entity: str
    entity_id: int | None
    detail: dict[str, Any]

    @classmethod
    def of(cls, entry: AuditEntry) -> AuditRow:
        return cls(
            entry.id,
            entry.at,
            entry.username,
            entry.action,
            entry.entity,
            entry.entity_id,
            dict(entry.detail or {}),
        )


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditRow]
    total: int
    page: int
    pages: int


def list_users(session: Session) -> list[UserRow]:
    return [
        UserRow(u.id, u.username, u.role, name) for u, name in users.users_with_departments(session)
    ]


def update_user(
    session: Session, *, user_id: int, role: str, department: str | None, author: str
) -> None:
    """Change a user's role and department (blank: none)."""
    if role not in ROLES:
        raise InputProblem(f"role must be one of {', '.join(ROLES)}", field="role")
    user = users.get_user(session, user_id=user_id)
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


def list_departments(session: Session) -> list[DepartmentRow]:
    """Every department, by name."""
    return [DepartmentRow(d.id, d.name) for d in users.departments(session)]


def create_department(session: Session, *, name: str, author: str) -> DepartmentRow:
    name = name.strip()
    if not name:
        raise InputProblem("a department needs a name", field="name")
    if users.department_named(session, name=name) is not None:
        raise Conflict(f"department {name!r} exists already")
    department = ensure_department(session, name=name)
    audit.record(
        session, username=author, action="create", entity="department", entity_id=department.id
    )
    return DepartmentRow(department.id, department.name)


def assign_indicators(
    session: Session,
    *,
    department_id: int,
    indicator_ids: Sequence[int],
    region_id: int | None,
    author: str,
) -> int:
    """Let a department report several indicators, for one region or (None) all."""
    department = users.get_department(session, department_id=department_id)
    if department is None:
        raise NotFound(f"no department {department_id}")
    if not indicator_ids:
        raise InputProblem("choose at least one indicator", field="indicator")
    if region_id is not None and regions.get_region(session, region_id=region_id) is None:
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
    return [
        AssignmentRow(plan.region.name, indicator.domain, indicator.name, region)
        for plan, indicator, region in assignments.current_assignments(
            session, department_id=department_id
        )
    ]


def issue_token(session: Session, *, username: str, name: str, author: str) -> str:
    """A new API token for `username`, returned once; the log names it, never shows it."""
    user = users.user_named(session, username=username)
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
    total = audit.count_entries(session, entity=entity, username=username)
    pages = max(1, math.ceil(total / size))
    page = min(max(1, page), pages)
    entries = audit.newest_entries(
        session, entity=entity, username=username, limit=size, offset=(page - 1) * size
    )
    return AuditPage([AuditRow.of(entry) for entry in entries], total, page, pages)


def audit_facets(session: Session) -> tuple[list[str], list[str]]:
    """The entity kinds and user names the log holds, for its filters."""
    return audit.logged_entities(session), audit.logged_usernames(session)


def assignment_choices(
    session: Session, *, region: str
) -> tuple[PlanSummary, list[IndicatorRow], list[RegionRef]]:
    """The plan of `region`, its indicators and the regions it covers, to assign from."""
    plan = find_current_plan(session, region=region)
    indicators = [
        IndicatorRow.of(indicator, plan.region.name)
        for indicator in plan_parts.indicators_of(session, plan_id=plan.id)
    ]
    covered = covered_regions(session, plan, store_children=True)
    places = [RegionRef(place.id, place.name, place.code) for place in covered]
    return PlanSummary.of(plan), indicators, places
