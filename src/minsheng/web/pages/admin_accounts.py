"""Administering accounts beyond their role: one-time password reset links, deactivation
and reactivation. Each is audited by the use case; the users page shows the outcome."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from minsheng.errors import MinshengError
from minsheng.usecases.admin import set_active, username_of
from minsheng.usecases.mail import MailNotSent
from minsheng.usecases.passwords import issue_reset_link, mail_reset_link
from minsheng.usecases.scopes import set_region
from minsheng.web.csrf import verify_csrf
from minsheng.web.deps import AdminDep, SessionDep
from minsheng.web.pages.admin import problem, render_admin

router = APIRouter()


@router.post(
    "/admin/users/{user_id}/reset-link",
    dependencies=[Depends(verify_csrf)],
    response_class=HTMLResponse,
)
def reset_link(request: Request, session: SessionDep, admin: AdminDep, user_id: int) -> Response:
    """Show the new link once, and e-mail it where SMTP and the user's address allow."""
    settings = request.app.state.settings
    base_url = settings.public_url or str(request.base_url)
    try:
        with session.begin_nested():
            link = issue_reset_link(
                session,
                username=username_of(session, user_id=user_id),
                author=admin.username,
                base_url=base_url,
            )
    except MinshengError as error:
        return render_admin(request, session, 422, error=problem(error), failed="reset")
    try:
        mailed, mail_error = mail_reset_link(link, settings), None
    except MailNotSent as error:
        mailed, mail_error = False, error.message
    return render_admin(request, session, reset=link, mailed=mailed, mail_error=mail_error)


@router.post("/admin/users/{user_id}/active", dependencies=[Depends(verify_csrf)])
def change_active(
    request: Request,
    session: SessionDep,
    admin: AdminDep,
    user_id: int,
    active: Annotated[str, Form()],
) -> Response:
    """active=1 reactivates, active=0 deactivates (their open sessions end at once)."""
    try:
        with session.begin_nested():
            set_active(
                session,
                username=username_of(session, user_id=user_id),
                active=active == "1",
                author=admin.username,
            )
    except MinshengError as error:
        return render_admin(request, session, 422, error=problem(error), failed="active")
    done = "activated" if active == "1" else "deactivated"
    return RedirectResponse(f"/admin?done={done}", status_code=303)


@router.post("/admin/users/{user_id}/region", dependencies=[Depends(verify_csrf)])
def change_region(
    request: Request,
    session: SessionDep,
    admin: AdminDep,
    user_id: int,
    region: Annotated[str, Form()] = "",
) -> Response:
    """The region the account acts for (a city covers its districts); blank: every region."""
    try:
        with session.begin_nested():
            username = username_of(session, user_id=user_id)
            set_region(
                session, username=username, region=region.strip() or None, author=admin.username
            )
    except MinshengError as error:
        return render_admin(request, session, 422, error=problem(error), failed="region")
    return RedirectResponse("/admin?done=region", status_code=303)
