"""Key projects: the filtered list (with its XLSX download and an XLSX import of edits) and
each project's page, where planners keep its status and fields."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from minsheng.errors import InputProblem
from minsheng.exports.projects_sheet import projects_xlsx
from minsheng.labels import label
from minsheng.usecases import projects
from minsheng.usecases.project_edits import FIELD_LABELS, EditRefused, parse_amount
from minsheng.usecases.project_sheets import SheetRefused, import_sheet, sheet_years
from minsheng.web.csrf import verify_csrf
from minsheng.web.deps import PlannerDep, SessionDep
from minsheng.web.templating import render

router = APIRouter()
FILTERS = ("plan", "district", "column", "status", "nature", "min_investment", "max_investment")
XLSX_MEDIA = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _number(text: str | None) -> int | None:
    """A number chosen in a filter's select; blank (any) means none."""
    return int(text) if text and text.strip().isdigit() else None


def _amount(text: str | None, name: str) -> float | None:
    try:
        return parse_amount((text or "").strip())
    except ValueError as error:
        raise InputProblem(f"总投资范围：{error}", field=name) from None


def _filter(request: Request) -> projects.ProjectFilter:
    """The list's filters from the query string."""
    given = request.query_params
    return projects.ProjectFilter(
        plan_id=_number(given.get("plan")),
        district_id=_number(given.get("district")),
        column=_number(given.get("column")),
        status=given.get("status") or None,
        nature=given.get("nature") or None,
        min_investment=_amount(given.get("min_investment"), "min_investment"),
        max_investment=_amount(given.get("max_investment"), "max_investment"),
        query=(given.get("q") or "").strip(),
    )


def _kept(request: Request) -> dict[str, str]:
    return {name: request.query_params.get(name, "") for name in (*FILTERS, "q")}


@router.get("/projects", response_class=HTMLResponse)
def project_list(request: Request, session: SessionDep, page: int = 1) -> HTMLResponse:
    return _list(request, session, page)


def _list(
    request: Request, session: SessionDep, page: int = 1, status_code: int = 200, **extra: object
) -> HTMLResponse:
    wanted = _filter(request)
    found = projects.list_projects(session, wanted, page=page)
    keep = _kept(request)
    return render(
        request,
        "projects.html",
        status_code=status_code,
        found=found,
        wanted=wanted,
        kept=keep,
        statuses=projects.STATUSES,
        natures=projects.NATURES,
        status_labels={status: label(status) for status in projects.STATUSES},
        export_query=urlencode(keep),
        page_query=lambda number: urlencode({**keep, "page": number}),
        **extra,
    )


@router.get("/projects.xlsx")
def project_sheet(request: Request, session: SessionDep) -> Response:
    """The filtered list, every page of it, as the sheet planners edit and import."""
    rows = projects.all_matching(session, _filter(request))
    disposition = 'attachment; filename="key-projects.xlsx"'
    headers = {"Content-Disposition": disposition}
    body = projects_xlsx(rows, sheet_years(session, rows))
    return Response(body, media_type=XLSX_MEDIA, headers=headers)


@router.post("/projects/import", dependencies=[Depends(verify_csrf)], response_class=HTMLResponse)
def import_projects(
    *,
    request: Request,
    session: SessionDep,
    user: PlannerDep,
    plan: Annotated[str, Form()] = "",
    file: Annotated[UploadFile, File()],
) -> Response:
    """Apply an edited sheet to one plan's projects: all rows or none."""
    plan_id = _number(plan)
    if plan_id is None:
        return _list(request, session, status_code=422, sheet_problems=["请先选择规划"])
    name = Path(file.filename or "").name or "projects.xlsx"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(file.file.read())
        try:
            result = import_sheet(session, path=path, plan_id=plan_id, author=user.username)
        except SheetRefused as refused:
            return _list(request, session, status_code=422, sheet_problems=refused.problems)
        except InputProblem as problem:
            return _list(request, session, status_code=422, sheet_problems=[problem.message])
    query = urlencode({"plan": plan_id, "imported": result.rows, "changed": result.changed})
    return RedirectResponse(f"/projects?{query}", status_code=303)


@router.get("/projects/{project_id}", response_class=HTMLResponse)
def project(request: Request, session: SessionDep, project_id: int) -> HTMLResponse:
    return _project(request, session, project_id)


def _project(
    request: Request,
    session: SessionDep,
    project_id: int,
    status_code: int = 200,
    **extra: object,
) -> HTMLResponse:
    detail = projects.project_detail(session, project_id=project_id)
    return render(
        request,
        "project.html",
        status_code=status_code,
        detail=detail,
        statuses=projects.STATUSES,
        natures=projects.NATURES,
        labels=FIELD_LABELS,
        **extra,
    )


async def _form(request: Request) -> dict[str, str]:
    """Every text field of the posted form."""
    form = await request.form()
    return {key: value for key, value in form.items() if isinstance(value, str)}


@router.post("/projects/{project_id}", dependencies=[Depends(verify_csrf)])
def update(
    *,
    request: Request,
    session: SessionDep,
    user: PlannerDep,
    project_id: int,
    form: Annotated[dict[str, str], Depends(_form)],
) -> Response:
    """Save the planner's form; a refused form comes back with each field's problem."""
    try:
        edit = projects.edit_from_form(session, project_id=project_id, form=form)
    except EditRefused as refused:
        return _project(request, session, project_id, 422, problems=refused.problems, form=form)
    projects.edit_project(session, project_id=project_id, edit=edit, author=user.username)
    return RedirectResponse(f"/projects/{project_id}#history", status_code=303)
