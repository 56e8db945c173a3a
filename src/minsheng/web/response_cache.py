"""Anonymous GET responses served from memory until the next write to the database.

Published pages and API reads are the same for every member of the public, and every
write changes the database's version (`audit.data_version`), which keys them all.
Requests with a session cookie or a token, responses that set a cookie, and anything
but a 200 pass straight through. Concurrent requests for a response being computed wait
for it rather than compute it again.

The key holds only the query parameters the route declares (and the few that pages read
by hand, PAGE_PARAMETERS), sorted: junk parameters (`?x=1`, `?x=2` …) cannot make every
request a miss. The API refuses undeclared parameters (422), so such a request is not
served from the cache; a page ignores them, so they are dropped from what the page sees.
"""

from __future__ import annotations

import asyncio
import threading
from collections import OrderedDict
from urllib.parse import unquote_plus

import anyio.to_thread
from sqlalchemy import Engine
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from minsheng.store.repositories import audit
from minsheng.web.api.conventions import declared_query

MAX_ENTRIES = 512
MAX_BODY = 4 * 1024 * 1024
MAX_PATHS = 4096
CachedResponse = tuple[int, list[tuple[bytes, bytes]], bytes]
Version = tuple[int, int]
API_PREFIX = "/api/"
PAGE_PARAMETERS = frozenset(
    {"plan", "district", "column", "status", "nature", "min_investment", "max_investment",
     "q", "imported", "changed", "opened", "department", "kind", "indicator", "region",
     "year", "page", "done", "saved", "removed", "sent", "state", "error", "published",
     "delivery", "delivery_error", "revoked"}
)  # fmt: skip
"""Names pages read from `request.query_params` rather than declare (projects, problems …)."""


class AnonymousResponseCache:
    """ASGI middleware; `engine` is asked for the data version once per cacheable request."""

    def __init__(self, app: ASGIApp, engine: Engine, session_cookie: str) -> None:
        self.app = app
        self.engine = engine
        self.declared: OrderedDict[str, frozenset[str]] = OrderedDict()
        self.cookie_marker = session_cookie.encode() + b"="
        self.entries: OrderedDict[tuple[Version, bytes, bytes], CachedResponse] = OrderedDict()
        self.lock = threading.Lock()
        self.computing: dict[tuple[Version, bytes, bytes], asyncio.Event] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._cacheable(scope):
            await self.app(scope, receive, send)
            return
        version = await anyio.to_thread.run_sync(self._version)  # never block the event loop
        known = self.declared.get(scope["path"])
        if known is None:
            await self._first_sight(scope, receive, send, version)
            return
        query = _declared_query(scope, known)
        if query is None:  # the API refuses what it does not declare: let it say so
            await self.app(scope, receive, send)
            return
        scope = {**scope, "query_string": query}
        key = (version, scope["path"].encode(), query)
        hit = await self._lookup(key)
        if hit is not None:
            await _replay(hit, send)
            return
        self.computing[key] = asyncio.Event()
        try:
            await self.app(scope, receive, _Recorder(send, lambda done: self._store(key, done)))
        finally:
            self.computing.pop(key).set()

    async def _lookup(self, key: tuple[Version, bytes, bytes]) -> CachedResponse | None:
        """A stored response; while another request computes the same one, wait for it."""
        while (pending := self.computing.get(key)) is not None:
            await pending.wait()
        with self.lock:
            return self.entries.get(key)

    def _cacheable(self, scope: Scope) -> bool:
        if scope["type"] != "http" or scope["method"] != "GET":
            return False
        if scope["path"].startswith("/static/"):
            return False
        headers = dict(scope["headers"])
        if b"authorization" in headers:
            return False
        return self.cookie_marker not in headers.get(b"cookie", b"")

    async def _first_sight(
        self, scope: Scope, receive: Receive, send: Send, version: Version
    ) -> None:
        """A path not seen yet: answer, learn which parameters its route reads, and keep
        the answer when the request asked for nothing else."""
        kept: list[CachedResponse] = []
        await self.app(scope, receive, _Recorder(send, kept.append))
        query = _declared_query(scope, self._learn(scope))
        if kept and query is not None and query == scope.get("query_string", b""):
            self._store((version, scope["path"].encode(), query), kept[0])

    def _learn(self, scope: Scope) -> frozenset[str]:
        """Remember the parameters the route that answered `scope` declares (the router
        put it in the scope); pages also read PAGE_PARAMETERS by hand."""
        names = set(declared_query(scope["route"])) if "route" in scope else set()
        if not scope["path"].startswith(API_PREFIX):
            names |= PAGE_PARAMETERS
        with self.lock:
            known = self.declared[scope["path"]] = frozenset(names)
            while len(self.declared) > MAX_PATHS:
                self.declared.popitem(last=False)
        return known

    def _version(self) -> Version:
        with self.engine.connect() as connection:
            return audit.data_version(connection)

    def _store(self, key: tuple[Version, bytes, bytes], response: CachedResponse) -> None:
        with self.lock:
            self.entries[key] = response
            while len(self.entries) > MAX_ENTRIES:
                self.entries.popitem(last=False)


class _Recorder:
    """Passes a response through while keeping a copy, handed over if it may be reused."""

    def __init__(self, send: Send, keep: object) -> None:
        self.send = send
        self.keep = keep
        self.status = 0
        self.headers: list[tuple[bytes, bytes]] = []
        self.body = bytearray()
        self.reusable = True

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            self.headers = list(message.get("headers", []))
            self.reusable = self.status == 200 and not any(
                name.lower() == b"set-cookie" for name, _ in self.headers
            )
        elif message["type"] == "http.response.body" and self.reusable:
            self.body.extend(message.get("body", b""))
            self.reusable = len(self.body) <= MAX_BODY
            if not message.get("more_body", False) and self.reusable:
                self.keep((self.status, self.headers, bytes(self.body)))  # type: ignore[operator]
        await self.send(message)


def _declared_query(scope: Scope, known: frozenset[str]) -> bytes | None:
    """The query string with only the `known` parameters, in name order (values in their
    order); None when an API route is asked for a parameter it does not declare."""
    pairs = [pair for pair in scope.get("query_string", b"").split(b"&") if pair]
    named = [(unquote_plus(pair.split(b"=", 1)[0].decode("latin-1")), pair) for pair in pairs]
    if scope["path"].startswith(API_PREFIX) and any(name not in known for name, _ in named):
        return None
    kept = sorted((item for item in named if item[0] in known), key=lambda item: item[0])
    return b"&".join(pair for _, pair in kept)


async def _replay(response: CachedResponse, send: Send) -> None:
    status, headers, body = response
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
