"""Every write that a session cookie authorises is protected against cross-site requests:
a page's form carries the CSRF token (verify_csrf), and the API's writes go through
`current_account`, which wants JSON or the token for a cookie (tests/web/test_api_tokens.py
shows it refusing one)."""

from __future__ import annotations

import importlib
import pkgutil

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from minsheng.web import pages
from minsheng.web.csrf import verify_csrf
from minsheng.web.deps import current_account

WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def _calls(dependant: Dependant) -> set[object]:
    found = {dependant.call}
    for inner in dependant.dependencies:
        found |= _calls(inner)
    return found


def _page_routes() -> list[APIRoute]:
    """Every route of every page module (each has its own `router`)."""
    found = []
    for module in pkgutil.iter_modules(pages.__path__):
        router = getattr(importlib.import_module(f"{pages.__name__}.{module.name}"), "router", None)
        found += [r for r in getattr(router, "routes", []) if isinstance(r, APIRoute)]
    return found


def test_every_signed_in_page_write_checks_the_csrf_token():
    writes = [r for r in _page_routes() if r.methods & WRITES]
    signed_in = [r for r in writes if current_account in _calls(r.dependant)]
    assert len(signed_in) > 20
    unprotected = [r.path for r in signed_in if verify_csrf not in _calls(r.dependant)]
    assert unprotected == []
