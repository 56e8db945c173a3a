"""Administration: users, departments, indicator assignments, API tokens, the audit log.

Every write here is recorded in the audit log in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from minsheng.errors import Conflict, InputProblem, NotFound
from minsheng.store.repositories import assignments, audit, plan_parts, regions, users
from minsheng.store.tables import User
from minsheng.usecases.assignments import assign, unassign
from minsheng.usecases.plans import covered_regions, find_current_plan
from minsheng.usecases.read.indicators import IndicatorRow
from minsheng.usecases.read.plans import PlanSummary, RegionRef
from minsheng.usecases.sign_in import close_sessions_of
from minsheng.usecases.users import ROLES, checked_email, create_token, ensure_department


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    role: str
    department: str | None
    active: bool
    email: str | None


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
    indicator_id: int = 0
    region_id: int | None = None


def list_users(session: Session) -> list[UserRow]:
    return [
        UserRow(u.id, u.username, u.role, name, u.active, u.email)
        for u, name in users.users_with_departments(session)
    ]


class LastAdministrator(Conflict):
    """The change would leave no active administrator to maintain the system."""

    code = "last_admin"


def update_user(
    session: Session,
    *,
    user_id: int,
    role: str,
    department: str | None,
    author: str,
    email: str | None = None,
) -> None:
    """Change a user's role, department (blank: none) and e-mail; the log keeps old → new."""
    if role not in ROLES:
        raise InputProblem(f"role must be one of {', '.join(ROLES)}", field="role")
    user = _user(session, user_id)
    before = {"role": user.role, "department": _department_of(session, user), "email": user.email}
    user.role = role
    user.department_id = ensure_department(session, name=department).id if department else None
    user.email = checked_email(email)
    _keep_an_administrator(session, user.username)
    if before["role"] != role:
        close_sessions_of(session, user_id=user.id)  # signed in afresh with the new role
    after = {"role": role, "department": department, "email": user.email}
    changed = {k: {"from": before[k], "to": v} for k, v in after.items() if before[k] != v}
    audit.record(
        session,
        username=author,
        action="update",
        entity="user",
        entity_id=user.id,
        detail={"username": user.username} | changed,
    )


def change_role(
    session: Session, *, username: str, role: str, department: str | None, author: str
) -> None:
    """`minsheng user role`: a new role, and a new department when one is given."""
    user = users.user_named(session, username=username)
    if user is None:
        raise NotFound(f"no user {username!r}")
    update_user(
        session,
        user_id=user.id,
        role=role,
        department=department or _department_of(session, user),
        email=user.email,
        author=author,
    )


def set_active(session: Session, *, username: str, active: bool, author: str) -> bool:
    """Deactivate or reactivate a user; False when they already were so (nothing logged)."""
    user = users.user_named(session, username=username)
    if user is None:
        raise NotFound(f"no user {username!r}")
    if user.active == active:
        return False
    user.active = active
    _keep_an_administrator(session, username)
    if not active:
        close_sessions_of(session, user_id=user.id)
    audit.record(
        session,
        username=author,
        action="activate" if active else "deactivate",
        entity="user",
        entity_id=user.id,
        detail={"username": username},
    )
    return True


def _keep_an_administrator(session: Session, username: str) -> None:
    session.flush()
    if not users.active_admins(session):
        raise LastAdministrator(
            f"{username} is the last active administrator; make another user admin first"
        )


def _user(session: Session, user_id: int) -> User:
    user = users.get_user(session, user_id=user_id)
    if user is None:
        raise NotFound(f"no user {user_id}")
    return user


def username_of(session: Session, *, user_id: int) -> str:
    """The name of user `user_id` (a page's forms post ids, the use cases take names)."""
    return _user(session, user_id).username


def _department_of(session: Session, user: User) -> str | None:
    if user.department_id is None:
        return None
    department = users.get_department(session, department_id=user.department_id)
    return department.name if department else None


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
    """What a department reports, in plan and indicator order, with the ids to unassign."""
    held = assignments.assignments_of(session, department_id=department_id)
    named = {(a.indicator_id, _region_name(session, a.region_id)): a.region_id for a in held}
    return [
        AssignmentRow(
            plan.region.name,
            indicator.domain,
            indicator.name,
            region,
            indicator.id,
            named.get((indicator.id, region)),
        )
        for plan, indicator, region in assignments.current_assignments(
            session, department_id=department_id
        )
    ]


def _region_name(session: Session, region_id: int | None) -> str | None:
    place = regions.get_region(session, region_id=region_id) if region_id else None
    return place.name if place else None


def unassign_indicator(
    session: Session, *, department_id: int, indicator_id: int, region_id: int | None, author: str
) -> None:
    """Take one assignment away from a department (audited by `unassign`)."""
    department = users.get_department(session, department_id=department_id)
    if department is None:
        raise NotFound(f"no department {department_id}")
    unassign(
        session,
        department=department.name,
        indicator_id=indicator_id,
        region_id=region_id,
        author=author,
    )


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
