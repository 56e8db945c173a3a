"""Flood protection for public anonymous forms (满意度调查, 意见建议 …): a per-address rate
limit and a small arithmetic challenge, both without accounts, cookies or outside services.

Usage in a page module::

    GUARD = FloodGuard("survey")            # one guard per form name (≤ 40 characters)

    @router.get("/survey/{id}")             # the form: show the question, keep the token
    def form(request: Request) -> HTMLResponse:
        return render(request, "x.html", challenge=GUARD.challenge(request))
        # in the template: {% include "_flood_challenge.html" %}

    @router.post("/survey/{id}")
    def post(request: Request, session: SessionDep, form: FormDep) -> Response:
        refused = GUARD.refusal(request, session)   # HTTP 429 + Retry-After, or None
        if refused is not None:
            return refused
        if not GUARD.passed(request, form):          # wrong or expired answer
            ...                                      # show the form again with CHALLENGE_FAILED

Rate limit: a sliding window per form and client address. `refusal` counts the post when it
admits it (refused posts are not counted, so the wait ends on time); more than `limit`
posts within `window` seconds are refused with a Chinese page (or the API's JSON error
shape under /api/) and a Retry-After header. Defaults come from MINSHENG_PUBLIC_FORM_LIMIT
(posts, default 5) and MINSHENG_PUBLIC_FORM_WINDOW (seconds, default 600), read on each
post; a guard may also fix its own. The counts live in the database table
`form_submissions`, so every worker of `minsheng serve --workers N` shares them; rows hold
a keyed hash of the address (HMAC with the site's secret key), never the address, and are
deleted once older than the window. The address is the TCP peer's: behind a reverse proxy,
run the server with the proxy-headers option so the peer is the resident, not the proxy.

Challenge: "三加五等于几？"; the answer is signed (HMAC-SHA256 with the site's secret key,
the form's name and an expiry, `CHALLENGE_TTL`) into the hidden field `TOKEN_FIELD`, so
checking needs no state. A token stays valid until it expires; the rate limit bounds how
often one address can reuse it. It stops blind scripts, not a determined person.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from minsheng.store.repositories import form_submissions
from minsheng.web.templating import render

LIMIT_ENV = "MINSHENG_PUBLIC_FORM_LIMIT"
WINDOW_ENV = "MINSHENG_PUBLIC_FORM_WINDOW"
DEFAULT_LIMIT = 5
DEFAULT_WINDOW = 600
CHALLENGE_TTL = 2 * 60 * 60
"""Seconds a challenge stays answerable: long enough to fill a form on a phone."""
ANSWER_FIELD = "challenge_answer"
TOKEN_FIELD = "challenge_token"
DIGITS = "零一二三四五六七八九十"
TOO_MANY = "提交过于频繁：同一网络地址每 {minutes} 分钟最多提交 {limit} 次，请 {wait} 后再试。"
CHALLENGE_FAILED = "验证题答案不正确或已过期，请重新计算页面上的算术题后再提交。"


@dataclass(frozen=True)
class Challenge:
    """What a form shows (`question`) and carries back in its hidden field (`token`)."""

    question: str
    token: str
    answer_field: str = ANSWER_FIELD
    token_field: str = TOKEN_FIELD


def _setting(name: str, default: int) -> int:
    text = os.environ.get(name, "").strip()
    return int(text) if text.isdigit() and int(text) > 0 else default


def _secret(request: Request) -> bytes:
    return str(request.app.state.settings.session_secret()).encode()


def _sign(secret: bytes, *parts: object) -> str:
    message = "|".join(str(part) for part in parts).encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive UTC; PostgreSQL aware."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _wait_words(seconds: int) -> str:
    return f"{seconds} 秒" if seconds < 60 else f"{-(-seconds // 60)} 分钟"


class FloodGuard:
    """The rate limit and challenge of one public form; see the module docstring."""

    def __init__(self, form: str, *, limit: int | None = None, window: int | None = None) -> None:
        self.form = form[:40]
        self.fixed_limit = limit
        self.fixed_window = window

    @property
    def limit(self) -> int:
        return self.fixed_limit or _setting(LIMIT_ENV, DEFAULT_LIMIT)

    @property
    def window(self) -> int:
        return self.fixed_window or _setting(WINDOW_ENV, DEFAULT_WINDOW)

    def address_hash(self, request: Request) -> str:
        address = request.client.host if request.client else "unknown"
        return _sign(_secret(request), "address", address)

    def refusal(self, request: Request, session: Session) -> Response | None:
        """A 429 answer when this address used up its posts; else count this post, None."""
        now, key = datetime.now(UTC), self.address_hash(request)
        since = now - timedelta(seconds=self.window)
        form_submissions.forget_before(session, form=self.form, before=since)
        recent = form_submissions.recent(session, form=self.form, address_hash=key, since=since)
        if len(recent) >= self.limit:
            ends = _aware(recent[len(recent) - self.limit]) + timedelta(seconds=self.window)
            return self._too_many(request, max(1, int((ends - now).total_seconds()) + 1))
        form_submissions.add(session, form=self.form, address_hash=key, at=now)
        return None

    def _too_many(self, request: Request, retry_after: int) -> Response:
        minutes = max(1, self.window // 60)
        text = TOO_MANY.format(minutes=minutes, limit=self.limit, wait=_wait_words(retry_after))
        headers = {"Retry-After": str(retry_after)}
        if request.url.path.startswith("/api/"):
            body = {"error": "too_many_submissions", "message": text}
            return JSONResponse(body, status_code=429, headers=headers)
        page = render(request, "error.html", status_code=429, status=429, message=text)
        page.headers.update(headers)
        return page

    def challenge(self, request: Request) -> Challenge:
        """A fresh question with its signed answer (a sum or difference of two digits)."""
        first, second = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
        first, second = max(first, second), min(first, second)
        subtract = secrets.randbelow(2) == 1
        answer = first - second if subtract else first + second
        question = f"{DIGITS[first]}{'减' if subtract else '加'}{DIGITS[second]}等于几？"
        expires, nonce = int(time.time()) + CHALLENGE_TTL, secrets.token_hex(8)
        mac = _sign(_secret(request), self.form, expires, nonce, answer)
        return Challenge(question, f"{expires}.{nonce}.{mac}")

    def passed(self, request: Request, form: FormData) -> bool:
        """Whether the posted answer matches its signed, unexpired token."""
        token, answer = form.get(TOKEN_FIELD), form.get(ANSWER_FIELD)
        if not isinstance(token, str) or not isinstance(answer, str):
            return False
        parts, given = token.split("."), _number(answer)
        if len(parts) != 3 or not parts[0].isdigit() or given is None:
            return False
        if int(parts[0]) < time.time():
            return False
        expected = _sign(_secret(request), self.form, parts[0], parts[1], given)
        return hmac.compare_digest(expected, parts[2])


def _number(answer: str) -> int | None:
    """The answer as a number: ASCII or full-width digits, or a Chinese numeral up to 十八."""
    text = answer.strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit() and len(text) <= 3:
        return int(text)
    if text and all(char in DIGITS for char in text) and len(text) <= 2:
        if text[0] == "十":
            return 10 + (DIGITS.index(text[1]) if len(text) == 2 else 0)
        return DIGITS.index(text[0]) if len(text) == 1 else None
    return None
