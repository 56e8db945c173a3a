"""Sign in and out with a session cookie (HttpOnly, SameSite=Lax)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from minsheng.errors import MinshengError
from minsheng.usecases.users import authenticate
from minsheng.web.csrf import verify_csrf
from minsheng.web.deps import SessionDep
from minsheng.web.templating import render

router = APIRouter()


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return render(request, "login.html", next=_local(next))


@router.post("/login", dependencies=[Depends(verify_csrf)])
def login(
    request: Request,
    session: SessionDep,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
) -> Response:
    address = request.client.host if request.client else "unknown"
    try:
        user = authenticate(session, username=username, password=password, address=address)
    except MinshengError as error:
        return render(
            request,
            "login.html",
            status_code=error.http_status,
            error=error.code,
            next=next,
            username=username,
        )
    request.session.clear()  # a fresh session on sign-in: no fixation
    request.session["user_id"] = user.id
    return RedirectResponse(_local(next), status_code=303)


@router.post("/logout", dependencies=[Depends(verify_csrf)])
def logout(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse("/", status_code=303)


def _local(target: str) -> str:
    """Only redirect within the site: an absolute or scheme-relative URL goes home."""
    return target if target.startswith("/") and not target.startswith("//") else "/"
