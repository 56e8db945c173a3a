"""Sign-in throttling: growing delays per (user name, address) instead of a lock-out.

Failed sign-ins are counted per (user name, address): a few are free, then each further
attempt waits longer (30 s, 1 min, 2 min … at most 5 min). Nobody elsewhere can lock an
account out, and an address shared by many people does not lock them all out. An attempt
is counted *before* its password is checked, in a transaction of its own on the caller's
side, so parallel guesses are judged one at a time and the slow hash runs outside any lock.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from minsheng.errors import MinshengError
from minsheng.store.repositories import sessions

FREE_FAILURES = 5
FIRST_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(minutes=5)
QUIET = timedelta(hours=1)
"""Failures older than this are forgotten."""


class TooManyAttempts(MinshengError):
    """Too many recent failures of this user name from this address: wait `retry_after`."""

    code = "too_many_attempts"
    http_status = 429
    exit_code = 2

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(f"too many failed sign-ins; try again in {retry_after} s")


def delay_after(failures: int) -> timedelta:
    """How long to wait after `failures` failures: none while free, then doubling."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    return min(FIRST_DELAY * 2 ** (failures - FREE_FAILURES), MAX_DELAY)


def reserve_attempt(session: Session, *, username: str, address: str) -> None:
    """Count an attempt as failed until it succeeds, or refuse it while it must wait."""
    now = datetime.now(UTC)
    row = sessions.throttle_for_update(
        session, username=username[:64], address=address[:64], now=now
    )
    now = datetime.now(UTC)  # after the row lock: a parallel attempt may have held it
    if _aware(row.updated_at) < now - QUIET:
        row.failures = 0
    wait = (_aware(row.allowed_at) - now).total_seconds()
    if wait > 0:
        raise TooManyAttempts(math.ceil(wait))
    row.failures += 1
    row.allowed_at = now + delay_after(row.failures)
    row.updated_at = now
    session.flush()


def clear_attempts(session: Session, *, username: str, address: str) -> None:
    """A successful sign-in forgets this pair's failures."""
    sessions.clear_throttle(session, username=username[:64], address=address[:64])


def _aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
