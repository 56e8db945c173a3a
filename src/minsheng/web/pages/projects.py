"""Key projects: the filtered list and each project's status and progress, kept by planners."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from minsheng.usecases import projects
from minsheng.web.csrf import verify_csrf
from minsheng.web.deps import PlannerDep, SessionDep
from minsheng.web.templating import render

router = APIRouter()


def _number(text: str | None) -> int | None:
    """A number chosen in a filter's select; blank (any) means none."""
    return int(text) if text and text.strip().isdigit() else None


@router.get("/projects", response_class=HTMLResponse)
def project_list(
    *,
    request: Request,
    session: SessionDep,
    plan: str | None = None,
    column: str | None = None,
    status: str | None = None,
    q: str = "",
    page: int = 1,
) -> HTMLResponse:
    wanted = projects.ProjectFilter(
        plan_id=_number(plan), column=_number(column), status=status or None, query=q.strip()
    )
    found = projects.list_projects(session, wanted, page=page)
    keep = {"plan": plan or "", "column": column or "", "status": status or "", "q": q}
    return render(
        request,
        "projects.html",
        found=found,
        wanted=wanted,
        statuses=projects.STATUSES,
        page_query=lambda number: urlencode({**keep, "page": number}),
    )


@router.get("/projects/{project_id}", response_class=HTMLResponse)
def project(request: Request, session: SessionDep, project_id: int) -> HTMLResponse:
    detail = projects.project_detail(session, project_id=project_id)
    return render(request, "project.html", detail=detail, statuses=projects.STATUSES)


@router.post("/projects/{project_id}", dependencies=[Depends(verify_csrf)])
def update(
    *,
    session: SessionDep,
    user: PlannerDep,
    project_id: int,
    status: Annotated[str, Form()],
    progress: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
) -> Response:
    projects.update_project(
        session,
        project_id=project_id,
        status=status,
        progress=projects.parse_progress(progress),
        note=note,
        author=user.username,
    )
    return RedirectResponse(f"/projects/{project_id}#history", status_code=303)
