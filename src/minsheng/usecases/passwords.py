"""Passwords that users can maintain: a strength rule, changing one's own, an administrator
setting one, and one-time reset links (only the token's SHA-256 is stored).

Every change is written to the audit log, which names the user but never holds a password,
a hash or a token.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from minsheng.errors import InputProblem, MinshengError, NotFound
from minsheng.settings import Settings
from minsheng.store.repositories import audit, users
from minsheng.store.tables import PasswordReset, User
from minsheng.usecases.clock import BEIJING, aware
from minsheng.usecases.mail import mail_configured, send_mail
from minsheng.usecases.sign_in import close_sessions_of
from minsheng.usecases.users import MIN_PASSWORD_LENGTH, hash_password, password_matches

RESET_LIFETIME = timedelta(hours=24)
RESET_PATH = "/password/reset/"
DEFAULT_PUBLIC_URL = "http://127.0.0.1:8000"
_WEAK_REASONS = {
    "short": f"at least {MIN_PASSWORD_LENGTH} characters",
    "simple": "mix at least two of letters, digits and other characters",
    "name": "must not contain the user name",
    "same": "must differ from the current password",
}


class WeakPassword(InputProblem):
    """A new password that breaks the strength rule; `reason` is one of _WEAK_REASONS."""

    code = "weak_password"

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(_WEAK_REASONS[reason], field="password")


class ResetLinkRefused(MinshengError):
    """A reset link that is unknown, used, expired or for a deactivated account."""

    code = "reset_link_refused"
    http_status = 410
    exit_code = 2

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(f"this password reset link is {reason}")


@dataclass(frozen=True)
class ResetLink:
    """A link to pass on to `username`; `url` is shown once and never stored."""

    username: str
    email: str | None
    url: str
    expires_at: datetime  # Beijing time


def weakness(password: str, *, username: str) -> str | None:
    """Why `password` is too weak (a _WEAK_REASONS key), or None when it is acceptable."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return "short"
    kinds = {_kind(char) for char in password}
    if len(kinds) < 2:
        return "simple"
    if len(username) >= 3 and username.lower() in password.lower():
        return "name"
    return None


def _kind(char: str) -> str:
    if char.isdigit():
        return "digit"
    return "letter" if char.isascii() and char.isalpha() else "other"


def change_own_password(session: Session, *, user_id: int, current: str, new: str) -> None:
    """The signed-in user changes their password; the current one must be given."""
    user = users.get_user(session, user_id=user_id)
    if user is None or not user.active:
        raise NotFound("no such active user")
    if not password_matches(user.password_hash, current):
        raise InputProblem("the current password is wrong", field="current_password")
    if new == current:
        raise WeakPassword("same")
    _set(session, user, new, action="change_password", author=user.username)


def set_password(session: Session, *, username: str, password: str, author: str) -> None:
    """An administrator (`minsheng user passwd`) sets a user's password."""
    _set(session, _named(session, username), password, action="set_password", author=author)


def _set(session: Session, user: User, password: str, *, action: str, author: str) -> None:
    reason = weakness(password, username=user.username)
    if reason:
        raise WeakPassword(reason)
    user.password_hash = hash_password(password)
    user.password_changed_at = datetime.now(UTC)
    _close_open_links(session, user.id)
    close_sessions_of(session, user_id=user.id)  # copied cookies stop working
    audit.record(
        session,
        username=author,
        action=action,
        entity="user",
        entity_id=user.id,
        detail={"username": user.username},
    )


def _named(session: Session, username: str) -> User:
    user = users.user_named(session, username=username)
    if user is None:
        raise NotFound(f"no user {username!r}")
    return user


def issue_reset_link(
    session: Session, *, username: str, author: str, base_url: str | None
) -> ResetLink:
    """A new one-time link for `username`, valid RESET_LIFETIME; earlier links stop working."""
    user = _named(session, username)
    if not user.active:
        raise InputProblem(f"user {username!r} is deactivated", field="active")
    _close_open_links(session, user.id)
    token = secrets.token_urlsafe(32)
    expires = datetime.now(UTC) + RESET_LIFETIME
    session.add(
        PasswordReset(
            user_id=user.id, token_hash=_digest(token), expires_at=expires, created_by=author
        )
    )
    audit.record(
        session,
        username=author,
        action="reset_link",
        entity="user",
        entity_id=user.id,
        detail={
            "username": user.username,
            "expires_at": f"{expires.astimezone(BEIJING):%Y-%m-%d %H:%M}",
        },
    )
    base = (base_url or DEFAULT_PUBLIC_URL).rstrip("/")
    url = f"{base}{RESET_PATH}{token}"
    return ResetLink(user.username, user.email, url, expires.astimezone(BEIJING))


def reset_link_user(session: Session, *, token: str) -> str:
    """The user name a reset link is for, if it can still be used."""
    return _usable(session, token)[1].username


def redeem_reset_link(session: Session, *, token: str, password: str) -> str:
    """Set the new password through a link, once; returns the user name."""
    reset, user = _usable(session, token)
    _set(session, user, password, action="reset_password", author=user.username)
    reset.used_at = datetime.now(UTC)
    return user.username


def _usable(session: Session, token: str) -> tuple[PasswordReset, User]:
    found = users.reset_with_hash(session, token_hash=_digest(token)) if token else None
    if found is None:
        raise ResetLinkRefused("unknown")
    reset, user = found
    if reset.used_at is not None:
        raise ResetLinkRefused("used")
    if aware(reset.expires_at) <= datetime.now(UTC):
        raise ResetLinkRefused("expired")
    if not user.active:
        raise ResetLinkRefused("deactivated")
    return reset, user


def _close_open_links(session: Session, user_id: int) -> None:
    """Links issued before a new password or a new link are spent."""
    now = datetime.now(UTC)
    for reset in users.open_resets(session, user_id=user_id):
        reset.used_at = now


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def mail_reset_link(link: ResetLink, settings: Settings) -> bool:
    """E-mail the link to its user when SMTP is configured and they have an address;
    False when nothing was sent (the administrator passes the link on)."""
    if not link.email or not mail_configured(settings):
        return False
    expires = link.expires_at.strftime("%Y-%m-%d %H:%M")
    body = (
        f"{link.username}，您好：\n\n系统管理员为您的账号生成了重设密码的链接：\n{link.url}\n\n"
        f"链接只能使用一次，{expires}（北京时间）前有效。如非本人申请，请忽略本邮件并告知管理员。"
    )
    return send_mail([link.email], "民生规划监测：重设密码", body, settings)
