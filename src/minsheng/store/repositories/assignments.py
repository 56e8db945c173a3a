"""Which department reports which indicator, for one region or for all of them."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from minsheng.store.tables import Department, IndicatorAssignment

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
