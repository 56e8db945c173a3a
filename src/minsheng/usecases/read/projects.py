"""Key projects of the plans' columns, the columns themselves and the projects' update
history, as read models."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from minsheng.store.repositories.projects import ProjectCriteria, find_listed
from minsheng.store.tables import KeyProject, KeyProjectUpdate, PlanColumn
from minsheng.usecases.clock import beijing
from minsheng.usecases.read.paging import Page, Slice


@dataclass(frozen=True)
class YearInvestment:
    """Planned and completed investment of one year, in 万元."""

    year: int
    planned: float | None
    completed: float | None


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
    district_id: int | None = None
    district: str | None = None
    nature: str | None = None
    total_investment: float | None = None  # 万元
    start_month: str | None = None  # YYYY-MM or YYYY
    end_month: str | None = None
    responsible_unit: str | None = None
    lon: float | None = None
    lat: float | None = None
    investments: list[YearInvestment] = field(default_factory=list)
    edited_fields: list[str] = field(default_factory=list)

    @classmethod
    def of(
        cls,
        project: KeyProject,
        column_title: str,
        plan_region: str,
        district: str | None = None,
    ) -> ProjectRow:
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
            district_id=project.region_id,
            district=district,
            nature=project.nature,
            total_investment=project.total_investment,
            start_month=project.start_month,
            end_month=project.end_month,
            responsible_unit=project.responsible_unit,
            lon=project.lon,
            lat=project.lat,
            investments=year_investments(project.investments),
            edited_fields=list(project.edited_fields or ()),
        )

    @property
    def region_shown(self) -> str:
        """Where the project is: its district, else its plan's region."""
        return self.district or self.plan_region


def year_investments(stored: dict[str, Any] | None) -> list[YearInvestment]:
    """The stored {year: {planned, completed}} as rows by year."""
    return [
        YearInvestment(int(year), amounts.get("planned"), amounts.get("completed"))
        for year, amounts in sorted((stored or {}).items())
    ]


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
    """One change of a project (status, progress, other fields), as the history shows it."""

    id: int
    status: str
    progress: int | None
    note: str | None
    author: str
    created_at: datetime
    changes: dict[str, Any] = field(default_factory=dict)  # {field: [before, after]}
    lines: list[tuple[str, str, str]] = field(default_factory=list)  # (what, before, after)

    @classmethod
    def of(cls, update: KeyProjectUpdate) -> ProjectUpdateRow:
        return cls(
            id=update.id,
            status=update.status,
            progress=update.progress,
            note=update.note,
            author=update.author,
            created_at=beijing(update.created_at),
            changes=dict(update.changes or {}),
        )


def find_projects(session: Session, wanted: ProjectCriteria, *, window: Slice) -> Page[ProjectRow]:
    """The projects matching every filter of `wanted`, in the plans' order."""
    rows, total = find_listed(session, wanted, limit=window.limit, offset=window.offset)
    return Page([ProjectRow.of(*row) for row in rows], total)


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
    """Key projects of the current plans (or one plan), by plan and column; `q` matches
    name or detail; `region` is the plan's region."""
    wanted = ProjectCriteria(
        plan_id=plan_id,
        plan_region=region,
        column=column,
        status=status,
        words=[q] if q else [],
        search_titles=False,
    )
    return find_projects(session, wanted, window=window)
