"""What changed in a plan during one calendar year: standards edited, projects updated.

The annual public report says what changed since last year; these read models give it
the edits recorded in the history tables (`ServiceItemRevision`, `KeyProjectUpdate`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from minsheng.store.repositories import projects, service_items


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
    return service_items.names_revised_between(session, plan_id=plan_id, start=start, end=end)


def projects_updated_in(session: Session, *, plan_id: int, year: int) -> list[ProjectChange]:
    """The plan's key projects updated in `year`, each with its last status of that year."""
    start, end = _year_bounds(year)
    updates = projects.updates_between(session, plan_id=plan_id, start=start, end=end)
    latest = {key: ProjectChange(name, status, progress) for key, name, status, progress in updates}
    return list(latest.values())
