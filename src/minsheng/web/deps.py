"""Named dependencies shared by routes: the database session and who is asking."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from typing import Annotated

from fastapi import BackgroundTasks, Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from minsheng.store import session_scope
from minsheng.store.busy import is_busy
from minsheng.store.database import WRITE_OPTION
from minsheng.usecases.sign_in import session_account
from minsheng.usecases.tokens import mark_used, token_use
from minsheng.usecases.users import Account
from minsheng.web.csrf import SESSION_KEY

bearer_scheme = HTTPBearer(
    auto_error=False,
    scheme_name="令牌",
    description="API 令牌：在“我的 API 令牌”页（/account/tokens）或 POST /api/v1/tokens 创建。",
)
BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)]
SIGN_IN_FIRST = "请先登录，或在请求头中带上 Authorization: Bearer <令牌>。"
NEEDS_ROLE = "没有权限：此操作需要{roles}角色。"
ROLE_NAMES = {
    "admin": "管理员",
    "planner": "规划人员",
    "reporter": "填报人员",
    "viewer": "查看人员",
}
SESSION_ID = "sid"
"""The key of the server-side session's id in the signed cookie."""
CSRF_HEADER = "x-csrf-token"
READ_METHODS = ("GET", "HEAD")
CHALLENGE = {"WWW-Authenticate": "Bearer"}
BAD_TOKEN = "API 令牌无效、已过期或已被撤销。"
COOKIE_WRITE = (
    "以登录会话调用写入接口时，请求须为 JSON（Content-Type: application/json）"
    "或带有页面表单中的 CSRF 令牌（X-CSRF-Token 请求头）。"
)
log = logging.getLogger("minsheng.web")


def get_read_session(request: Request) -> Iterator[Session]:
    """A read-only unit of work: who is asking is looked up here, and a GET reads here, so
    neither waits for (or holds) the write lock."""
    with session_scope(request.app.state.engine, writes=False) as session:
        yield session


ReadSessionDep = Annotated[Session, Depends(get_read_session, scope="function")]


def get_session(request: Request, read: ReadSessionDep) -> Iterator[Session]:
    """One transaction per request: committed when the route returns, else rolled back.

    It ends before the response is sent (scope "function"), so the next request sees
    the write. A GET gets the read-only unit of work. A write's transaction begins at its
    first statement, not before: an upload is read and checked before the write lock
    (SQLite's BEGIN IMMEDIATE) is taken.
    """
    if request.method in READ_METHODS:
        yield read
        return
    with Session(_write_engine(request), expire_on_commit=False) as session, session.begin():
        yield session


def _write_engine(request: Request) -> Engine:
    """The app's engine marked for writing (made once per app)."""
    state = request.app.state
    if getattr(state, "write_engine", None) is None:
        state.write_engine = state.engine.execution_options(**{WRITE_OPTION: True})
    return state.write_engine


SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def current_account(
    request: Request, session: ReadSessionDep, background: BackgroundTasks, bearer: BearerDep
) -> Account | None:
    """The signed-in user (session cookie) or the API token's owner; None for the public.

    A cookie-authenticated write to the API must be JSON or carry the CSRF token (a
    cross-site form can send neither)."""
    if bearer is not None:
        use = token_use(session, token=bearer.credentials.strip())
        if use is None:
            raise HTTPException(status_code=401, detail=BAD_TOKEN, headers=CHALLENGE)
        if use.stale:
            background.add_task(_mark_used, request.app.state.engine, use.token_id)
        request.state.signed_in_by = "token"
        return use.account
    sid = request.session.get(SESSION_ID)
    found = session_account(session, token=sid) if isinstance(sid, str) else None
    if found is not None:
        request.state.signed_in_by = "session"
        if not _cookie_write_allowed(request):
            raise HTTPException(status_code=403, detail=COOKIE_WRITE)
    return found


def _cookie_write_allowed(request: Request) -> bool:
    """Pages check their form's token themselves (verify_csrf); the API checks here."""
    if request.method in (*READ_METHODS, "OPTIONS") or not request.url.path.startswith("/api/"):
        return True
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        return True
    sent = request.headers.get(CSRF_HEADER, "")
    expected = request.session.get(SESSION_KEY)
    return bool(expected and sent) and secrets.compare_digest(sent, str(expected))


def _mark_used(engine: Engine, token_id: int) -> None:
    """After the response: note the token's use in a short transaction of its own."""
    try:
        with session_scope(engine) as session:
            mark_used(session, token_id=token_id)
    except Exception as error:
        if not is_busy(error):
            raise
        log.warning("token %s: last use not noted (%s)", token_id, error)


AccountDep = Annotated[Account | None, Depends(current_account)]


def require_role(*roles: str):  # noqa: ANN201 - a FastAPI dependency factory
    """A dependency admitting only signed-in users with one of `roles` (admin always)."""

    def check(user: AccountDep) -> Account:
        if user is None:
            raise HTTPException(status_code=401, detail=SIGN_IN_FIRST, headers=CHALLENGE)
        if user.role != "admin" and user.role not in roles:
            names = "或".join(ROLE_NAMES.get(role, role) for role in roles)
            raise HTTPException(status_code=403, detail=NEEDS_ROLE.format(roles=names))
        return user

    return check


AdminDep = Annotated[Account, Depends(require_role("admin"))]
PlannerDep = Annotated[Account, Depends(require_role("planner"))]
ReporterDep = Annotated[Account, Depends(require_role("reporter", "planner"))]
