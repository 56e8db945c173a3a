"""Data entry for departments: the form and the Excel upload (review is in review.py)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.background import BackgroundTask
from starlette.datastructures import FormData

from minsheng.collect import write_template
from minsheng.collect.messages import FIELD_LABELS
from minsheng.collect.readers import FIELDS
from minsheng.errors import InputProblem, NotFound
from minsheng.usecases import ObservationFileRejected
from minsheng.usecases.entry import (
    EntryInput,
    EntrySheet,
    default_entry_plan,
    drafts_of,
    entry_plans,
    entry_sheet,
    entry_template,
    entry_year,
    field_of,
    number_text,
    plan_years,
    save_entries,
    submit_drafts_by_year,
    upload_observations,
)
from minsheng.usecases.plans import find_current_plan
from minsheng.usecases.users import Account
from minsheng.web.csrf import FormDep, verify_csrf
from minsheng.web.deps import AccountDep, ReporterDep, SessionDep
from minsheng.web.pages.access import gate
from minsheng.web.templating import render
from minsheng.web.upload_problems import problem_view, problems_file

router = APIRouter()
ENTRY_ROLES = ("admin", "planner", "reporter")
UPLOAD_SUFFIXES = (".xlsx", ".xlsm", ".csv")


def _gate(request: Request, user: Account | None, roles: tuple[str, ...]) -> Account | Response:
    return gate(request, user, roles, "此页面仅限填报、规划和管理人员使用")


def _plan_region(session: Session, user: Account, plan: str | None) -> str | None:
    if plan:
        return plan
    chosen = default_entry_plan(session, user)
    return chosen.choice_name if chosen else None


# --- The form ----------------------------------------------------------------------------


@router.get("/entry", response_class=HTMLResponse)
def entry_page(
    request: Request,
    *,
    session: SessionDep,
    user: AccountDep,
    plan: str | None = None,
    year: int | None = None,
    domain: str | None = None,
    saved: int | None = None,
    submitted: int | None = None,
    years: str | None = None,
) -> Response:
    who = _gate(request, user, ENTRY_ROLES)
    if not isinstance(who, Account):
        return who
    region = _plan_region(session, who, plan)
    if region is None:
        return render(request, "entry.html", sheet=None, plans=[])
    sheet = entry_sheet(session, account=who, region=region, year=year, domain=domain or None)
    return _render_sheet(
        request, session, sheet, domain, saved=saved, submitted=submitted, submitted_years=years
    )


def _render_sheet(
    request: Request,
    session: Session,
    sheet: EntrySheet,
    domain: str | None,
    status_code: int = 200,
    **context: object,
) -> HTMLResponse:
    """The form, with posted values and problems (by row and field) when there are any."""
    for name in ("saved", "submitted", "submitted_years"):
        context.setdefault(name, None)
    context.setdefault("posted", {})
    context.setdefault("problems", {})
    return render(
        request,
        "entry.html",
        status_code=status_code,
        sheet=sheet,
        plans=entry_plans(session),
        domain=domain or "",
        number_text=number_text,
        **context,
    )


@router.post("/entry", dependencies=[Depends(verify_csrf)], response_class=HTMLResponse)
def entry_save(request: Request, session: SessionDep, user: ReporterDep, form: FormDep) -> Response:
    region, year = str(form.get("plan", "")), _whole(form.get("year"))
    domain = str(form.get("domain", ""))
    inputs = _inputs(form)
    submit = form.get("action") == "submit"
    try:
        with session.begin_nested():  # all or nothing, and the page can still be drawn
            outcome = save_entries(
                session, account=user, region=region, year=year, inputs=inputs, submit=submit
            )
    except ObservationFileRejected as rejected:
        sheet = entry_sheet(session, account=user, region=region, year=year, domain=domain or None)
        problems: dict[tuple[int, str], list[str]] = {}
        for problem in rejected.problems:
            problems.setdefault((problem.row, field_of(problem.column)), []).append(problem.message)
        posted = {i.number: i for i in inputs}
        return _render_sheet(request, session, sheet, domain, 422, posted=posted, problems=problems)
    query = {"plan": region, "year": year, "saved": outcome.saved, "submitted": outcome.submitted}
    if domain:
        query["domain"] = domain
    return RedirectResponse(f"/entry?{urlencode(query)}", status_code=303)


def _whole(text: object) -> int:
    """A posted whole number; anything else (a forged form) counts as 0, which fails checks."""
    return int(text) if isinstance(text, str) and text.isdigit() else 0


def _inputs(form: FormData) -> list[EntryInput]:
    """Rows whose value is filled in; an empty value means "nothing to report"."""
    inputs = []
    for raw in form.getlist("row"):
        number = _whole(raw)
        value = str(form.get(f"value-{number}", "")).strip()
        if value:
            inputs.append(
                EntryInput(
                    number=number,
                    indicator=str(form.get(f"indicator-{number}", "")),
                    region=str(form.get(f"region-{number}", "")),
                    value=value,
                    source=str(form.get(f"source-{number}", "")).strip(),
                    note=str(form.get(f"note-{number}", "")).strip(),
                )
            )
    return inputs


# --- Upload and template -------------------------------------------------------------------


@router.get("/entry/upload", response_class=HTMLResponse)
def upload_page(
    request: Request, session: SessionDep, user: AccountDep, plan: str | None = None
) -> Response:
    who = _gate(request, user, ENTRY_ROLES)
    if not isinstance(who, Account):
        return who
    return _render_upload(request, session, who, _plan_region(session, who, plan))


def _render_upload(
    request: Request,
    session: Session,
    user: Account,
    region: str | None,
    status_code: int = 200,
    **context: object,
) -> HTMLResponse:
    drafts = drafts_of(session, account=user, region=region) if region else []
    return render(
        request,
        "entry_upload.html",
        status_code=status_code,
        plans=entry_plans(session),
        region=region,
        chosen_id=find_current_plan(session, region=region).id if region else None,
        drafts=drafts,
        template_year=entry_year(session, region=region) if region else None,
        template_years=plan_years(session, region=region) if region else [],
        number_text=number_text,
        fields=FIELDS,
        field_labels=FIELD_LABELS,
        field_of=field_of,
        **context,
    )


@router.post("/entry/upload", dependencies=[Depends(verify_csrf)], response_class=HTMLResponse)
def upload(
    request: Request,
    session: SessionDep,
    user: ReporterDep,
    plan: Annotated[str, Form()],
    file: Annotated[UploadFile, File()],
) -> Response:
    name = Path(file.filename or "").name or "upload.xlsx"
    if not name.lower().endswith(UPLOAD_SUFFIXES):
        return _render_upload(request, session, user, plan, 422, read_error="format")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(file.file.read())
        try:
            result = upload_observations(session, account=user, region=plan, path=path)
        except InputProblem as problem:
            return _render_upload(request, session, user, plan, 422, read_error=problem.message)
    if result.problems:
        shown = problem_view(request, user, result)  # at most 200; all of them as CSV
        return _render_upload(request, session, user, plan, 422, file_name=name, **shown)
    return _render_upload(request, session, user, plan, result=result, file_name=name)


@router.get("/entry/upload/problems/{name}")
def upload_problems(request: Request, user: ReporterDep, name: str) -> Response:
    """Every problem of an upload too faulty to list on its page, for its uploader."""
    path = problems_file(request, user, name)
    if path is None:
        raise NotFound("该问题清单不存在或已过期（保留一天），请重新上传文件查看。")
    return FileResponse(path, media_type="text/csv; charset=utf-8", filename="上传问题清单.csv")


@router.post("/entry/submit", dependencies=[Depends(verify_csrf)])
def submit_all(session: SessionDep, user: ReporterDep, form: FormDep) -> Response:
    """Submit every draft; land on the year being worked on (the one posted, else the
    newest year submitted) with the number actually submitted."""
    plan = str(form.get("plan", ""))
    counts = submit_drafts_by_year(session, account=user, region=plan)
    posted = _whole(form.get("year"))
    query: dict[str, object] = {"plan": plan, "submitted": sum(counts.values())}
    if posted or counts:
        query["year"] = posted or max(counts)
    if len(counts) > 1:
        query["years"] = ",".join(f"{year}:{count}" for year, count in counts.items())
    return RedirectResponse(f"/entry?{urlencode(query)}", status_code=303)


@router.get("/entry/template")
def template_download(
    request: Request,
    session: SessionDep,
    user: AccountDep,
    plan: str,
    year: Annotated[list[int], Query()],
) -> Response:
    """The Excel template of the user's rows for one or more years (?year=2024&year=2025)."""
    who = _gate(request, user, ENTRY_ROLES)
    if not isinstance(who, Account):
        return who
    spec = entry_template(session, account=who, region=plan, years=year)
    folder = tempfile.mkdtemp()
    path = write_template(spec, Path(folder) / "template.xlsx")
    span = f"{spec.years[0]}" if len(spec.years) == 1 else f"{spec.years[0]}-{spec.years[-1]}"
    return FileResponse(
        path,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename=f"{plan}-{span}-填报模板.xlsx",
        background=BackgroundTask(_remove, Path(folder)),
    )


def _remove(folder: Path) -> None:
    for child in folder.iterdir():
        child.unlink()
    folder.rmdir()
