"""Key projects of the plans' columns and the history of their status and progress.

The filtered list here is the projects page's: every word must occur in the project's name,
its detail or its column's title. The API's list (`q` on name or detail) is in plan_lists.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import Row, Select, func, select
from sqlalchemy.orm import Session

from minsheng.store.repositories.listing import contains
from minsheng.store.tables import KeyProject, KeyProjectUpdate, Plan, PlanColumn, Region

ProjectFound = tuple[KeyProject, str, str]
"""A project with its column's title and its plan's region name."""

PROJECT_COLUMNS = "projects"


def joined() -> Select[KeyProject, str, str]:
    """Projects with their column title and region name, plans and columns joined."""
    return (
        select(KeyProject, PlanColumn.title, Region.name)
        .join(Plan, Plan.id == KeyProject.plan_id)
        .join(Region, Region.id == Plan.region_id)
        .join(
            PlanColumn,
            (PlanColumn.plan_id == KeyProject.plan_id)
            & (PlanColumn.number == KeyProject.column_number),
        )
    )


def _current(
    *,
    plan_ids: Collection[int] | None,
    column: int | None,
    status: str | None,
    words: Sequence[str],
) -> Select[KeyProject, str, str]:
    """The current plans' projects narrowed by every filter given; each word must match."""
    query = joined().where(Plan.is_current)
    if plan_ids is not None:
        query = query.where(KeyProject.plan_id.in_(list(plan_ids)))
    if column is not None:
        query = query.where(KeyProject.column_number == column)
    if status:
        query = query.where(KeyProject.status == status)
    for word in words:
        pattern = contains(word)
        query = query.where(
            KeyProject.name.like(pattern, escape="\\")
            | KeyProject.detail.like(pattern, escape="\\")
            | PlanColumn.title.like(pattern, escape="\\")
        )
    return query


def count_current_projects(
    session: Session,
    *,
    plan_ids: Collection[int] | None = None,
    column: int | None = None,
    status: str | None = None,
    words: Sequence[str] = (),
) -> int:
    """How many current plans' projects match (see `current_projects`)."""
    query = _current(plan_ids=plan_ids, column=column, status=status, words=words)
    return session.scalar(select(func.count()).select_from(query.subquery())) or 0


def current_projects(
    session: Session,
    *,
    plan_ids: Collection[int] | None = None,
    column: int | None = None,
    status: str | None = None,
    words: Sequence[str] = (),
    limit: int | None = None,
    offset: int = 0,
) -> list[ProjectFound]:
    """Current plans' projects matching every filter, by plan, column and id."""
    query = _current(plan_ids=plan_ids, column=column, status=status, words=words)
    ordered = query.order_by(Plan.id, KeyProject.column_number, KeyProject.id)
    return [_found(row) for row in session.execute(ordered.offset(offset).limit(limit))]


def _found(row: Row[KeyProject, str, str]) -> ProjectFound:
    project, title, region = row
    return project, title, region


def plan_ids_with_projects(session: Session) -> set[int]:
    """Plans (any version) that list at least one key project."""
    return set(session.scalars(select(KeyProject.plan_id).distinct()))


def project_columns(session: Session, *, plan_id: int) -> list[PlanColumn]:
    """The plan's columns that list key projects, by number."""
    query = (
        select(PlanColumn)
        .where(PlanColumn.plan_id == plan_id, PlanColumn.kind == PROJECT_COLUMNS)
        .order_by(PlanColumn.number)
    )
    return list(session.scalars(query))


def get_project(session: Session, *, project_id: int) -> KeyProject | None:
    return session.get(KeyProject, project_id)


def project_in_plan(
    session: Session, *, project_id: int
) -> tuple[KeyProject, Plan, PlanColumn] | None:
    """A project of any plan version, with its plan and column."""
    query = (
        select(KeyProject, Plan, PlanColumn)
        .join(Plan, Plan.id == KeyProject.plan_id)
        .join(
            PlanColumn,
            (PlanColumn.plan_id == KeyProject.plan_id)
            & (PlanColumn.number == KeyProject.column_number),
        )
        .where(KeyProject.id == project_id)
    )
    row = session.execute(query).first()
    return None if row is None else (row[0], row[1], row[2])


def updates_of(session: Session, *, project_id: int) -> list[KeyProjectUpdate]:
    """Every update of a project, newest first."""
    query = (
        select(KeyProjectUpdate)
        .where(KeyProjectUpdate.key_project_id == project_id)
        .order_by(KeyProjectUpdate.id.desc())
    )
    return list(session.scalars(query))


def projects_of(session: Session, *, plan_id: int) -> list[KeyProject]:
    """The plan's key projects in the order they were stored."""
    query = select(KeyProject).where(KeyProject.plan_id == plan_id).order_by(KeyProject.id)
    return list(session.scalars(query))


def updates_between(
    session: Session, *, plan_id: int, start: datetime, end: datetime
) -> list[tuple[int, str, str, int | None]]:
    """(project id, name, status, progress) of every update of the plan's projects made
    from `start` until before `end`, by project and then oldest first."""
    query = (
        select(KeyProject.id, KeyProject.name, KeyProjectUpdate.status, KeyProjectUpdate.progress)
        .join(KeyProjectUpdate, KeyProjectUpdate.key_project_id == KeyProject.id)
        .where(KeyProject.plan_id == plan_id)
        .where(KeyProjectUpdate.created_at >= start, KeyProjectUpdate.created_at < end)
        .order_by(KeyProject.id, KeyProjectUpdate.id)
    )
    return [(row.id, row.name, row.status, row.progress) for row in session.execute(query)]
