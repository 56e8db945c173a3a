"""Named dependencies shared by routes: the database session and who is asking."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

from minsheng.store import session_scope
from minsheng.usecases.users import Account, account, account_for_token

BEARER = "bearer "


READ_METHODS = ("GET", "HEAD")


def get_session(request: Request) -> Iterator[Session]:
    """One transaction per request: committed when the route returns, else rolled back.

    It ends before the response is sent (scope "function"), so the next request sees
    the write; reads (GET) run as read-only units of work.
    """
    writes = request.method not in READ_METHODS
    with session_scope(request.app.state.engine, writes=writes) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def current_account(request: Request, session: SessionDep) -> Account | None:
    """The signed-in user (session cookie) or the API token's owner; None for the public."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith(BEARER):
        found = account_for_token(session, token=header[len(BEARER) :].strip())
        if found is None:
            raise HTTPException(status_code=401, detail="invalid API token")
        return found
    user_id = request.session.get("user_id")
    return account(session, user_id=user_id) if isinstance(user_id, int) else None


AccountDep = Annotated[Account | None, Depends(current_account)]


def require_role(*roles: str):  # noqa: ANN201 - a FastAPI dependency factory
    """A dependency admitting only signed-in users with one of `roles` (admin always)."""

    def check(user: AccountDep) -> Account:
        if user is None:
            raise HTTPException(status_code=401, detail="sign in first")
        if user.role != "admin" and user.role not in roles:
            raise HTTPException(status_code=403, detail=f"needs role {' or '.join(roles)}")
        return user

    return check


AdminDep = Annotated[Account, Depends(require_role("admin"))]
PlannerDep = Annotated[Account, Depends(require_role("planner"))]
ReporterDep = Annotated[Account, Depends(require_role("reporter", "planner"))]
