"""A user's own API tokens: issued with an expiry, listed with when they were last used,
revoked. Only a token's SHA-256 is stored; the token itself is shown once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from minsheng.errors import InputProblem, NotFound
from minsheng.store.repositories import audit, sessions
from minsheng.store.tables import ApiToken
from minsheng.usecases.clock import aware, beijing
from minsheng.usecases.users import Account, account, create_token, token_row

DEFAULT_DAYS = 90
MAX_DAYS = 365
USE_PRECISION = timedelta(minutes=1)
""""Last used" is kept to the minute: a busy script does not write on every request."""


@dataclass(frozen=True)
class TokenRow:
    """One token as its owner sees it; times in Beijing time, `state` active, expired or
    revoked."""

    id: int
    name: str
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    state: str


@dataclass(frozen=True)
class TokenUse:
    """Who a presented token speaks for, and whether its "last used" is worth updating."""

    account: Account
    token_id: int
    stale: bool


def list_tokens(session: Session, *, user_id: int) -> list[TokenRow]:
    """The user's tokens, newest first."""
    return [_row(token) for token in sessions.tokens_of(session, user_id=user_id)]


def issue_own_token(
    session: Session, *, owner: Account, name: str, days: int = DEFAULT_DAYS
) -> tuple[TokenRow, str]:
    """A new token for `owner`, valid `days` days; the row and the token (shown once)."""
    name = name.strip()
    if not name or len(name) > 100:
        raise InputProblem("a token needs a name of at most 100 characters", field="name")
    if not 1 <= days <= MAX_DAYS:
        raise InputProblem(f"a token is valid 1 to {MAX_DAYS} days", field="days")
    token = create_token(session, user_id=owner.id, name=name, lifetime=timedelta(days=days))
    row = token_row(session, token=token)
    assert row is not None  # just made
    _log(session, owner, "create", row.id, {"name": name, "days": days})
    return _row(row), token


def revoke_token(session: Session, *, owner: Account, token_id: int) -> TokenRow:
    """Revoke one of the owner's tokens (revoking twice changes nothing)."""
    token = sessions.token_of(session, token_id=token_id, user_id=owner.id)
    if token is None:
        raise NotFound(f"您没有编号为 {token_id} 的 API 令牌")
    if token.revoked_at is None:
        token.revoked_at = datetime.now(UTC)
        _log(session, owner, "revoke", token.id, {"name": token.name})
    return _row(token)


def token_use(session: Session, *, token: str) -> TokenUse | None:
    """The valid token's owner (active), or None."""
    row = token_row(session, token=token)
    owner = account(session, user_id=row.user_id) if row else None
    if row is None or owner is None:
        return None
    used = row.last_used_at
    stale = used is None or aware(used) < datetime.now(UTC) - USE_PRECISION
    return TokenUse(owner, row.id, stale)


def mark_used(session: Session, *, token_id: int) -> None:
    sessions.mark_token_used(session, token_id=token_id, at=datetime.now(UTC))


def _log(session: Session, owner: Account, action: str, token_id: int, detail: dict) -> None:
    """The audit log names the token, never shows it."""
    audit.record(session, username=owner.username, action=action, entity="api_token",
                 entity_id=token_id, detail={"user": owner.username} | detail)  # fmt: skip


def _row(token: ApiToken) -> TokenRow:
    now = datetime.now(UTC)
    expires = _beijing(token.expires_at)
    if token.revoked_at is not None:
        state = "revoked"
    elif expires is not None and expires <= now:
        state = "expired"
    else:
        state = "active"
    created = _beijing(token.created_at) or now
    return TokenRow(token.id, token.name, created, expires, _beijing(token.last_used_at), state)


def _beijing(moment: datetime | None) -> datetime | None:
    return beijing(moment) if moment is not None else None
