"""The last line of defence: a failure nobody foresaw is logged with its traceback and
answered with a Chinese page (or the API's problem details), never a bare "Internal Server
Error" in English with nothing in the log."""

from __future__ import annotations

import logging

from fastapi import Request
from fastapi.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from minsheng.web.problem_details import problem_response
from minsheng.web.templating import render

SERVER_ERROR = "服务器内部错误，已记入服务器日志，请稍后重试或联系系统管理员。"
log = logging.getLogger("minsheng.web")


class CatchingMiddleware:
    """ASGI middleware that hands an exception raised before the response started to
    `answer`; one raised after it started is re-raised (the client has half a response)."""

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
            response = None if started else self.answer(error, scope)
            if response is None:
                raise
            await response(scope, receive, send)

    def answer(self, error: Exception, scope: Scope) -> Response | None:
        """The response to `error`, or None to let it through."""
        raise NotImplementedError


class ServerErrors(CatchingMiddleware):
    """Outermost: catches what every handler let through."""

    def answer(self, error: Exception, scope: Scope) -> Response | None:
        log.error("%s %s failed", scope.get("method"), scope.get("path"), exc_info=error)
        return server_error(Request(scope))


def server_error(request: Request) -> Response:
    """The answer to a failure: the API's error shape, or the Chinese error page."""
    if request.url.path.startswith("/api/"):
        return problem_response(500, SERVER_ERROR, "server_error")
    return render(request, "error.html", status_code=500, status=500, message=SERVER_ERROR)
