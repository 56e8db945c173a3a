"""Jinja2 templates with autoescaping (plan text is untrusted input) and shared helpers.

Templates receive plain read models, never ORM rows or a session: a row read while a page
renders could lazy-load, querying from inside a template. `render` checks the context.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from minsheng import labels as messages
from minsheng.store.tables import Base
from minsheng.usecases.clock import beijing_today
from minsheng.web.csrf import FIELD, csrf_token

TEMPLATES_DIR = Path(__file__).parent / "templates"
templates = Jinja2Templates(directory=TEMPLATES_DIR)
templates.env.globals.update(
    label=messages.label,
    audit_action=messages.audit_action,
    audit_entity=messages.audit_entity,
    audit_field=messages.audit_field,
    csrf_field=FIELD,
    domains=messages.DOMAIN_ORDER,
)


class _LazyCsrfToken:
    """Made only when a template prints it, so pages without forms set no cookie."""

    def __init__(self, request: Request) -> None:
        self.request = request

    def __str__(self) -> str:
        return csrf_token(self.request)


GUARD_DEPTH = 6
"""How far below a context value the guard looks: deep enough for the standards comparison
(`comparison.domains[0].rows[0].cells[1]`), the deepest read model a page is given."""
GUARD_SAMPLE = 4
"""Items of a list, tuple, set or dict the guard looks at. Containers are assumed to hold one
kind of thing (a list of read models): only the first item of each type among these is
walked, so the check stays cheap on long tables. An ORM row further down a list whose
first items are plain would slip through; read models are built whole, so none is."""
_PLAIN = (str, bytes, int, float, complex, date)


def check_context(name: str, context: Mapping[str, Any]) -> None:
    """Refuse a template a store row or a session anywhere in its context (a TypeError)."""
    for key, value in context.items():
        for path, found in _forbidden(value, key, GUARD_DEPTH):
            kind = "a database session" if isinstance(found, Session) else "a store row"
            raise TypeError(f"{name}: {path} is {kind} ({type(found).__name__})")


def _forbidden(value: Any, path: str, depth: int) -> Iterator[tuple[str, Any]]:
    """(path, value) of each ORM row or session reached from `value` within `depth` steps."""
    if isinstance(value, Base | Session):
        yield path, value
    elif depth > 0 and not isinstance(value, _PLAIN):
        for step, inner in _children(value):
            yield from _forbidden(inner, f"{path}{step}", depth - 1)


def _children(value: Any) -> Iterator[tuple[str, Any]]:
    """(path step, value) of what a container or dataclass holds, sampled as documented."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        yield from ((f".{f.name}", getattr(value, f.name)) for f in dataclasses.fields(value))
    elif isinstance(value, Mapping):
        yield from _one_per_type((f"[{k!r}]", v) for k, v in value.items())
    elif isinstance(value, list | tuple):
        yield from _one_per_type((f"[{i}]", item) for i, item in enumerate(value))
    elif isinstance(value, set | frozenset):
        yield from _one_per_type(("{…}", item) for item in value)


def _one_per_type(items: Iterable[tuple[str, Any]]) -> Iterator[tuple[str, Any]]:
    """The first of each type among the first GUARD_SAMPLE items: [None, row] still shows."""
    seen: set[type] = set()
    for step, item in islice(items, GUARD_SAMPLE):
        if type(item) not in seen:
            seen.add(type(item))
            yield step, item


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page with the signed-in user, the CSRF token and today's date available.

    Raises TypeError when the context holds a store row or a session (see `check_context`).
    """
    context.setdefault("today", beijing_today())
    everything = {
        "user": getattr(request.state, "account", None),
        "sample_data": getattr(request.state, "sample_data", False),
        "csrf_token": _LazyCsrfToken(request),
        **context,
    }
    check_context(name, everything)
    return templates.TemplateResponse(request, name, everything, status_code=status_code)
