"""`create_app`: the FastAPI application, built from settings and an engine, nothing global."""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import HTTPException, RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.middleware.sessions import SessionMiddleware

from minsheng.errors import MinshengError
from minsheng.settings import Settings, get_settings
from minsheng.store import create_engine_for
from minsheng.web.api import api_router
from minsheng.web.pages import pages_router
from minsheng.web.response_cache import AnonymousResponseCache
from minsheng.web.sample_flag import SampleDataHeader
from minsheng.web.server_errors import ServerErrors
from minsheng.web.templating import render
from minsheng.web.warm_up import warm_up_on_start

STATIC_DIR = Path(__file__).parent / "static"
SESSION_COOKIE = "minsheng_session"
SESSION_MAX_AGE = 8 * 3600


def create_app(settings: Settings | None = None, *, engine: Engine | None = None) -> FastAPI:
    """The whole web app on `engine` (default: the configured database, already migrated)."""
    settings = settings or get_settings()
    app = FastAPI(
        title="minsheng API",
        description="Plans, indicators, observations, evaluation and standards, read and written.",
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
    # Outermost, so it sees the session cookie the session middleware sets and skips it.
    app.add_middleware(
        AnonymousResponseCache, engine=app.state.engine, session_cookie=SESSION_COOKIE
    )
    app.add_middleware(ServerErrors)  # outside everything of ours
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(api_router, prefix="/api/v1")
    app.include_router(pages_router)
    app.add_api_route("/api/docs", _api_docs, include_in_schema=False)
    _install_error_handlers(app)
    return app


def _api_docs() -> HTMLResponse:
    """Swagger UI from the vendored copy, so the docs work offline."""
    return get_swagger_ui_html(
        openapi_url="/api/v1/openapi.json",
        title="minsheng API",
        swagger_js_url="/static/vendor/swagger-ui-bundle.js",
        swagger_css_url="/static/vendor/swagger-ui.css",
        swagger_favicon_url="/static/favicon.svg",
    )


INVALID_PARAMETERS = "请求参数有误，请检查：{fields}"
SERVER_PROBLEM = "服务器暂时无法完成此操作（{detail}），已记入服务器日志，请联系系统管理员。"
log = logging.getLogger("minsheng.web")


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _install_error_handlers(app: FastAPI) -> None:
    """Errors become JSON for the API and a Chinese error page for people."""

    @app.exception_handler(MinshengError)
    async def minsheng_error(request: Request, error: MinshengError) -> Response:
        if error.http_status < 500:
            return _error(request, error.http_status, str(error), error.code)
        log.error("%s %s: %s", request.method, request.url.path, error)
        page = SERVER_PROBLEM.format(detail=error)
        return _error(request, error.http_status, page, error.code)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        return _error(request, error.status_code, str(error.detail), "http_error")

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> Response:
        """The error shape of every other error, naming each field: the API adds them as
        `fields` [{field, message}], a page names them in Chinese."""
        problems = [(str(e["loc"][-1]) if e.get("loc") else "", e["msg"]) for e in error.errors()]
        if not _wants_json(request):
            fields = "、".join(field for field, _ in problems)
            message = INVALID_PARAMETERS.format(fields=fields)
            return _error(request, 422, message, "invalid_request")
        body = {
            "error": "invalid_request",
            "message": "; ".join(f"{field}: {text}" for field, text in problems),
            "fields": [{"field": field, "message": text} for field, text in problems],
        }
        return JSONResponse(body, status_code=422)


def _error(request: Request, status: int, message: str, code: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": code, "message": message}, status_code=status)
    return render(request, "error.html", status_code=status, status=status, message=message)
