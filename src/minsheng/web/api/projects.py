"""/api/v1/projects: key projects listed in the plans' columns, with status and progress."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict

from minsheng.usecases.read import projects
from minsheng.web.api.listing import ListDep, list_response
from minsheng.web.deps import SessionDep

router = APIRouter(prefix="/projects", tags=["projects"])


class ProjectPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    plan_id: int
    plan_region: str
    column_number: int
    column_title: str
    name: str
    detail: str | None
    status: str
    progress: int | None


@router.get("", response_model=list[ProjectPublic])
def list_projects(
    *,
    request: Request,
    session: SessionDep,
    params: ListDep,
    plan_id: int | None = None,
    region: str | None = None,
    column: int | None = None,
    status: str | None = None,
    q: str | None = None,
) -> Response:
    """Key projects of the current plans; `column` is the column's number in its plan."""
    page = projects.list_projects(
        session,
        plan_id=plan_id,
        region=region,
        column=column,
        status=status,
        q=q,
        window=params.window,
    )
    rows = [ProjectPublic.model_validate(row) for row in page.items]
    return list_response(request, params, rows, total=page.total, name="projects")
