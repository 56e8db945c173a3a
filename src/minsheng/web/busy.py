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
from starlette.types import Scope

from minsheng.store.busy import is_busy
from minsheng.web.problem_details import problem_response
from minsheng.web.server_errors import CatchingMiddleware
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


class BusyDatabase(CatchingMiddleware):
    """Turns a busy database into `busy_response`; lets every other error through."""

    def answer(self, error: Exception, scope: Scope) -> Response | None:
        if not is_busy(error):
            return None
        log.warning("%s %s: database busy (%s)", scope.get("method"), scope.get("path"), error)
        return busy_response(Request(scope))
