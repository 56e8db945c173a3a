"""A user's own account: changing one's password, and setting a new one through a one-time
reset link an administrator passed on."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from minsheng.errors import InputProblem, MinshengError
from minsheng.usecases.passwords import (
    ResetLinkRefused,
    WeakPassword,
    change_own_password,
    redeem_reset_link,
    reset_link_user,
)
from minsheng.usecases.sign_in import open_session
from minsheng.usecases.tokens import DEFAULT_DAYS, issue_own_token, list_tokens, revoke_token
from minsheng.usecases.users import MIN_PASSWORD_LENGTH, Account
from minsheng.web.csrf import verify_csrf
from minsheng.web.deps import SESSION_ID, AccountDep, SessionDep
from minsheng.web.pages.access import gate
from minsheng.web.pages.auth import client_address
from minsheng.web.templating import render

router = APIRouter()
Text = Annotated[str, Form()]
ALL_ROLES = ("admin", "planner", "reporter", "viewer")


def problem_key(error: MinshengError) -> str:
    """What went wrong, as a key the account templates turn into Chinese."""
    if isinstance(error, WeakPassword):
        return f"weak_{error.reason}"
    if isinstance(error, ResetLinkRefused):
        return f"link_{error.reason}"
    field = getattr(error, "field", None)
    return field or error.code


@router.get("/account/password", response_class=HTMLResponse)
def password_page(request: Request, user: AccountDep) -> Response:
    who = gate(request, user, ALL_ROLES, "请先登录")
    if isinstance(who, Response):
        return who
    done = request.query_params.get("done") == "1"
    return render(request, "account_password.html", done=done, minimum=MIN_PASSWORD_LENGTH)


@router.post("/account/password", dependencies=[Depends(verify_csrf)])
def change_password(
    request: Request,
    *,
    session: SessionDep,
    user: AccountDep,
    current_password: Text,
    new_password: Text,
    confirm_password: Text,
) -> Response:
    who = gate(request, user, ALL_ROLES, "请先登录")
    if isinstance(who, Response):
        return who
    error = "mismatch" if new_password != confirm_password else None
    if error is None:
        try:
            with session.begin_nested():
                change_own_password(
                    session, user_id=who.id, current=current_password, new=new_password
                )
        except MinshengError as refused:
            error = problem_key(refused)
    if error:
        return render(
            request,
            "account_password.html",
            status_code=422,
            error=error,
            minimum=MIN_PASSWORD_LENGTH,
        )
    # Every session of the user ended with the change; this browser gets a fresh one.
    request.session[SESSION_ID] = open_session(
        session, account=who, address=client_address(request)
    )
    return RedirectResponse("/account/password?done=1", status_code=303)


@router.get("/password/reset/{token}", response_class=HTMLResponse)
def reset_page(request: Request, session: SessionDep, token: str) -> Response:
    try:
        username = reset_link_user(session, token=token)
    except ResetLinkRefused as refused:
        return _reset_refused(request, refused)
    return render(
        request, "password_reset.html", username=username, token=token, minimum=MIN_PASSWORD_LENGTH
    )


@router.post("/password/reset/{token}", dependencies=[Depends(verify_csrf)])
def reset_password(
    request: Request,
    *,
    session: SessionDep,
    token: str,
    new_password: Text,
    confirm_password: Text,
) -> Response:
    try:
        username = reset_link_user(session, token=token)
    except ResetLinkRefused as refused:
        return _reset_refused(request, refused)
    error = "mismatch" if new_password != confirm_password else None
    if error is None:
        try:
            with session.begin_nested():
                redeem_reset_link(session, token=token, password=new_password)
        except MinshengError as refused:
            error = problem_key(refused)
    if error:
        return render(
            request,
            "password_reset.html",
            status_code=422,
            error=error,
            username=username,
            token=token,
            minimum=MIN_PASSWORD_LENGTH,
        )
    request.session.clear()  # whoever was signed in here signs in afresh
    return render(request, "password_reset.html", done=True, username=username)


def _reset_refused(request: Request, refused: ResetLinkRefused) -> HTMLResponse:
    return render(
        request,
        "password_reset.html",
        status_code=refused.http_status,
        error=problem_key(refused),
        refused=True,
    )


# --- API tokens ----------------------------------------------------------------------------

TOKEN_DAYS = (30, 90, 180, 365)


@router.get("/account/tokens", response_class=HTMLResponse)
def tokens_page(request: Request, session: SessionDep, user: AccountDep) -> Response:
    who = gate(request, user, ALL_ROLES, "请先登录")
    if isinstance(who, Response):
        return who
    return _render_tokens(request, session, who)


@router.post("/account/tokens", dependencies=[Depends(verify_csrf)])
def add_token(
    request: Request, *, session: SessionDep, user: AccountDep, name: Text, days: Text = "90"
) -> Response:
    """Make a token; it is shown on this page once, then only its name and dates."""
    who = gate(request, user, ALL_ROLES, "请先登录")
    if isinstance(who, Response):
        return who
    try:
        with session.begin_nested():
            row, token = issue_own_token(session, owner=who, name=name, days=_days(days))
    except MinshengError as refused:
        return _render_tokens(request, session, who, 422, error=problem_key(refused))
    return _render_tokens(request, session, who, new_token=token, new_name=row.name)


@router.post("/account/tokens/{token_id}/revoke", dependencies=[Depends(verify_csrf)])
def revoke(request: Request, session: SessionDep, user: AccountDep, token_id: int) -> Response:
    who = gate(request, user, ALL_ROLES, "请先登录")
    if isinstance(who, Response):
        return who
    revoke_token(session, owner=who, token_id=token_id)
    return RedirectResponse("/account/tokens?revoked=1", status_code=303)


def _render_tokens(
    request: Request, session: Session, who: Account, status_code: int = 200, **context: object
) -> HTMLResponse:
    tokens = list_tokens(session, user_id=who.id)
    revoked = request.query_params.get("revoked") == "1"
    choices = {"days": TOKEN_DAYS, "default_days": DEFAULT_DAYS}
    return render(request, "account_tokens.html", status_code=status_code, tokens=tokens,
                  revoked=revoked, **choices, **context)  # fmt: skip


def _days(text: str) -> int:
    """The validity chosen; anything but a whole number is refused like a bad field."""
    try:
        return int(text)
    except ValueError:
        raise InputProblem("a token is valid a whole number of days", field="days") from None
