"""CSRF protection for forms: a per-session token every state-changing form must echo."""

from __future__ import annotations

import secrets

from fastapi import HTTPException, Request

SESSION_KEY = "csrf"
FIELD = "csrf_token"


def csrf_token(request: Request) -> str:
    """The session's token, made on first use; templates put it in a hidden field."""
    token = request.session.get(SESSION_KEY)
    if not token:
        token = secrets.token_urlsafe(32)
        request.session[SESSION_KEY] = token
    return token


async def verify_csrf(request: Request) -> None:
    """Refuse a form post whose token does not match the session's (HTTP 403)."""
    form = await request.form()
    sent = form.get(FIELD)
    expected = request.session.get(SESSION_KEY)
    if not expected or not isinstance(sent, str) or not secrets.compare_digest(sent, expected):
        raise HTTPException(status_code=403, detail="form expired or forged; reload the page")
