"""A reporter's inbox (待办): what the department owes in open rounds, what review sent
back and why, and the reminders it received."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from minsheng.usecases.assignments import department_name
from minsheng.usecases.rounds import beijing_text, inbox_of
from minsheng.usecases.users import Account
from minsheng.web.deps import AccountDep, SessionDep
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
    )
