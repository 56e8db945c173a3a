"""CSRF protection for forms: a per-session token every state-changing form must echo."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from starlette.datastructures import FormData

SESSION_KEY = "csrf"
FIELD = "csrf_token"
FORM_EXPIRED = "表单已过期或来源不明，请刷新页面后重新提交。"


def csrf_token(request: Request) -> str:
    """The session's token, made on first use; templates put it in a hidden field."""
    token = request.session.get(SESSION_KEY)
    if not token:
        token = secrets.token_urlsafe(32)
        request.session[SESSION_KEY] = token
    return token


async def verify_csrf(request: Request) -> None:
    """Refuse a form post whose token does not match the session's (HTTP 403, in Chinese)."""
    form = await request.form()
    sent = form.get(FIELD)
    expected = request.session.get(SESSION_KEY)
    if not expected or not isinstance(sent, str) or not secrets.compare_digest(sent, expected):
        raise HTTPException(status_code=403, detail=FORM_EXPIRED)


async def posted_form(request: Request) -> FormData:
    """The posted form, for routes that read fields they do not declare one by one."""
    return await request.form()


FormDep = Annotated[FormData, Depends(posted_form)]
