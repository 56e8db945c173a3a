"""Accounts, sign-in and API tokens: who may do what in the web app and the API."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.orm import Session

from minsheng.errors import Conflict, InputProblem, MinshengError
from minsheng.store.repositories import audit, sessions, users
from minsheng.store.tables import ApiToken, Department, LoginAttempt, User
from minsheng.usecases.roles import ROLES
from minsheng.usecases.throttle import clear_attempts, reserve_attempt

TOKEN_LIFETIME = timedelta(days=90)
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


@dataclass(frozen=True)
class Account:
    """The signed-in user as the web app needs it."""

    id: int
    username: str
    role: str
    department_id: int | None


def _account(user: User) -> Account:
    return Account(user.id, user.username, user.role, user.department_id)


def account_of_user(user: User) -> Account:
    """The read model of a user row (for the session and token look-ups)."""
    return _account(user)


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


@dataclass(frozen=True)
class Verdict:
    """What a password check found; `account` is set only when the password matched."""

    username: str
    account: Account | None
    active: bool


def authenticate(session: Session, *, username: str, password: str, address: str) -> Account:
    """Check a password within the caller's transaction (a refusal rolls its count back
    with it); `usecases.sign_in.sign_in` runs the same steps in transactions of their own."""
    reserve_attempt(session, username=username, address=address)
    verdict = check_password(session, username=username, password=password)
    return settle_sign_in(session, verdict, address=address)


def check_password(session: Session, *, username: str, password: str) -> Verdict:
    """Verify `password`; an unknown name is checked against a dummy hash so that it takes
    as long as a known one (no enumeration by timing)."""
    user = users.user_named(session, username=username)
    stored = user.password_hash if user is not None else _dummy_hash()
    verified = password_matches(stored, password) and user is not None
    found = _account(user) if verified and user is not None else None
    return Verdict(username, found, bool(user is not None and user.active))


def settle_sign_in(session: Session, verdict: Verdict, *, address: str) -> Account:
    """Log the attempt; a success forgets the pair's failures, anything else is refused."""
    succeeded = verdict.account is not None and verdict.active
    session.add(
        LoginAttempt(username=verdict.username[:64], address=address[:64], succeeded=succeeded)
    )
    session.flush()
    if verdict.account is not None and not verdict.active:
        raise AccountInactive("this account is deactivated")
    if not succeeded or verdict.account is None:
        raise SignInRefused("wrong user name or password")
    clear_attempts(session, username=verdict.username, address=address)
    return verdict.account


@cache
def _dummy_hash() -> str:
    return _hasher.hash(secrets.token_urlsafe(16))


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


def create_token(
    session: Session, *, user_id: int, name: str, lifetime: timedelta = TOKEN_LIFETIME
) -> str:
    """A new API token, shown once and valid for `lifetime`; only its SHA-256 is kept."""
    token = secrets.token_urlsafe(32)
    expires = datetime.now(UTC) + lifetime
    session.add(ApiToken(user_id=user_id, name=name, token_hash=_digest(token), expires_at=expires))
    session.flush()
    return token


def token_row(session: Session, *, token: str) -> ApiToken | None:
    """The token row if it is still valid: not revoked, not expired."""
    row = sessions.token_with_hash(session, token_hash=_digest(token))
    if row is None or row.revoked_at is not None:
        return None
    expires = row.expires_at
    if expires is not None and _aware(expires) <= datetime.now(UTC):
        return None
    return row


def account_for_token(session: Session, *, token: str) -> Account | None:
    """The owner of a valid token; None once revoked, expired or the owner deactivated."""
    row = token_row(session, token=token)
    return account(session, user_id=row.user_id) if row else None


def _aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
