"""A busy database answers 503 with Retry-After and a Chinese message, never a 500.

On SQLite one writer holds the lock at a time: a write that waited the whole busy timeout
gets "database is locked". On PostgreSQL a serialization failure, a deadlock or a lock
that could not be had is the same situation. Nothing was saved and trying again shortly
will work, so that is what the answer says.

Registered in web/app.py inside ServerErrors: `app.add_middleware(BusyDatabase)`.
"""

from __future__ import annotations

import logging

from fastapi import Request
from fastapi.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from minsheng.store.busy import is_busy
from minsheng.web.problem_details import problem_response
from minsheng.web.templating import render

RETRY_AFTER = 5
BUSY = "数据库正忙（另一项写入尚未完成），本次操作未保存。请 {seconds} 秒后重试。"
log = logging.getLogger("minsheng.web")


def busy_response(request: Request) -> Response:
    """503 with Retry-After: problem details under /api, else the Chinese error page."""
    message = BUSY.format(seconds=RETRY_AFTER)
    headers = {"Retry-After": str(RETRY_AFTER)}
    if request.url.path.startswith("/api/"):
        return problem_response(503, message, "database_busy", headers=headers)
    page = render(request, "error.html", status_code=503, status=503, message=message)
    page.headers.update(headers)
    return page


class BusyDatabase:
    """ASGI middleware turning a busy database into `busy_response`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception as error:
            if started or not is_busy(error):
                raise
            log.warning("%s %s: database busy (%s)", scope.get("method"), scope.get("path"), error)
            await busy_response(Request(scope))(scope, receive, send)
