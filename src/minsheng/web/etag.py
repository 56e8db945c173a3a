"""ETag on every successful GET, and 304 Not Modified when the client already holds it.

The tag is a weak one (`W/"…"`) over the body before compression, so the gzip and the
plain copy of a response share it. Responses that carry their own tag (static files) keep
it; file downloads pass untagged (they may stream); other bodies are buffered, as the
routes build them in memory anyway.
"""

from __future__ import annotations

import hashlib

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class ETagMiddleware:
    """ASGI middleware: tags GET 200 responses, answers a matching If-None-Match with 304."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        asked = dict(scope["headers"]).get(b"if-none-match", b"")
        await self.app(scope, receive, _Tagger(send, asked))


class _Tagger:
    def __init__(self, send: Send, asked: bytes) -> None:
        self.send = send
        self.asked = asked
        self.start: Message | None = None
        self.body = bytearray()

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            if message["status"] != 200 or _header(message, b"etag") or _download(message):
                await self._pass_through(message)
                return
            self.start = message
        elif self.start is None:
            await self.send(message)
        else:
            self.body.extend(message.get("body", b""))
            if not message.get("more_body", False):
                await self._finish()

    async def _pass_through(self, message: Message) -> None:
        tag = _header(message, b"etag")
        if tag and message["status"] == 200 and _matches(self.asked, tag):
            self.start = None
            message = _not_modified(message, tag)
            await self.send(message)
            await self.send({"type": "http.response.body", "body": b""})
            self.send = _swallow
            return
        await self.send(message)

    async def _finish(self) -> None:
        assert self.start is not None
        tag = b'W/"' + hashlib.blake2b(bytes(self.body), digest_size=16).hexdigest().encode() + b'"'
        if _matches(self.asked, tag):
            await self.send(_not_modified(self.start, tag))
            await self.send({"type": "http.response.body", "body": b""})
            return
        headers = [*self.start.get("headers", []), (b"etag", tag)]
        await self.send({**self.start, "headers": headers})
        await self.send({"type": "http.response.body", "body": bytes(self.body)})


async def _swallow(message: Message) -> None:
    """The rest of a body the client already has."""


def _download(message: Message) -> bool:
    """A file download may be streamed: it is passed on as it comes, untagged."""
    return (_header(message, b"content-disposition") or b"").startswith(b"attachment")


def _header(message: Message, name: bytes) -> bytes | None:
    return next((v for k, v in message.get("headers", []) if k.lower() == name), None)


def _matches(asked: bytes, tag: bytes) -> bool:
    """If-None-Match compares weakly: W/"x" matches "x" and W/"x"; `*` matches anything."""
    wanted = {t.strip().removeprefix(b"W/") for t in asked.split(b",") if t.strip()}
    return b"*" in wanted or tag.removeprefix(b"W/") in wanted


KEPT = {b"cache-control", b"vary", b"content-location", b"expires", b"date"}


def _not_modified(start: Message, tag: bytes) -> Message:
    headers = [(k, v) for k, v in start.get("headers", []) if k.lower() in KEPT]
    return {"type": "http.response.start", "status": 304, "headers": [*headers, (b"etag", tag)]}
