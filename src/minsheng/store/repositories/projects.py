"""Key projects of the plans' columns and the history of their status and progress.

The filtered list (`find_listed`) serves the projects page, the API, the XLSX export and
the reports alike: plan, district, column, status, 建设性质, investment range and words.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, aliased

from minsheng.store.repositories.listing import AnySelect, contains, paged, plan_scope
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


DISTRICT = aliased(Region, name="district")

ListedProject = tuple[KeyProject, str, str, str | None]
"""A project with its column's title, its plan's region name and its district's name."""


@dataclass(frozen=True)
class ProjectCriteria:
    """Which projects a list shows; every filter given must hold. Without `plan_id` the
    current plans' projects; `words` must each occur in the name, the detail or (with
    `search_titles`) the column's title."""

    plan_id: int | None = None
    plan_region: str | None = None
    district_id: int | None = None
    district: str | None = None
    column: int | None = None
    status: str | None = None
    nature: str | None = None
    min_investment: float | None = None
    max_investment: float | None = None
    words: Sequence[str] = ()
    search_titles: bool = True


def listed() -> Select[KeyProject, str, str, str | None]:
    """Projects with column title, plan region and district name, in the plans' order."""
    return (
        select(KeyProject, PlanColumn.title, Region.name, DISTRICT.name)
        .join(Plan, Plan.id == KeyProject.plan_id)
        .join(Region, Region.id == Plan.region_id)
        .join(
            PlanColumn,
            (PlanColumn.plan_id == KeyProject.plan_id)
            & (PlanColumn.number == KeyProject.column_number),
        )
        .outerjoin(DISTRICT, DISTRICT.id == KeyProject.region_id)
        .order_by(Plan.is_reference, Plan.id, KeyProject.column_number, KeyProject.id)
    )


def _narrowed(query: AnySelect, wanted: ProjectCriteria) -> AnySelect:
    """The query with every filter of `wanted` that is set."""
    query = plan_scope(query, plan_id=wanted.plan_id, region=wanted.plan_region)
    equal = (
        (KeyProject.region_id, wanted.district_id),
        (DISTRICT.name, wanted.district),
        (KeyProject.column_number, wanted.column),
        (KeyProject.status, wanted.status),
        (KeyProject.nature, wanted.nature),
    )
    for column, value in equal:
        if value is not None:
            query = query.where(column == value)
    if wanted.min_investment is not None:
        query = query.where(KeyProject.total_investment >= wanted.min_investment)
    if wanted.max_investment is not None:
        query = query.where(KeyProject.total_investment <= wanted.max_investment)
    return _searched(query, wanted)


def _searched(query: AnySelect, wanted: ProjectCriteria) -> AnySelect:
    searched = [KeyProject.name, KeyProject.detail]
    if wanted.search_titles:
        searched.append(PlanColumn.title)
    for word in wanted.words:
        pattern = contains(word)
        query = query.where(or_(*(c.like(pattern, escape="\\") for c in searched)))
    return query


def find_listed(
    session: Session, wanted: ProjectCriteria, *, limit: int | None, offset: int = 0
) -> tuple[list[ListedProject], int]:
    """The matching projects in the window, and how many match in all."""
    rows, total = paged(session, _narrowed(listed(), wanted), limit=limit, offset=offset)
    return [(row[0], row[1], row[2], row[3]) for row in rows], total


def current_projects(
    session: Session, *, plan_ids: Collection[int] | None = None
) -> list[ProjectFound]:
    """Current plans' projects (optionally of some plans), by plan, column and id."""
    query = joined().where(Plan.is_current)
    if plan_ids is not None:
        query = query.where(KeyProject.plan_id.in_(list(plan_ids)))
    ordered = query.order_by(Plan.id, KeyProject.column_number, KeyProject.id)
    return [(row[0], row[1], row[2]) for row in session.execute(ordered)]


def districts_with_projects(session: Session, *, plan_id: int | None) -> list[Region]:
    """The districts the current plans' (or one plan's) projects lie in, by code."""
    located = select(KeyProject.region_id).join(Plan, Plan.id == KeyProject.plan_id)
    located = plan_scope(located, plan_id=plan_id, region=None)
    query = select(Region).where(Region.id.in_(located.scalar_subquery()))
    return list(session.scalars(query.order_by(Region.code, Region.name)))


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
