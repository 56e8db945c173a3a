"""What changed in a plan during one calendar year: standards edited, projects updated.

The annual public report says what changed since last year; these read models give it
the edits recorded in the history tables (`ServiceItemRevision`, `KeyProjectUpdate`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from minsheng.store.tables import KeyProject, KeyProjectUpdate, ServiceItem, ServiceItemRevision


@dataclass(frozen=True)
class ProjectChange:
    name: str
    status: str
    progress: int | None


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    return datetime(year, 1, 1, tzinfo=UTC), datetime(year + 1, 1, 1, tzinfo=UTC)


def standards_revised_in(session: Session, *, plan_id: int, year: int) -> list[str]:
    """Names of the plan's service items whose standard was edited in `year`, in plan order."""
    start, end = _year_bounds(year)
    query = (
        select(ServiceItem.name)
        .join(ServiceItemRevision, ServiceItemRevision.service_item_id == ServiceItem.id)
        .where(ServiceItem.plan_id == plan_id)
        .where(ServiceItemRevision.created_at >= start, ServiceItemRevision.created_at < end)
        .group_by(ServiceItem.id, ServiceItem.name, ServiceItem.position)
        .order_by(ServiceItem.position)
    )
    return list(session.scalars(query))


def projects_updated_in(session: Session, *, plan_id: int, year: int) -> list[ProjectChange]:
    """The plan's key projects updated in `year`, each with its last status of that year."""
    start, end = _year_bounds(year)
    query = (
        select(KeyProject.id, KeyProject.name, KeyProjectUpdate.status, KeyProjectUpdate.progress)
        .join(KeyProjectUpdate, KeyProjectUpdate.key_project_id == KeyProject.id)
        .where(KeyProject.plan_id == plan_id)
        .where(KeyProjectUpdate.created_at >= start, KeyProjectUpdate.created_at < end)
        .order_by(KeyProject.id, KeyProjectUpdate.id)
    )
    latest = {
        row.id: ProjectChange(row.name, row.status, row.progress) for row in session.execute(query)
    }
    return list(latest.values())
