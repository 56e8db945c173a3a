"""Which department reports which indicators (and for which regions)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from minsheng.errors import NotFound
from minsheng.store.repositories import assignments, audit, plan_parts, users
from minsheng.store.tables import IndicatorAssignment
from minsheng.usecases.observations import Permission
from minsheng.usecases.users import Account, ensure_department

UNRESTRICTED_ROLES = ("admin", "planner")


def assign(
    session: Session,
    *,
    department: str,
    indicator_id: int,
    region_id: int | None,
    author: str,
) -> IndicatorAssignment:
    """Let `department` report an indicator, for one region or (None) all of the plan's."""
    if plan_parts.get_indicator(session, indicator_id=indicator_id) is None:
        raise NotFound(f"no indicator {indicator_id}")
    owner = ensure_department(session, name=department)
    found = assignments.find_assignment(
        session, department_id=owner.id, indicator_id=indicator_id, region_id=region_id
    )
    if found is not None:
        return found
    assignment = IndicatorAssignment(
        department_id=owner.id, indicator_id=indicator_id, region_id=region_id
    )
    session.add(assignment)
    session.flush()
    audit.record(
        session,
        username=author,
        action="assign",
        entity="indicator",
        entity_id=indicator_id,
        detail={"department": department, "region_id": region_id},
    )
    return assignment


def unassign(
    session: Session, *, department: str, indicator_id: int, region_id: int | None, author: str
) -> None:
    """Take an assignment away (for exactly that region, None: all); an assignment that
    does not exist is named, not ignored."""
    owner = users.department_named(session, name=department)
    found = (
        assignments.find_assignment(
            session, department_id=owner.id, indicator_id=indicator_id, region_id=region_id
        )
        if owner is not None
        else None
    )
    if found is None:
        raise NotFound(f"{department} is not assigned indicator {indicator_id} for that region")
    session.delete(found)
    session.flush()
    audit.record(
        session, username=author, action="unassign", entity="indicator", entity_id=indicator_id,
        detail={"department": department, "region_id": region_id},
    )  # fmt: skip


def assignments_of(session: Session, *, department_id: int) -> list[IndicatorAssignment]:
    return assignments.assignments_of(session, department_id=department_id)


def permission_for(session: Session, account: Account) -> Permission | None:
    """None (anything) for admins and planners; a reporter's department's assignments."""
    if account.role in UNRESTRICTED_ROLES:
        return None
    if account.department_id is None:
        return lambda _indicator, _region: False
    allowed = set(assignments.assigned_names(session, department_id=account.department_id))
    return lambda indicator, region: (indicator, region) in allowed or (indicator, None) in allowed


def department_permission(session: Session, *, name: str) -> Permission | None:
    """What the department of this name is assigned to report; None when there is no
    such department or it has no assignments yet (nothing to narrow a template to)."""
    department = users.department_named(session, name=name)
    if department is None:
        return None
    allowed = set(assignments.assigned_names(session, department_id=department.id))
    if not allowed:
        return None
    return lambda indicator, region: (indicator, region) in allowed or (indicator, None) in allowed


def department_name(session: Session, *, department_id: int | None) -> str | None:
    department = (
        users.get_department(session, department_id=department_id) if department_id else None
    )
    return department.name if department else None
