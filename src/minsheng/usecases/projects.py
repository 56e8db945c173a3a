"""Key projects: listed and filtered, and their status and progress kept up by planners.

Every change adds a `KeyProjectUpdate` row (the history) and an audit entry; the project
row holds the latest status and progress.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from minsheng.errors import InputProblem, NotFound
from minsheng.store.repositories import audit, plans
from minsheng.store.repositories import projects as repository
from minsheng.store.tables import KeyProjectUpdate
from minsheng.usecases.read.plans import PlanSummary
from minsheng.usecases.read.projects import ColumnRow, ProjectRow, ProjectUpdateRow
from minsheng.usecases.standards import score

STATUSES = ("planned", "in_progress", "completed", "delayed")
PAGE_SIZE = 50
MAX_NOTE_LENGTH = 2000


@dataclass(frozen=True)
class ProjectFilter:
    plan_id: int | None = None
    column: int | None = None
    status: str | None = None
    query: str = ""


@dataclass(frozen=True)
class ProjectPage:
    rows: list[ProjectRow]
    total: int
    page: int
    pages: int
    plans: list[PlanSummary]
    columns: list[ColumnRow]  # the selected plan's project columns, for the filter


def list_projects(session: Session, wanted: ProjectFilter, *, page: int = 1) -> ProjectPage:
    """One page of current plans' key projects matching every filter (q: substring, AND)."""
    if wanted.status and wanted.status not in STATUSES:
        raise InputProblem(f"status must be one of {', '.join(STATUSES)}", field="status")
    filters = _filters(wanted)
    total = repository.count_current_projects(session, **filters)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(max(page, 1), pages)
    offset = (page - 1) * PAGE_SIZE
    found = repository.current_projects(session, **filters, limit=PAGE_SIZE, offset=offset)
    rows = [ProjectRow.of(*row) for row in found]
    return ProjectPage(rows, total, page, pages, _plans(session), _columns(session, wanted))


def _filters(wanted: ProjectFilter) -> dict[str, Any]:
    """The filter as the repository's keywords: each word of the query must match."""
    return {
        "plan_ids": None if wanted.plan_id is None else [wanted.plan_id],
        "column": wanted.column,
        "status": wanted.status,
        "words": wanted.query.split(),
    }


def _plans(session: Session) -> list[PlanSummary]:
    listed = repository.plan_ids_with_projects(session)
    return [PlanSummary.of(plan) for plan in plans.current_plans(session) if plan.id in listed]


def _columns(session: Session, wanted: ProjectFilter) -> list[ColumnRow]:
    if wanted.plan_id is None:
        return []
    return [
        ColumnRow.of(column)
        for column in repository.project_columns(session, plan_id=wanted.plan_id)
    ]


def matching_projects(
    session: Session, *, terms: Sequence[str], plan_ids: Sequence[int], limit: int = 20
) -> list[ProjectRow]:
    """Key projects whose name or column title matches every term, as the catalogue does."""
    if not terms:
        return []
    scored = [
        (score(terms, [project.name, project.detail, title]), ProjectRow.of(project, title, region))
        for project, title, region in repository.current_projects(session, plan_ids=plan_ids)
    ]
    ranked = sorted((pair for pair in scored if pair[0]), key=lambda pair: -pair[0])
    return [row for _, row in ranked[:limit]]


@dataclass(frozen=True)
class ProjectDetail:
    project: ProjectRow
    plan: PlanSummary  # the plan version that lists it, current or not
    updates: list[ProjectUpdateRow]  # newest first


def project_detail(session: Session, *, project_id: int) -> ProjectDetail:
    found = repository.project_in_plan(session, project_id=project_id)
    if found is None:
        raise NotFound(f"no key project {project_id}")
    project, plan, column = found
    updates = repository.updates_of(session, project_id=project_id)
    return ProjectDetail(
        ProjectRow.of(project, column.title, plan.region.name),
        PlanSummary.of(plan),
        [ProjectUpdateRow.of(update) for update in updates],
    )


def parse_progress(text: str | None) -> int | None:
    """A progress percentage typed into a form: blank is unknown, else a whole 0–100."""
    if text is None or not text.strip():
        return None
    try:
        value = int(text.strip())
    except ValueError:
        raise InputProblem(
            "progress must be a whole number from 0 to 100", field="progress"
        ) from None
    if not 0 <= value <= 100:
        raise InputProblem("progress must be from 0 to 100", field="progress")
    return value


def update_project(
    session: Session,
    *,
    project_id: int,
    status: str,
    progress: int | None,
    note: str | None,
    author: str,
) -> KeyProjectUpdate:
    """Set status and progress, keeping the change as an update row and in the audit log."""
    if status not in STATUSES:
        raise InputProblem(f"status must be one of {', '.join(STATUSES)}", field="status")
    if progress is not None and not 0 <= progress <= 100:
        raise InputProblem("progress must be from 0 to 100", field="progress")
    note = (note or "").strip() or None
    if note and len(note) > MAX_NOTE_LENGTH:
        raise InputProblem(f"at most {MAX_NOTE_LENGTH} characters", field="note")
    project = repository.get_project(session, project_id=project_id)
    if project is None:
        raise NotFound(f"no key project {project_id}")
    before = {"status": project.status, "progress": project.progress}
    update = KeyProjectUpdate(
        key_project_id=project.id, status=status, progress=progress, note=note, author=author
    )
    session.add(update)
    project.status, project.progress = status, progress
    session.flush()
    audit.record(
        session,
        username=author,
        action="update",
        entity="key_project",
        entity_id=project.id,
        detail={
            "update": update.id,
            "before": before,
            "after": {"status": status, "progress": progress},
        },
    )
    return update
