"""Key projects of the plans' columns, as read models."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from minsheng.store.repositories.plan_lists import find_projects
from minsheng.store.tables import KeyProject
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
