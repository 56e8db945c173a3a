"""Reporting rounds for planners: the list and the form that opens one, and each round's
reporting-rate dashboard with a 催报 button and the liaison mailbox per department."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from minsheng.errors import InputProblem, MinshengError
from minsheng.usecases.entry import entry_plans
from minsheng.usecases.rounds import (
    beijing_text,
    close_round,
    delivery_tallies,
    open_round,
    remind,
    round_delivery,
    round_status,
    round_statuses,
    set_contact_email,
)
from minsheng.usecases.rounds.views import department_contacts, reminders_sent
from minsheng.usecases.users import Account
from minsheng.web.csrf import FormDep, verify_csrf
from minsheng.web.deps import AccountDep, PlannerDep, SessionDep
from minsheng.web.pages.access import gate
from minsheng.web.templating import render

router = APIRouter()
ROUND_ROLES = ("admin", "planner")


def _gate(request: Request, user: Account | None) -> Account | Response:
    return gate(request, user, ROUND_ROLES, "此页面仅限规划和管理人员使用")


@router.get("/rounds", response_class=HTMLResponse)
def rounds_page(request: Request, session: SessionDep, user: AccountDep) -> Response:
    who = _gate(request, user)
    if not isinstance(who, Account):
        return who
    return _render_list(request, session)


def _render_list(
    request: Request, session: Session, status_code: int = 200, **context: object
) -> HTMLResponse:
    plans = entry_plans(session)
    statuses = round_statuses(session)
    starts = [p.period_start for p in plans if p.period_start]
    ends = [p.period_end for p in plans if p.period_end]
    years = list(range(min(starts) - 1, max(ends) + 1)) if starts and ends else []
    context.setdefault("posted", {})
    return render(
        request, "rounds.html", status_code=status_code, statuses=statuses, plans=plans,
        years=years, departments=sorted(department_contacts(session)), **context,
    )  # fmt: skip


@router.post("/rounds", dependencies=[Depends(verify_csrf)], response_class=HTMLResponse)
def open_round_form(
    request: Request, session: SessionDep, user: PlannerDep, form: FormDep
) -> Response:
    plan, deadline = str(form.get("plan", "")), str(form.get("deadline", ""))
    years = [int(y) for y in form.getlist("year") if isinstance(y, str) and y.isdigit()]
    department = str(form.get("department", ""))
    posted = {"plan": plan, "years": years, "deadline": deadline, "department": department}
    try:
        with session.begin_nested():
            found = open_round(session, _plan_id(plan), years, _deadline(deadline),
                               user.username, department=department or None)  # fmt: skip
    except MinshengError as error:
        return _render_list(request, session, 422, error=error.message, posted=posted)
    return RedirectResponse(f"/rounds/{found.id}?opened=1", status_code=303)


def _plan_id(text: str) -> int:
    if not text.isdigit():
        raise InputProblem("请选择规划", field="plan")
    return int(text)


def _deadline(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputProblem("请填写截止日期（年-月-日）", field="deadline") from None


@router.get("/rounds/{round_id}", response_class=HTMLResponse)
def round_page(request: Request, round_id: int, session: SessionDep, user: AccountDep) -> Response:
    who = _gate(request, user)
    if not isinstance(who, Account):
        return who
    status = round_status(session, round_id=round_id)
    query = request.query_params
    dues = round_delivery(session, info=status.round)
    delivery_total, delivery_departments = delivery_tallies(dues)
    return render(
        request, "rounds_dashboard.html", status=status, delivery_total=delivery_total,
        delivery_departments=delivery_departments,
        delivery_short=[due for due in dues if due.undelivered],
        contacts=department_contacts(session), reminders=reminders_sent(session, round_id),
        beijing_text=beijing_text, opened=query.get("opened"), reminded=query.get("reminded"),
        mailed=query.get("mailed"), mail_problem=query.get("mail_problem"),
        contact_saved=query.get("contact"), error=query.get("error"),
    )  # fmt: skip


@router.post("/rounds/{round_id}/remind", dependencies=[Depends(verify_csrf)])
def remind_form(
    request: Request, round_id: int, session: SessionDep, user: PlannerDep, form: FormDep
) -> Response:
    """催报 one department: in-app, and by e-mail with the app's SMTP settings."""
    department = str(form.get("department", ""))
    settings = request.app.state.settings
    outcome = remind(session, round_id=round_id, department=department, author=user.username,
                     settings=settings)  # fmt: skip
    query = {"reminded": department, "mailed": ",".join(outcome.emailed_to)}
    if outcome.mail_problem:
        query["mail_problem"] = outcome.mail_problem
    return RedirectResponse(f"/rounds/{round_id}?{urlencode(query)}#reminders", status_code=303)


@router.post("/rounds/{round_id}/contact", dependencies=[Depends(verify_csrf)])
def contact_form(round_id: int, session: SessionDep, user: PlannerDep, form: FormDep) -> Response:
    department = str(form.get("department", ""))
    try:
        with session.begin_nested():
            set_contact_email(session, department=department, email=str(form.get("email", "")),
                              author=user.username)  # fmt: skip
    except InputProblem as problem:
        query = urlencode({"error": problem.message})
        return RedirectResponse(f"/rounds/{round_id}?{query}#departments", status_code=303)
    query = urlencode({"contact": department})
    return RedirectResponse(f"/rounds/{round_id}?{query}#departments", status_code=303)


@router.post("/rounds/{round_id}/close", dependencies=[Depends(verify_csrf)])
def close_form(round_id: int, session: SessionDep, user: PlannerDep) -> Response:
    """End a round: it leaves the reporters' inboxes; its figures stay."""
    close_round(session, round_id=round_id, author=user.username)
    return RedirectResponse(f"/rounds/{round_id}", status_code=303)
