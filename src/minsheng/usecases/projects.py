"""Key projects: listed and filtered, and kept up by planners (status, progress, district,
建设性质, investment, dates, responsible unit, location).

Every change adds a `KeyProjectUpdate` row (the history, with the other fields it changed)
and an audit entry; the project row holds the latest values.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from minsheng.errors import InputProblem, NotFound
from minsheng.store.repositories import audit, plans, regions, scopes
from minsheng.store.repositories import projects as repository
from minsheng.store.repositories.projects import ProjectCriteria
from minsheng.store.tables import KeyProject, KeyProjectUpdate, Plan
from minsheng.usecases.project_edits import (
    FIELDS,
    MAX_NOTE_LENGTH,
    NATURES,
    STATUSES,
    ProjectEdit,
    parse_edit,
)
from minsheng.usecases.project_edits import parse_progress as _parse_progress
from minsheng.usecases.project_history import with_lines
from minsheng.usecases.project_places import district_names, district_region, plan_years
from minsheng.usecases.read.paging import Slice
from minsheng.usecases.read.plans import PlanSummary
from minsheng.usecases.read.project_map import project_map
from minsheng.usecases.read.projects import (
    ColumnRow,
    ProjectRow,
    ProjectUpdateRow,
    find_projects,
)
from minsheng.usecases.scopes import check_plan
from minsheng.usecases.standards import score

PAGE_SIZE = 50


@dataclass(frozen=True)
class ProjectFilter:
    plan_id: int | None = None
    column: int | None = None
    status: str | None = None
    query: str = ""
    district_id: int | None = None
    nature: str | None = None
    min_investment: float | None = None  # 万元
    max_investment: float | None = None

    def criteria(self) -> ProjectCriteria:
        """The filter as the repository's; each word of the query must match."""
        return ProjectCriteria(
            plan_id=self.plan_id,
            district_id=self.district_id,
            column=self.column,
            status=self.status,
            nature=self.nature,
            min_investment=self.min_investment,
            max_investment=self.max_investment,
            words=self.query.split(),
        )


@dataclass(frozen=True)
class DistrictChoice:
    id: int
    name: str


@dataclass(frozen=True)
class ProjectPage:
    rows: list[ProjectRow]
    total: int
    page: int
    pages: int
    plans: list[PlanSummary]
    columns: list[ColumnRow]  # the selected plan's project columns, for the filter
    districts: list[DistrictChoice]  # districts the listed plans' projects lie in
    map: dict[str, Any] | None = None  # the chosen plan's located projects (read.project_map)


def list_projects(session: Session, wanted: ProjectFilter, *, page: int = 1) -> ProjectPage:
    """One page of key projects matching every filter (q: substring, AND)."""
    _check_filter(wanted)
    total = find_projects(session, wanted.criteria(), window=Slice(0)).total
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(max(page, 1), pages)
    window = Slice(PAGE_SIZE, (page - 1) * PAGE_SIZE)
    rows = find_projects(session, wanted.criteria(), window=window).items
    districts = repository.districts_with_projects(session, plan_id=wanted.plan_id)
    return ProjectPage(
        rows,
        total,
        page,
        pages,
        _plans(session),
        _columns(session, wanted),
        [DistrictChoice(d.id, d.name) for d in districts],
        _map(session, wanted),
    )


def _map(session: Session, wanted: ProjectFilter) -> dict[str, Any] | None:
    """The map of the chosen plan's matching projects that have a location."""
    plan = plans.get_plan(session, plan_id=wanted.plan_id) if wanted.plan_id else None
    if plan is None:
        return None
    every = find_projects(session, wanted.criteria(), window=Slice.everything()).items
    return project_map(plan.region.code, every)


def all_matching(session: Session, wanted: ProjectFilter) -> list[ProjectRow]:
    """Every project matching the filter, for an export."""
    _check_filter(wanted)
    return find_projects(session, wanted.criteria(), window=Slice.everything()).items


def _check_filter(wanted: ProjectFilter) -> None:
    if wanted.status and wanted.status not in STATUSES:
        raise InputProblem(f"status must be one of {', '.join(STATUSES)}", field="status")
    if wanted.nature and wanted.nature not in NATURES:
        raise InputProblem(f"建设性质须为{'、'.join(NATURES)}之一", field="nature")
    low, high = wanted.min_investment, wanted.max_investment
    if low is not None and high is not None and low > high:
        raise InputProblem("总投资下限不能大于上限", field="min_investment")


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
    districts: list[str]  # where it may lie, for the form
    years: list[int]  # the plan's period, for the yearly investment


def project_detail(session: Session, *, project_id: int) -> ProjectDetail:
    project, plan, title = _found(session, project_id)
    district = (
        regions.get_region(session, region_id=project.region_id) if project.region_id else None
    )
    updates = repository.updates_of(session, project_id=project_id)
    return ProjectDetail(
        ProjectRow.of(project, title, plan.region.name, district.name if district else None),
        PlanSummary.of(plan),
        [with_lines(session, ProjectUpdateRow.of(update)) for update in updates],
        district_names(session, plan),
        list(plan_years(plan)),
    )


def _found(session: Session, project_id: int) -> tuple[KeyProject, Plan, str]:
    found = repository.project_in_plan(session, project_id=project_id)
    if found is None:
        raise NotFound(f"没有编号为 {project_id} 的重点项目")
    project, plan, column = found
    return project, plan, column.title


def _locked(session: Session, project_id: int, author: str) -> tuple[KeyProject, Plan]:
    """The project locked and read afresh (its audit "before" is what the edit replaces),
    once the author may edit its plan's region."""
    project, plan, _ = _found(session, project_id)
    check_plan(session, username=author, plan_id=plan.id)
    scopes.locked(session, KeyProject, row_id=project_id)
    return project, plan


def parse_progress(text: str | None) -> int | None:
    """A progress percentage typed into a form: blank is unknown, else a whole 0–100."""
    try:
        return _parse_progress((text or "").strip())
    except ValueError:
        raise InputProblem("完成进度须为 0—100 之间的整数", field="progress") from None


def edit_from_form(session: Session, *, project_id: int, form: Mapping[str, str]) -> ProjectEdit:
    """The planner's form as an edit of the project, checked against its plan."""
    _, plan, _ = _found(session, project_id)
    return parse_edit(form, districts=district_names(session, plan), years=plan_years(plan))


def edit_project(
    session: Session, *, project_id: int, edit: ProjectEdit, author: str, always: bool = True
) -> KeyProjectUpdate | None:
    """Write the edit with its history row and audit entry; the fields it changed become
    the planner's. Without `always`, an edit that changes nothing writes nothing."""
    project, plan = _locked(session, project_id, author)
    region_id = district_region(session, plan, edit.district).id if edit.district else None
    before = _values(project)
    after = {**{f: getattr(edit, f) for f in FIELDS if f != "district"}, "region_id": region_id}
    changed = {k: [before[k], v] for k, v in after.items() if before[k] != v}
    moved = (project.status, project.progress) != (edit.status, edit.progress)
    if not (always or changed or moved or edit.note):
        return None
    for key, value in after.items():
        setattr(project, key, value)
    edited = {"district" if k == "region_id" else k for k in changed}
    project.edited_fields = sorted(set(project.edited_fields or ()) | edited)
    return _record(session, project, edit, changed, author)


def _values(project: KeyProject) -> dict[str, object]:
    names = [f for f in FIELDS if f != "district"]
    return {**{f: getattr(project, f) for f in names}, "region_id": project.region_id}


def _record(
    session: Session,
    project: KeyProject,
    edit: ProjectEdit,
    changed: dict[str, list[object]],
    author: str,
) -> KeyProjectUpdate:
    before = {"status": project.status, "progress": project.progress}
    update = KeyProjectUpdate(
        key_project_id=project.id,
        status=edit.status,
        progress=edit.progress,
        note=edit.note,
        changes=changed or None,
        author=author,
    )
    session.add(update)
    project.status, project.progress = edit.status, edit.progress
    session.flush()
    after = {"status": edit.status, "progress": edit.progress}
    detail = {"update": update.id, "before": before, "after": after, "changes": changed}
    audit.record(
        session,
        username=author,
        action="update",
        entity="key_project",
        entity_id=project.id,
        detail=detail,
    )
    return update


def update_project(
    session: Session,
    *,
    project_id: int,
    status: str,
    progress: int | None,
    note: str | None,
    author: str,
) -> KeyProjectUpdate:
    """Set status and progress only, keeping every other field as it is."""
    if status not in STATUSES:
        raise InputProblem(f"status must be one of {', '.join(STATUSES)}", field="status")
    if progress is not None and not 0 <= progress <= 100:
        raise InputProblem("progress must be from 0 to 100", field="progress")
    note = (note or "").strip() or None
    if note and len(note) > MAX_NOTE_LENGTH:
        raise InputProblem(f"at most {MAX_NOTE_LENGTH} characters", field="note")
    project, _ = _locked(session, project_id, author)
    return _record(session, project, ProjectEdit(status, progress, note), {}, author)
