"""Jinja2 templates with autoescaping (plan text is untrusted input) and shared helpers."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from minsheng import labels as messages
from minsheng.web.csrf import FIELD, csrf_token

TEMPLATES_DIR = Path(__file__).parent / "templates"
templates = Jinja2Templates(directory=TEMPLATES_DIR)
templates.env.globals.update(
    label=messages.label,
    csrf_field=FIELD,
    domains=messages.DOMAIN_ORDER,
)


class _LazyCsrfToken:
    """Made only when a template prints it, so pages without forms set no cookie."""

    def __init__(self, request: Request) -> None:
        self.request = request

    def __str__(self) -> str:
        return csrf_token(self.request)


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page with the signed-in user, the CSRF token and today's date available."""
    context.setdefault("today", date.today())
    return templates.TemplateResponse(
        request,
        name,
        {
            "user": getattr(request.state, "account", None),
            "csrf_token": _LazyCsrfToken(request),
            **context,
        },
        status_code=status_code,
    )
