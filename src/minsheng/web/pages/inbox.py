"""A reporter's inbox (待办): what the department owes in open rounds, what review sent
back and why, and the reminders it received."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from minsheng.errors import InputProblem, MinshengError
from minsheng.usecases.assignments import department_name
from minsheng.usecases.rounds import beijing_text, inbox_of, report_in_round
from minsheng.usecases.suggestions import staff_queue
from minsheng.usecases.users import Account
from minsheng.web.csrf import FormDep, verify_csrf
from minsheng.web.deps import AccountDep, ReporterDep, SessionDep
from minsheng.web.pages.access import gate
from minsheng.web.templating import render

router = APIRouter()
INBOX_ROLES = ("admin", "planner", "reporter")


@router.get("/inbox", response_class=HTMLResponse)
def inbox_page(request: Request, session: SessionDep, user: AccountDep) -> Response:
    who = gate(request, user, INBOX_ROLES, "此页面仅限填报、规划和管理人员使用")
    if not isinstance(who, Account):
        return who
    return render(
        request,
        "inbox.html",
        inbox=inbox_of(session, account=who),
        department=department_name(session, department_id=who.department_id),
        beijing_text=beijing_text,
        suggestions=len(staff_queue(session, account=who, state="open"))
        + len(staff_queue(session, account=who, state="overdue")),
        delivery_saved=request.query_params.get("delivery", ""),
        delivery_error=request.query_params.get("delivery_error", ""),
    )


def _whole(form: FormDep, name: str) -> int:
    text = form.get(name, "")
    if not isinstance(text, str) or not text.strip().isdigit():
        raise InputProblem("请求缺少填报轮次、指标或年份", field=name)
    return int(text)


def _value(form: FormDep) -> float:
    text = form.get("value", "")
    try:
        return float(str(text).replace(",", "").strip())
    except ValueError:
        raise InputProblem(f"“{text}”不是数值", field="value") from None


@router.post("/inbox/delivery", dependencies=[Depends(verify_csrf)])
def delivery_form(session: SessionDep, user: ReporterDep, form: FormDep) -> Response:
    """One delivery indicator's value for a year of an open round (标准实施监测)."""
    try:
        with session.begin_nested():
            due = report_in_round(
                session, round_id=_whole(form, "round"), indicator_id=_whole(form, "indicator"),
                year=_whole(form, "year"), value=_value(form), account=user,
            )  # fmt: skip
    except MinshengError as problem:
        return RedirectResponse(f"/inbox?delivery_error={quote(problem.message)}#delivery", 303)
    return RedirectResponse(f"/inbox?delivery={quote(due.name)}#delivery", status_code=303)
