"""The app as an import string for uvicorn's worker processes: each builds its own engine."""

from __future__ import annotations

from fastapi import FastAPI

from minsheng.web.app import create_app


def app_from_environment() -> FastAPI:
    """Settings from MINSHENG_* in each worker; the database is migrated before they start."""
    return create_app()
