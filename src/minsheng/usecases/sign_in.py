"""Server-side sessions: a random id in the (signed) cookie whose SHA-256 is a row here.

Logout ends the row; a password change, a role change or deactivation ends every session
of the user (and a session begun before such a change is refused even before its row is
ended), so a copied cookie stops working.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from minsheng.errors import MinshengError
from minsheng.store.repositories import sessions
from minsheng.store.tables.sessions import WebSession
from minsheng.usecases.throttle import reserve_attempt
from minsheng.usecases.users import Account, account_of_user, check_password, settle_sign_in

SESSION_LIFETIME = timedelta(hours=8)
KEEP_EXPIRED = timedelta(days=30)


def open_session(session: Session, *, account: Account, address: str) -> str:
    """A new session for `account`; the id to put in the cookie (only its hash is kept)."""
    now = datetime.now(UTC)
    sessions.purge_sessions(session, expired_before=now - KEEP_EXPIRED)
    token = secrets.token_urlsafe(32)
    session.add(
        WebSession(
            token_hash=_digest(token),
            user_id=account.id,
            role=account.role,
            address=address[:64],
            created_at=now,
            expires_at=now + SESSION_LIFETIME,
        )
    )
    session.flush()
    return token


def session_account(session: Session, *, token: str) -> Account | None:
    """The user of an open session; None once it ended, expired, the user was
    deactivated, their role changed or their password changed after it began."""
    found = sessions.session_with_hash(session, token_hash=_digest(token))
    if found is None:
        return None
    row, user = found
    now = datetime.now(UTC)
    changed = user.password_changed_at and _aware(user.password_changed_at) > _aware(row.created_at)
    if row.ended_at or _aware(row.expires_at) <= now or changed or user.role != row.role:
        return None
    return account_of_user(user)


def close_session(session: Session, *, token: str) -> None:
    """Logout: the session's id stops working, wherever the cookie was copied to."""
    sessions.end_session(session, token_hash=_digest(token), at=datetime.now(UTC))


def close_sessions_of(session: Session, *, user_id: int) -> int:
    """Sign a user out everywhere (password or role change, deactivation)."""
    return sessions.end_sessions_of(session, user_id=user_id, at=datetime.now(UTC))


def _aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


Transaction = Callable[[bool], AbstractContextManager[Session]]
"""Opens a transaction of its own (True: one that writes), committed when the block ends."""


def sign_in(
    transaction: Transaction, *, username: str, password: str, address: str
) -> tuple[Account, str]:
    """Count the attempt, check the password outside any write lock, log the outcome and
    open a session: three short transactions, so a failure stays counted. Returns the
    account and the session id; refusals raise (TooManyAttempts, SignInRefused …)."""
    with transaction(True) as session:
        reserve_attempt(session, username=username, address=address)
    with transaction(False) as session:
        verdict = check_password(session, username=username, password=password)
    refused: MinshengError | None = None
    with transaction(True) as session:
        try:
            account = settle_sign_in(session, verdict, address=address)
            sid = open_session(session, account=account, address=address)
        except MinshengError as error:
            refused = error  # the failed attempt is still logged
    if refused is not None:
        raise refused
    return account, sid
