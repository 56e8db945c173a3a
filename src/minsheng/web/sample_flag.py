"""Every API response from a database that holds synthetic 示例数据 says so in a header,
`X-Sample-Data: true`, whatever its shape (JSON object, JSON list, CSV or XLSX download):
a client that stores the numbers can tell them from real ones."""

from __future__ import annotations

from fastapi import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from minsheng.usecases.sample_data import holds_sample_data
from minsheng.web.deps import ReadSessionDep

HEADER = b"x-sample-data"


def note_sample_data(request: Request, session: ReadSessionDep) -> None:
    """An API dependency: looks the answer up once per request (cached until a write)."""
    request.state.sample_data = holds_sample_data(session)


class SampleDataHeader:
    """ASGI middleware adding the header when the route noted sample data."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def flagged(message: Message) -> None:
            if message["type"] == "http.response.start" and scope.get("state", {}).get(
                "sample_data"
            ):
                message["headers"] = [*message.get("headers", []), (HEADER, b"true")]
            await send(message)

        await self.app(scope, receive, flagged)
