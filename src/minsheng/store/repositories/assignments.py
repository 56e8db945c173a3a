"""Which department reports which indicator, for one region or for all of them."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from minsheng.store.tables import Department, Indicator, IndicatorAssignment, Plan, Region

Owners = dict[tuple[int, int | None], list[str]]
"""Department names per (indicator id, region id, or None for every region)."""


def department_owners(session: Session) -> Owners:
    """Every assignment's department name, keyed by indicator and region."""
    query = select(IndicatorAssignment, Department.name).join(
        Department, Department.id == IndicatorAssignment.department_id
    )
    owners: Owners = defaultdict(list)
    for assignment, name in session.execute(query):
        owners[assignment.indicator_id, assignment.region_id].append(name)
    return owners


def find_assignment(
    session: Session, *, department_id: int, indicator_id: int, region_id: int | None
) -> IndicatorAssignment | None:
    """The department's assignment of the indicator for exactly this region (None: all)."""
    query = select(IndicatorAssignment).where(
        IndicatorAssignment.department_id == department_id,
        IndicatorAssignment.indicator_id == indicator_id,
        IndicatorAssignment.region_id.is_(None)
        if region_id is None
        else IndicatorAssignment.region_id == region_id,
    )
    return session.scalar(query)


def assignments_of(session: Session, *, department_id: int) -> list[IndicatorAssignment]:
    query = select(IndicatorAssignment).where(IndicatorAssignment.department_id == department_id)
    return list(session.scalars(query))


def assigned_names(
    session: Session, *, department_id: int, plan_id: int | None = None
) -> list[tuple[str, str | None]]:
    """(indicator name, region name or None for every region) the department reports, in
    one plan when `plan_id` is given (names are unique only within a plan)."""
    query = (
        select(Indicator.name, Region.name)
        .select_from(IndicatorAssignment)
        .join(Indicator, Indicator.id == IndicatorAssignment.indicator_id)
        .outerjoin(Region, Region.id == IndicatorAssignment.region_id)
        .where(IndicatorAssignment.department_id == department_id)
    )
    if plan_id is not None:
        query = query.where(Indicator.plan_id == plan_id)
    return [(indicator, region) for indicator, region in session.execute(query)]


def current_assignments(
    session: Session, *, department_id: int
) -> list[tuple[Plan, Indicator, str | None]]:
    """The department's assignments in current plans: (plan, indicator, region name or
    None for every region), in plan and indicator order."""
    query = (
        select(Plan, Indicator, Region.name)
        .select_from(IndicatorAssignment)
        .join(Indicator, Indicator.id == IndicatorAssignment.indicator_id)
        .join(Plan, Plan.id == Indicator.plan_id)
        .outerjoin(Region, Region.id == IndicatorAssignment.region_id)
        .where(IndicatorAssignment.department_id == department_id, Plan.is_current)
        .order_by(Plan.id, Indicator.position)
    )
    return [(plan, indicator, region) for plan, indicator, region in session.execute(query)]


def assigned_plan_ids(session: Session, *, department_id: int) -> set[int]:
    """The plans (any version) holding an indicator the department is assigned."""
    query = (
        select(Indicator.plan_id)
        .join(IndicatorAssignment, IndicatorAssignment.indicator_id == Indicator.id)
        .where(IndicatorAssignment.department_id == department_id)
        .distinct()
    )
    return set(session.scalars(query))
