"""Which department reports which indicators (and for which regions)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from minsheng.errors import NotFound
from minsheng.store.repositories import assignments, audit, plan_parts, regions, users
from minsheng.store.repositories import scopes as scope_rows
from minsheng.store.tables import IndicatorAssignment
from minsheng.usecases import scopes
from minsheng.usecases.observations import Permission
from minsheng.usecases.plans import find_current_plan
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


def permission_for(
    session: Session, account: Account, *, plan_id: int | None = None
) -> Permission | None:
    """What the account may write: None (anything) for an unscoped admin or planner.

    With `plan_id` (every write), the plan is first checked against the account's region
    and only that plan's assignments count: an indicator's name repeats across plans, so
    a 合肥 assignment must not let its holder write 六安's indicator of the same name.
    """
    places = _places(session, account, plan_id)
    if account.role in UNRESTRICTED_ROLES:
        return None if places is None else lambda _indicator, region: region in places
    if account.department_id is None:
        return lambda _indicator, _region: False
    allowed = set(
        assignments.assigned_names(session, department_id=account.department_id, plan_id=plan_id)
    )

    def may_report(indicator: str, region: str) -> bool:
        if places is not None and region not in places:
            return False
        return (indicator, region) in allowed or (indicator, None) in allowed

    return may_report


def permission_in(session: Session, account: Account, *, region: str) -> Permission | None:
    """`permission_for` the current plan of the region people name (合肥市): for the edges."""
    plan = find_current_plan(session, region=region)
    return permission_for(session, account, plan_id=plan.id)


def _places(session: Session, account: Account, plan_id: int | None) -> set[str] | None:
    """The plan's regions the account may write (None: all of them); a plan outside the
    account's region is refused (403)."""
    if plan_id is None:
        return None
    scope = scopes.region_of(session, username=account.username)
    plan_region = scope_rows.plan_region(session, plan_id=plan_id)
    if scopes.covers(session, scope=scope, region_id=plan_region):
        return None
    below = regions.children(session, region_id=plan_region)
    inside = {r.name for r in below if scopes.covers(session, scope=scope, region_id=r.id)}
    if not inside:
        scopes.check_region(session, username=account.username, region_id=plan_region)
    return inside


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
