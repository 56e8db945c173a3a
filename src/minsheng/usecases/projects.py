"""Key projects: listed and filtered, and their status and progress kept up by planners.

Every change adds a `KeyProjectUpdate` row (the history) and an audit entry; the project
row holds the latest status and progress.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from minsheng.errors import InputProblem, NotFound
from minsheng.store.repositories import audit, plans
from minsheng.store.tables import KeyProject, KeyProjectUpdate, Plan, PlanColumn
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
class ProjectRow:
    project: KeyProject
    plan: Plan
    column: PlanColumn


@dataclass(frozen=True)
class ProjectPage:
    rows: list[ProjectRow]
    total: int
    page: int
    pages: int
    plans: list[Plan]
    columns: list[PlanColumn]  # the selected plan's project columns, for the filter


def _base(wanted: ProjectFilter):  # noqa: ANN202 - a SQLAlchemy select of three entities
    query = (
        select(KeyProject, Plan, PlanColumn)
        .join(Plan, Plan.id == KeyProject.plan_id)
        .join(
            PlanColumn,
            (PlanColumn.plan_id == KeyProject.plan_id)
            & (PlanColumn.number == KeyProject.column_number),
        )
        .where(Plan.is_current)
    )
    if wanted.plan_id is not None:
        query = query.where(KeyProject.plan_id == wanted.plan_id)
    if wanted.column is not None:
        query = query.where(KeyProject.column_number == wanted.column)
    if wanted.status:
        query = query.where(KeyProject.status == wanted.status)
    for term in wanted.query.split():
        pattern = f"%{_escape_like(term)}%"
        query = query.where(
            KeyProject.name.like(pattern, escape="\\")
            | KeyProject.detail.like(pattern, escape="\\")
            | PlanColumn.title.like(pattern, escape="\\")
        )
    return query


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def list_projects(session: Session, wanted: ProjectFilter, *, page: int = 1) -> ProjectPage:
    """One page of current plans' key projects matching every filter (q: substring, AND)."""
    if wanted.status and wanted.status not in STATUSES:
        raise InputProblem(f"status must be one of {', '.join(STATUSES)}", field="status")
    query = _base(wanted)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(max(page, 1), pages)
    ordered = query.order_by(Plan.id, KeyProject.column_number, KeyProject.id)
    found = session.execute(ordered.offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE))
    rows = [ProjectRow(*row) for row in found]
    return ProjectPage(rows, total, page, pages, _plans(session), _columns(session, wanted))


def _plans(session: Session) -> list[Plan]:
    listed = set(session.scalars(select(KeyProject.plan_id).distinct()))
    return [plan for plan in plans.current_plans(session) if plan.id in listed]


def _columns(session: Session, wanted: ProjectFilter) -> list[PlanColumn]:
    if wanted.plan_id is None:
        return []
    query = (
        select(PlanColumn)
        .where(PlanColumn.plan_id == wanted.plan_id, PlanColumn.kind == "projects")
        .order_by(PlanColumn.number)
    )
    return list(session.scalars(query))


def matching_projects(
    session: Session, *, terms: Sequence[str], plan_ids: Sequence[int], limit: int = 20
) -> list[ProjectRow]:
    """Key projects whose name or column title matches every term, as the catalogue does."""
    if not terms:
        return []
    query = _base(ProjectFilter()).where(KeyProject.plan_id.in_(plan_ids))
    scored = [
        (
            score(terms, [project.name, project.detail, column.title]),
            ProjectRow(project, plan, column),
        )
        for project, plan, column in session.execute(query)
    ]
    ranked = sorted((pair for pair in scored if pair[0]), key=lambda pair: -pair[0])
    return [row for _, row in ranked[:limit]]


@dataclass(frozen=True)
class ProjectDetail:
    row: ProjectRow
    updates: list[KeyProjectUpdate]  # newest first


def project_detail(session: Session, *, project_id: int) -> ProjectDetail:
    project = session.get(KeyProject, project_id)
    if project is None:
        raise NotFound(f"no key project {project_id}")
    plan = session.get_one(Plan, project.plan_id)
    column = session.get_one(PlanColumn, (project.plan_id, project.column_number))
    updates = session.scalars(
        select(KeyProjectUpdate)
        .where(KeyProjectUpdate.key_project_id == project_id)
        .order_by(KeyProjectUpdate.id.desc())
    )
    return ProjectDetail(ProjectRow(project, plan, column), list(updates))


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
    project = session.get(KeyProject, project_id)
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
