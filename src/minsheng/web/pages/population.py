"""Population for planners: upload residents and households per region and year (a
.csv or .xlsx, checked whole: every bad cell named, nothing stored on any problem), and
see what is stored."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, File, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from minsheng.errors import InputProblem
from minsheng.usecases.population import PopulationFileRejected, import_population
from minsheng.usecases.read.paging import Page, Slice
from minsheng.usecases.read.population import PopulationRow, list_population
from minsheng.web.csrf import verify_csrf
from minsheng.web.deps import AccountDep, PlannerDep, SessionDep
from minsheng.web.pages.access import gate
from minsheng.web.templating import render

router = APIRouter()
ROLES = ("planner", "admin")
SUFFIXES = (".csv", ".xlsx", ".xlsm")
SHOWN = 500  # figures listed on the page; the API and downloads give them all


@router.get("/population", response_class=HTMLResponse)
def population_page(request: Request, session: SessionDep, user: AccountDep) -> Response:
    who = gate(request, user, ROLES, "此页面仅限规划和管理人员使用")
    if isinstance(who, Response):
        return who
    return _render(request, _stored(session))


@router.post("/population", dependencies=[Depends(verify_csrf)], response_class=HTMLResponse)
def upload_population(
    request: Request,
    session: SessionDep,
    user: PlannerDep,
    file: Annotated[UploadFile, File()],
) -> Response:
    name = Path(file.filename or "").name or "population.csv"
    before = _stored(session)  # what a refused file leaves: nothing of it is stored
    if not name.lower().endswith(SUFFIXES):
        return _render(request, before, 422, read_error="format")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(file.file.read())
        try:
            result = import_population(session, path=path, author=user.username)
        except PopulationFileRejected as rejected:
            session.rollback()  # regions stored on the way are dropped too
            return _render(request, before, 422, problems=rejected.problems, file_name=name)
        except InputProblem as problem:
            session.rollback()
            return _render(request, before, 422, read_error=problem.message)
    return _render(request, _stored(session), result=result, file_name=name)


def _stored(session: SessionDep) -> Page[PopulationRow]:
    return list_population(session, window=Slice(limit=SHOWN))


def _render(
    request: Request, stored: Page[PopulationRow], status_code: int = 200, **context: object
) -> HTMLResponse:
    return render(request, "population.html", status_code=status_code, stored=stored, **context)
