"""Key projects of the plans' columns, the columns themselves and the projects' update
history, as read models."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from minsheng.store.repositories.plan_lists import find_projects
from minsheng.store.tables import KeyProject, KeyProjectUpdate, PlanColumn
from minsheng.usecases.read.paging import Page, Slice


@dataclass(frozen=True)
class ProjectRow:
    id: int
    plan_id: int
    plan_region: str
    column_number: int
    column_title: str
    name: str
    detail: str | None
    status: str
    progress: int | None

    @classmethod
    def of(cls, project: KeyProject, column_title: str, plan_region: str) -> ProjectRow:
        return cls(
            id=project.id,
            plan_id=project.plan_id,
            plan_region=plan_region,
            column_number=project.column_number,
            column_title=column_title,
            name=project.name,
            detail=project.detail,
            status=project.status,
            progress=project.progress,
        )


@dataclass(frozen=True)
class ColumnRow:
    """A boxed column (专栏) of the plan."""

    number: int
    title: str
    kind: str

    @classmethod
    def of(cls, column: PlanColumn) -> ColumnRow:
        return cls(column.number, column.title, column.kind)


@dataclass(frozen=True)
class ProjectUpdateRow:
    """One change of a project's status or progress, as the history shows it."""

    id: int
    status: str
    progress: int | None
    note: str | None
    author: str
    created_at: datetime

    @classmethod
    def of(cls, update: KeyProjectUpdate) -> ProjectUpdateRow:
        return cls(
            id=update.id,
            status=update.status,
            progress=update.progress,
            note=update.note,
            author=update.author,
            created_at=update.created_at,
        )


def list_projects(
    session: Session,
    *,
    plan_id: int | None = None,
    region: str | None = None,
    column: int | None = None,
    status: str | None = None,
    q: str | None = None,
    window: Slice,
) -> Page[ProjectRow]:
    """Key projects of the current plans, by plan and column; `q` matches name or detail."""
    rows, total = find_projects(
        session,
        plan_id=plan_id,
        region=region,
        column=column,
        status=status,
        q=q,
        limit=window.limit,
        offset=window.offset,
    )
    return Page([ProjectRow.of(*row) for row in rows], total)
