"""Sign in and out with a server-side session (HttpOnly, SameSite=Lax cookie).

A sign-in runs as three short transactions: the attempt is counted (throttle), the
password is checked outside any write lock (argon2 is slow), and the outcome is logged with
a new session. A busy SQLite database then queues sign-ins for milliseconds, not seconds.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from minsheng.errors import MinshengError
from minsheng.store import session_scope
from minsheng.usecases.sign_in import close_session, sign_in
from minsheng.usecases.throttle import TooManyAttempts
from minsheng.web.csrf import verify_csrf
from minsheng.web.deps import SESSION_ID
from minsheng.web.templating import render

router = APIRouter()


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return render(request, "login.html", next=_local(next))


@router.post("/login", dependencies=[Depends(verify_csrf)])
def login(
    request: Request,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
) -> Response:
    address = client_address(request)
    try:
        sid = _sign_in(request, username[:64], password, address)
    except MinshengError as error:
        page = render(request, "login.html", status_code=error.http_status, error=error.code,
                      next=next, username=username[:64], retry_after=_wait(error))  # fmt: skip
        if isinstance(error, TooManyAttempts):
            page.headers["Retry-After"] = str(error.retry_after)
        return page
    request.session.clear()  # a fresh session on sign-in: no fixation
    request.session[SESSION_ID] = sid
    return RedirectResponse(_local(next), status_code=303)


def _sign_in(request: Request, username: str, password: str, address: str) -> str:
    """The new session's id (see the module's note on the transactions)."""
    engine = request.app.state.engine

    def transaction(writes: bool) -> AbstractContextManager[Session]:
        return session_scope(engine, writes=writes)

    _, sid = sign_in(transaction, username=username, password=password, address=address)
    return sid


@router.post("/logout", dependencies=[Depends(verify_csrf)])
def logout(request: Request) -> Response:
    """End the session on the server too, so a copied cookie stops working."""
    sid = request.session.get(SESSION_ID)
    if isinstance(sid, str):
        with session_scope(request.app.state.engine) as session:
            close_session(session, token=sid)
    request.session.clear()
    return RedirectResponse("/", status_code=303)


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _wait(error: MinshengError) -> int | None:
    return error.retry_after if isinstance(error, TooManyAttempts) else None


def _local(target: str) -> str:
    """Only redirect within the site: an absolute or scheme-relative URL goes home."""
    return target if target.startswith("/") and not target.startswith("//") else "/"
