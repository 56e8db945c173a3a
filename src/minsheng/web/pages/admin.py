"""Administration pages: users, departments, indicator assignments, API tokens, audit log."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from minsheng.errors import Conflict, InputProblem, MinshengError, NotFound
from minsheng.usecases.admin import (
    LastAdministrator,
    assign_indicators,
    assignment_choices,
    assignment_rows,
    create_department,
    issue_token,
    list_departments,
    list_users,
    unassign_indicator,
    update_user,
)
from minsheng.usecases.audit_log import audit_facets, audit_page
from minsheng.usecases.entry import entry_plans
from minsheng.usecases.scopes import account_scopes
from minsheng.usecases.users import ROLES, Account, create_user
from minsheng.web.csrf import FormDep, verify_csrf
from minsheng.web.deps import AccountDep, AdminDep, SessionDep
from minsheng.web.pages.access import gate
from minsheng.web.templating import render

router = APIRouter()
Text = Annotated[str, Form()]


def _gate(request: Request, user: Account | None) -> Account | Response:
    return gate(request, user, ("admin",), "此页面仅限系统管理员使用")


def problem(error: MinshengError) -> str:
    """A key the template turns into a Chinese sentence."""
    if isinstance(error, LastAdministrator):
        return "last_admin"
    if isinstance(error, Conflict):
        return "exists"
    if isinstance(error, NotFound):
        return "not_found"
    if isinstance(error, InputProblem) and error.field:
        return error.field
    return error.code


# --- Users, departments, tokens ---------------------------------------------------------


@router.get("/admin", response_class=HTMLResponse)
def admin_page(request: Request, session: SessionDep, user: AccountDep) -> Response:
    who = _gate(request, user)
    if not isinstance(who, Account):
        return who
    return render_admin(request, session, done=request.query_params.get("done"))


def render_admin(
    request: Request, session: Session, status_code: int = 200, **context: object
) -> HTMLResponse:
    """The users page, with a notice or a problem from the form just posted."""
    return render(
        request,
        "admin.html",
        status_code=status_code,
        users=list_users(session),
        departments=list_departments(session),
        roles=ROLES,
        scopes=account_scopes(session),
        **context,
    )


@router.post("/admin/users", dependencies=[Depends(verify_csrf)])
def add_user(
    request: Request,
    *,
    session: SessionDep,
    admin: AdminDep,
    username: Text,
    password: Text,
    role: Text,
    department: Text = "",
    email: Text = "",
) -> Response:
    try:
        with session.begin_nested():
            create_user(
                session,
                username=username.strip(),
                password=password,
                role=role,
                department=department.strip() or None,
                email=email,
                author=admin.username,
            )
    except MinshengError as error:
        return render_admin(request, session, 422, error=problem(error), failed="user")
    return RedirectResponse("/admin?done=user", status_code=303)


@router.post("/admin/users/{user_id}", dependencies=[Depends(verify_csrf)])
def change_user(
    request: Request,
    *,
    session: SessionDep,
    admin: AdminDep,
    user_id: int,
    role: Text,
    department: Text = "",
    email: Text = "",
) -> Response:
    try:
        with session.begin_nested():
            update_user(
                session,
                user_id=user_id,
                role=role,
                department=department.strip() or None,
                email=email,
                author=admin.username,
            )
    except MinshengError as error:
        return render_admin(request, session, 422, error=problem(error), failed="update")
    return RedirectResponse("/admin?done=update", status_code=303)


@router.post("/admin/departments", dependencies=[Depends(verify_csrf)])
def add_department(request: Request, session: SessionDep, admin: AdminDep, name: Text) -> Response:
    try:
        with session.begin_nested():
            create_department(session, name=name, author=admin.username)
    except MinshengError as error:
        return render_admin(request, session, 422, error=problem(error), failed="department")
    return RedirectResponse("/admin?done=department", status_code=303)


@router.post("/admin/tokens", dependencies=[Depends(verify_csrf)], response_class=HTMLResponse)
def add_token(
    request: Request, session: SessionDep, admin: AdminDep, username: Text, name: Text
) -> Response:
    try:
        with session.begin_nested():
            token = issue_token(session, username=username, name=name, author=admin.username)
    except MinshengError as error:
        return render_admin(request, session, 422, error=problem(error), failed="token")
    return render_admin(request, session, new_token=token, token_user=username, token_name=name)


# --- Assignments ---------------------------------------------------------------------------


@router.get("/admin/assignments", response_class=HTMLResponse)
def assignments_page(
    request: Request,
    session: SessionDep,
    user: AccountDep,
    plan: str | None = None,
    department: int | None = None,
) -> Response:
    who = _gate(request, user)
    if not isinstance(who, Account):
        return who
    return _render_assignments(
        request,
        session,
        plan,
        department,
        done=request.query_params.get("done"),
        removed=request.query_params.get("removed"),
    )


def _render_assignments(
    request: Request,
    session: Session,
    plan: str | None,
    department: int | None,
    status_code: int = 200,
    **context: object,
) -> HTMLResponse:
    plans = entry_plans(session)
    region = plan or (plans[0].choice_name if plans else None)
    chosen, indicators, regions = (
        assignment_choices(session, region=region) if region else (None, [], [])
    )
    departments = list_departments(session)
    return render(
        request,
        "admin_assignments.html",
        status_code=status_code,
        plans=plans,
        plan=chosen,
        indicators=indicators,
        regions=regions,
        departments=departments,
        department=department,
        assigned=assignment_rows(session, department_id=department) if department else [],
        **context,
    )


def _whole(text: object) -> int:
    """A posted id; anything else (a forged form) is 0, which names nothing."""
    return int(text) if isinstance(text, str) and text.isdigit() else 0


@router.post("/admin/assignments", dependencies=[Depends(verify_csrf)])
def add_assignments(
    request: Request,
    session: SessionDep,
    admin: AdminDep,
    form: FormDep,
) -> Response:
    plan = str(form.get("plan", ""))
    department = _whole(form.get("department"))
    region = str(form.get("region", ""))
    indicator_ids = [_whole(value) for value in form.getlist("indicator")]
    try:
        with session.begin_nested():
            count = assign_indicators(
                session,
                department_id=department,
                indicator_ids=indicator_ids,
                region_id=_whole(region) if region else None,
                author=admin.username,
            )
    except MinshengError as error:
        return _render_assignments(
            request, session, plan, department or None, 422, error=problem(error)
        )
    query = urlencode({"plan": plan, "department": department, "done": count})
    return RedirectResponse(f"/admin/assignments?{query}", status_code=303)


@router.post("/admin/assignments/remove", dependencies=[Depends(verify_csrf)])
def remove_assignment(
    request: Request,
    session: SessionDep,
    admin: AdminDep,
    form: FormDep,
) -> Response:
    """Take one assignment away; the department's reporters stop seeing it at once."""
    plan = str(form.get("plan", ""))
    department = _whole(form.get("department"))
    region = str(form.get("region", ""))
    try:
        with session.begin_nested():
            unassign_indicator(
                session,
                department_id=department,
                indicator_id=_whole(form.get("indicator")),
                region_id=_whole(region) if region else None,
                author=admin.username,
            )
    except MinshengError as error:
        return _render_assignments(
            request, session, plan, department or None, 422, error=problem(error)
        )
    query = urlencode({"plan": plan, "department": department, "removed": 1})
    return RedirectResponse(f"/admin/assignments?{query}", status_code=303)


# --- Audit log -------------------------------------------------------------------------------


@router.get("/admin/audit", response_class=HTMLResponse)
def audit_log(
    request: Request,
    *,
    session: SessionDep,
    user: AccountDep,
    entity: str | None = None,
    username: str | None = None,
    action: str | None = None,
    page: int = 1,
) -> Response:
    who = _gate(request, user)
    if not isinstance(who, Account):
        return who
    entities, usernames, actions = audit_facets(session)
    found = audit_page(
        session, entity=entity or None, username=username or None, action=action or None, page=page
    )
    chosen = {"username": username or "", "action": action or "", "entity": entity or ""}
    return render(
        request,
        "admin_audit.html",
        log=found,
        entities=entities,
        usernames=usernames,
        actions=actions,
        query=urlencode(chosen),
        username=chosen["username"],
        action=chosen["action"],
        entity=chosen["entity"],
    )
