"""Accounts, departments, sign-in attempts and API tokens, as the use cases look them up."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from minsheng.store.tables import ApiToken, Department, LoginAttempt, PasswordReset, User


def get_user(session: Session, *, user_id: int) -> User | None:
    return session.get(User, user_id)


def user_named(session: Session, *, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username))


def users_with_departments(session: Session) -> list[tuple[User, str | None]]:
    """Every user with their department's name (None: no department), by user name."""
    query = (
        select(User, Department.name)
        .outerjoin(Department, Department.id == User.department_id)
        .order_by(User.username)
    )
    return [(user, name) for user, name in session.execute(query)]


def get_department(session: Session, *, department_id: int) -> Department | None:
    return session.get(Department, department_id)


def department_named(session: Session, *, name: str) -> Department | None:
    return session.scalar(select(Department).where(Department.name == name))


def departments(session: Session) -> list[Department]:
    """Every department, by name."""
    return list(session.scalars(select(Department).order_by(Department.name)))


def failed_sign_ins(session: Session, *, username: str, address: str, since: datetime) -> int:
    """Failed sign-ins since `since` under this user name or from this address."""
    query = (
        select(func.count())
        .select_from(LoginAttempt)
        .where(
            LoginAttempt.at >= since,
            ~LoginAttempt.succeeded,
            (LoginAttempt.username == username) | (LoginAttempt.address == address),
        )
    )
    return session.execute(query).scalar_one()


def token_with_hash(session: Session, *, token_hash: str) -> ApiToken | None:
    """The API token whose SHA-256 is `token_hash`, if one was issued."""
    return session.scalar(select(ApiToken).where(ApiToken.token_hash == token_hash))


def active_admins(session: Session) -> list[str]:
    """The user names of active administrators."""
    query = select(User.username).where(User.role == "admin", User.active).order_by(User.username)
    return list(session.scalars(query))


def reset_with_hash(session: Session, *, token_hash: str) -> tuple[PasswordReset, User] | None:
    """The reset link whose token has SHA-256 `token_hash`, with its user."""
    query = (
        select(PasswordReset, User)
        .join(User, User.id == PasswordReset.user_id)
        .where(PasswordReset.token_hash == token_hash)
    )
    row = session.execute(query).first()
    return (row[0], row[1]) if row else None


def open_resets(session: Session, *, user_id: int) -> list[PasswordReset]:
    """A user's reset links not yet used (expired ones included: closing them is harmless)."""
    query = select(PasswordReset).where(
        PasswordReset.user_id == user_id, PasswordReset.used_at.is_(None)
    )
    return list(session.scalars(query))
