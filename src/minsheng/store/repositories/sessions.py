"""Sign-in sessions, the sign-in throttle and API tokens, as the use cases look them up."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from minsheng.store.tables import ApiToken, User
from minsheng.store.tables.sessions import SignInThrottle, WebSession


def session_with_hash(session: Session, *, token_hash: str) -> tuple[WebSession, User] | None:
    """The sign-in session whose id has SHA-256 `token_hash`, with its user."""
    query = (
        select(WebSession, User)
        .join(User, User.id == WebSession.user_id)
        .where(WebSession.token_hash == token_hash)
    )
    row = session.execute(query).first()
    return (row[0], row[1]) if row else None


def end_session(session: Session, *, token_hash: str, at: datetime) -> None:
    """Sign one session out; an unknown or ended one is left as it is."""
    session.execute(
        update(WebSession)
        .where(WebSession.token_hash == token_hash, WebSession.ended_at.is_(None))
        .values(ended_at=at)
    )


def end_sessions_of(session: Session, *, user_id: int, at: datetime) -> int:
    """Sign a user out everywhere; how many sessions were open."""
    result = session.execute(
        update(WebSession)
        .where(WebSession.user_id == user_id, WebSession.ended_at.is_(None))
        .values(ended_at=at)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def purge_sessions(session: Session, *, expired_before: datetime) -> None:
    """Forget sessions that expired before `expired_before`."""
    session.execute(delete(WebSession).where(WebSession.expires_at < expired_before))


def throttle_for_update(
    session: Session, *, username: str, address: str, now: datetime
) -> SignInThrottle:
    """The throttle row of (user name, address), made if missing and locked on PostgreSQL
    (SELECT … FOR UPDATE), so concurrent attempts on one pair are judged one at a time."""
    dialect = session.connection().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(SignInThrottle).values(
        username=username, address=address, failures=0, allowed_at=now, updated_at=now
    )
    session.execute(statement.on_conflict_do_nothing(index_elements=["username", "address"]))
    query = select(SignInThrottle).where(
        SignInThrottle.username == username, SignInThrottle.address == address
    )
    return session.scalars(query.with_for_update().execution_options(populate_existing=True)).one()


def clear_throttle(session: Session, *, username: str, address: str) -> None:
    session.execute(
        delete(SignInThrottle).where(
            SignInThrottle.username == username, SignInThrottle.address == address
        )
    )


def token_with_hash(session: Session, *, token_hash: str) -> ApiToken | None:
    """The API token whose SHA-256 is `token_hash`, if one was issued."""
    return session.scalar(select(ApiToken).where(ApiToken.token_hash == token_hash))


def tokens_of(session: Session, *, user_id: int) -> list[ApiToken]:
    """A user's API tokens, newest first, revoked and expired ones included."""
    query = (
        select(ApiToken)
        .where(ApiToken.user_id == user_id)
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    )
    return list(session.scalars(query))


def token_of(session: Session, *, token_id: int, user_id: int) -> ApiToken | None:
    """Token `token_id` if it belongs to `user_id`."""
    query = select(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == user_id)
    return session.scalar(query)


def mark_token_used(session: Session, *, token_id: int, at: datetime) -> None:
    session.execute(update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=at))
