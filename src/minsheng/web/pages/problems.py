"""问题清单 → 整改台账: the ledger (public), the form a planner opens a problem with
(prefilled from a warning's link), each problem's page with the owner department's
progress form and the planner's close form, and the ledger as XLSX or CSV."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData, UploadFile

from minsheng.errors import InputProblem, MinshengError
from minsheng.store.repositories.problems import department_names
from minsheng.usecases.clock import beijing_today
from minsheng.usecases.entry import entry_plans
from minsheng.usecases.problems import (
    KIND_LABELS,
    STATE_LABELS,
    Evidence,
    ProblemDraft,
    ProblemQuery,
    close_problem,
    evidence_document,
    ledger_row,
    may_report,
    open_problem,
    prefilled,
    problem_history,
    problem_ledger,
    problem_view,
    report_progress,
    source_words,
)
from minsheng.usecases.users import Account
from minsheng.web.csrf import FormDep, verify_csrf
from minsheng.web.deps import AccountDep, PlannerDep, ReporterDep, SessionDep
from minsheng.web.export import DOWNLOAD_FORMATS, table_download
from minsheng.web.pages.access import gate
from minsheng.web.templating import render

router = APIRouter()
PLANNER_ROLES = ("admin", "planner")
FILTER_STATES = {"active": "未销号", **STATE_LABELS}


def _number(text: str) -> int | None:
    return int(text) if text.strip().isdigit() else None


def _query(request: Request, session: Session) -> tuple[ProblemQuery, dict[str, str]]:
    """The ledger's filters from the query string (an empty choice is no filter)."""
    params = request.query_params
    filters = {name: params.get(name, "") for name in ("status", "department", "kind", "plan")}
    status = filters["status"] if filters["status"] in FILTER_STATES else None
    kind = filters["kind"] if filters["kind"] in KIND_LABELS else None
    wanted = ProblemQuery(beijing_today(), status, _number(filters["department"]), kind,
                          _number(filters["plan"]))  # fmt: skip
    return wanted, filters


@router.get("/problems", response_class=HTMLResponse)
def ledger_page(request: Request, session: SessionDep) -> HTMLResponse:
    wanted, filters = _query(request, session)
    ledger = problem_ledger(session, wanted)
    return render(
        request, "problems.html", ledger=ledger, filters=filters, plans=entry_plans(session),
        departments=department_names(session), kinds=KIND_LABELS, states=FILTER_STATES,
        export_query=request.url.query, formats=DOWNLOAD_FORMATS,
    )  # fmt: skip


@router.get("/problems/export.{format}")
def ledger_download(request: Request, format: str, session: SessionDep) -> Response:
    """The ledger as filtered on the page, one row per problem."""
    if format not in DOWNLOAD_FORMATS:
        raise InputProblem("下载格式应为 xlsx 或 csv", field="format")
    wanted, _ = _query(request, session)
    rows = [ledger_row(view) for view in problem_ledger(session, wanted).problems]
    return table_download(rows, format=format, name="problems", headers="zh-en")


@router.get("/problems/new", response_class=HTMLResponse)
def new_page(request: Request, session: SessionDep, user: AccountDep) -> Response:
    """The form, filled from ?indicator=&region=&year=&kind= (a warning) or ?item= ."""
    who = gate(request, user, PLANNER_ROLES, "只有规划人员可以建立问题清单")
    if not isinstance(who, Account):
        return who
    params = request.query_params
    draft = prefilled(
        session, plan_id=_number(params.get("plan", "")),
        indicator_id=_number(params.get("indicator", "")),
        region_id=_number(params.get("region", "")), year=_number(params.get("year", "")),
        kind=params.get("kind", ""), service_item_id=_number(params.get("item", "")),
    )  # fmt: skip
    return _render_new(request, session, draft)


def _render_new(
    request: Request, session: Session, draft: ProblemDraft, status_code: int = 200,
    error: InputProblem | None = None,
) -> HTMLResponse:  # fmt: skip
    return render(
        request, "problems_new.html", status_code=status_code, draft=draft, error=error,
        source=source_words(session, draft),
        plans=entry_plans(session), departments=department_names(session), kinds=KIND_LABELS,
    )  # fmt: skip


@router.post("/problems", dependencies=[Depends(verify_csrf)], response_class=HTMLResponse)
def open_form(request: Request, session: SessionDep, user: PlannerDep, form: FormDep) -> Response:
    draft = _draft(form)
    try:
        with session.begin_nested():
            problem_id = open_problem(session, draft, author=user.username).id
    except InputProblem as problem:
        return _render_new(request, session, draft, 422, problem)
    return RedirectResponse(f"/problems/{problem_id}?opened=1", status_code=303)


def _text(form: FormData, name: str) -> str:
    value = form.get(name, "")
    return value if isinstance(value, str) else ""


def _draft(form: FormData) -> ProblemDraft:
    deadline = _text(form, "deadline")
    try:
        due = date.fromisoformat(deadline) if deadline else None
    except ValueError:
        due = None
    return ProblemDraft(
        plan_id=_number(_text(form, "plan")), title=_text(form, "title"),
        kind=_text(form, "kind"), department=_text(form, "department"),
        measures=_text(form, "measures"), deadline=due,
        indicator_id=_number(_text(form, "indicator")), region_id=_number(_text(form, "region")),
        year=_number(_text(form, "year")), service_item_id=_number(_text(form, "item")),
        source_text=_text(form, "source_text"),
    )  # fmt: skip


@router.get("/problems/{problem_id}", response_class=HTMLResponse)
def problem_page(
    request: Request, problem_id: int, session: SessionDep, user: AccountDep
) -> Response:
    view = problem_view(session, problem_id=problem_id)
    query = request.query_params
    return render(
        request, "problems_detail.html", problem=view,
        history=problem_history(session, problem_id=problem_id) if user else [],
        may_report=bool(user and may_report(user, view.department_id)),
        may_close=bool(user and user.role in PLANNER_ROLES),
        beijing_day=beijing_today(), notice=query.get("done", ""), error=query.get("error", ""),
    )  # fmt: skip


def _back(problem_id: int, *, done: str = "", error: str = "") -> RedirectResponse:
    query = f"done={done}" if done else f"error={quote(error)}"
    anchor = "#progress" if done == "progress" or not done else ""
    return RedirectResponse(f"/problems/{problem_id}?{query}{anchor}", status_code=303)


@router.post("/problems/{problem_id}/progress", dependencies=[Depends(verify_csrf)])
def progress_form(
    problem_id: int, session: SessionDep, user: ReporterDep, form: FormDep
) -> Response:
    try:
        with session.begin_nested():
            report_progress(session, problem_id=problem_id, account=user,
                            text=_text(form, "text"), reported_on=_day(_text(form, "reported_on")),
                            value=_value(_text(form, "value")))  # fmt: skip
    except MinshengError as problem:
        return _back(problem_id, error=problem.message)
    return _back(problem_id, done="progress")


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        raise InputProblem("日期应为 年-月-日", field="reported_on") from None


def _value(text: str) -> float | None:
    try:
        return float(text.replace(",", "")) if text.strip() else None
    except ValueError:
        raise InputProblem(f"“{text}”不是数值", field="value") from None


@router.post("/problems/{problem_id}/close", dependencies=[Depends(verify_csrf)])
async def close_form(
    problem_id: int, session: SessionDep, user: PlannerDep, form: FormDep
) -> Response:
    upload = form.get("document")
    content = await upload.read() if isinstance(upload, UploadFile) else b""
    try:
        evidence = Evidence(
            note=_text(form, "note"), value=_value(_text(form, "value")),
            file_name=upload.filename if isinstance(upload, UploadFile) else None,
            media_type=upload.content_type if isinstance(upload, UploadFile) else None,
            content=content or None,
        )  # fmt: skip
        with session.begin_nested():
            close_problem(session, problem_id=problem_id, account=user, evidence=evidence)
    except MinshengError as problem:
        return _back(problem_id, error=problem.message)
    return _back(problem_id, done="closed")


@router.get("/problems/{problem_id}/evidence")
def evidence_download(problem_id: int, session: SessionDep, user: ReporterDep) -> Response:
    """The closing document, for signed-in staff (it may name people)."""
    name, media_type, content = evidence_document(session, problem_id=problem_id)
    disposition = f"attachment; filename*=UTF-8''{quote(name)}"
    return Response(content, media_type=media_type or "application/octet-stream",
                    headers={"Content-Disposition": disposition})  # fmt: skip
