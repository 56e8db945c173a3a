"""`create_app`: the FastAPI application, built from settings and an engine, nothing global."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.middleware.gzip import GZipMiddleware
from starlette.middleware.sessions import SessionMiddleware

from minsheng.settings import Settings, get_settings
from minsheng.store import create_engine_for
from minsheng.web.api import api_router
from minsheng.web.api.openapi import install_openapi
from minsheng.web.busy import BusyDatabase
from minsheng.web.error_handlers import install_error_handlers
from minsheng.web.etag import ETagMiddleware
from minsheng.web.pages import pages_router
from minsheng.web.response_cache import AnonymousResponseCache
from minsheng.web.sample_flag import SampleDataHeader
from minsheng.web.server_errors import ServerErrors
from minsheng.web.warm_up import warm_up_on_start

STATIC_DIR = Path(__file__).parent / "static"
SESSION_COOKIE = "minsheng_session"
SESSION_MAX_AGE = 8 * 3600


def create_app(settings: Settings | None = None, *, engine: Engine | None = None) -> FastAPI:
    """The whole web app on `engine` (default: the configured database, already migrated)."""
    settings = settings or get_settings()
    app = FastAPI(
        title="民生数据接口 minsheng API",
        version="1",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=warm_up_on_start,
    )
    app.state.settings = settings
    app.state.engine = engine or create_engine_for(settings.effective_database_url)
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.session_secret(),
        session_cookie=SESSION_COOKIE,
        max_age=SESSION_MAX_AGE,
        same_site="lax",
        https_only=settings.secure_cookies,
    )
    app.add_middleware(SampleDataHeader)
    # Outside the session middleware, so it sees the cookie that one sets and skips it.
    app.add_middleware(
        AnonymousResponseCache,
        engine=app.state.engine,
        session_cookie=SESSION_COOKIE,
    )
    app.add_middleware(ETagMiddleware)  # outside the cache, so a cached copy gets 304 too
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    app.add_middleware(BusyDatabase)  # a locked database: 503 with Retry-After, not 500
    app.add_middleware(ServerErrors)  # outside everything of ours
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(api_router, prefix="/api/v1")
    app.include_router(pages_router)
    app.add_api_route("/api/docs", _api_docs, include_in_schema=False)
    install_error_handlers(app)
    install_openapi(app)
    return app


def _api_docs() -> HTMLResponse:
    """Swagger UI from the vendored copy, so the docs work offline."""
    return get_swagger_ui_html(
        openapi_url="/api/v1/openapi.json",
        title="民生数据接口",
        swagger_js_url="/static/vendor/swagger-ui-bundle.js",
        swagger_css_url="/static/vendor/swagger-ui.css",
        swagger_favicon_url="/static/favicon.svg",
    )
