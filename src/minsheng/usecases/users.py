"""Accounts, sign-in and API tokens: who may do what in the web app and the API."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.orm import Session

from minsheng.errors import Conflict, InputProblem, MinshengError
from minsheng.store.repositories import audit, users
from minsheng.store.tables import ApiToken, Department, LoginAttempt, User
from minsheng.usecases.roles import ROLES

MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 10
MAX_EMAIL_LENGTH = 254
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_hasher = PasswordHasher()


class SignInRefused(MinshengError):
    """Wrong name or password; the message never says which."""

    code = "sign_in_refused"
    http_status = 401
    exit_code = 2


class AccountInactive(SignInRefused):
    """The right password for a deactivated account: said only after the password checks."""

    code = "account_inactive"
    http_status = 403


class TooManyAttempts(MinshengError):
    code = "too_many_attempts"
    http_status = 429
    exit_code = 2


@dataclass(frozen=True)
class Account:
    """The signed-in user as the web app needs it."""

    id: int
    username: str
    role: str
    department_id: int | None


def _account(user: User) -> Account:
    return Account(user.id, user.username, user.role, user.department_id)


def create_user(
    session: Session,
    *,
    username: str,
    password: str,
    role: str,
    department: str | None = None,
    email: str | None = None,
    author: str,
) -> Account:
    """A new account; the password is stored only as an argon2 hash."""
    if role not in ROLES:
        raise InputProblem(f"role must be one of {', '.join(ROLES)}", field="role")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputProblem(f"at least {MIN_PASSWORD_LENGTH} characters", field="password")
    if users.user_named(session, username=username) is not None:
        raise Conflict(f"user {username!r} exists already")
    department_id = ensure_department(session, name=department).id if department else None
    user = User(
        username=username,
        password_hash=hash_password(password),
        role=role,
        department_id=department_id,
        email=checked_email(email),
    )
    session.add(user)
    session.flush()
    audit.record(
        session,
        username=author,
        action="create",
        entity="user",
        entity_id=user.id,
        detail={"username": username, "role": role, "department": department},
    )
    return _account(user)


def ensure_department(session: Session, *, name: str) -> Department:
    found = users.department_named(session, name=name)
    if found is None:
        found = Department(name=name)
        session.add(found)
        session.flush()
    return found


def authenticate(session: Session, *, username: str, password: str, address: str) -> Account:
    """Check a password; after MAX_FAILURES recent failures the name or address must wait."""
    since = datetime.now(UTC) - FAILURE_WINDOW
    failures = users.failed_sign_ins(session, username=username, address=address, since=since)
    if failures >= MAX_FAILURES:
        raise TooManyAttempts("too many failed sign-ins; try again in 15 minutes")
    user = users.user_named(session, username=username)
    verified = user is not None and password_matches(user.password_hash, password)
    succeeded = verified and user is not None and user.active
    session.add(LoginAttempt(username=username[:64], address=address[:64], succeeded=succeeded))
    session.flush()
    if verified and not succeeded:
        raise AccountInactive("this account is deactivated")
    if not succeeded or user is None:
        raise SignInRefused("wrong user name or password")
    return _account(user)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_matches(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def checked_email(email: str | None) -> str | None:
    """A plausible address (name@domain.tld) or None for blank; anything else is refused."""
    email = (email or "").strip()
    if not email:
        return None
    if not _EMAIL.fullmatch(email) or len(email) > MAX_EMAIL_LENGTH:
        raise InputProblem(f"{email!r} is not an e-mail address", field="email")
    return email


def account(session: Session, *, user_id: int) -> Account | None:
    """The user behind a session or token; None once deactivated, so open sessions end."""
    user = users.get_user(session, user_id=user_id)
    return _account(user) if user and user.active else None


def create_token(session: Session, *, user_id: int, name: str) -> str:
    """A new API token, shown once; only its SHA-256 is kept."""
    token = secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user_id, name=name, token_hash=_digest(token)))
    session.flush()
    return token


def account_for_token(session: Session, *, token: str) -> Account | None:
    row = users.token_with_hash(session, token_hash=_digest(token))
    return account(session, user_id=row.user_id) if row else None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
