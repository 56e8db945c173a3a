"""Sign-in throttling per (user name, address): free attempts, then delays that double up
to five minutes; a success or a quiet hour forgets the failures; nobody else waits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from minsheng.store import session_scope
from minsheng.store.tables.sessions import SignInThrottle
from minsheng.usecases.sign_in import sign_in
from minsheng.usecases.throttle import FREE_FAILURES, TooManyAttempts, delay_after
from minsheng.usecases.users import SignInRefused, create_user

PASSWORD = "throttle-pw-2026"


@pytest.fixture
def admin(engine):
    with session_scope(engine) as session:
        create_user(session, username="boss", password=PASSWORD, role="admin", author="t")
    return engine


def _try(engine, password: str, address: str = "10.0.0.1") -> str:
    """What a sign-in attempt came to: ok, refused or wait."""
    try:
        sign_in(lambda writes: session_scope(engine, writes=writes),
                username="boss", password=password, address=address)  # fmt: skip
    except TooManyAttempts:
        return "wait"
    except SignInRefused:
        return "refused"
    return "ok"


def _rewind(engine, *, seconds: float) -> None:
    """Move the pair's clock back, as if `seconds` had passed."""
    with session_scope(engine) as session:
        row = session.scalars(select(SignInThrottle)).one()
        session.execute(
            update(SignInThrottle)
            .where(SignInThrottle.id == row.id)
            .values(
                allowed_at=_aware(row.allowed_at) - timedelta(seconds=seconds),
                updated_at=_aware(row.updated_at) - timedelta(seconds=seconds),
            )
        )


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def test_delays_double_from_thirty_seconds_to_five_minutes():
    assert [delay_after(n).total_seconds() for n in range(1, 11)] == [
        0, 0, 0, 0, 30, 60, 120, 240, 300, 300,
    ]  # fmt: skip
    assert FREE_FAILURES == 5


def test_failures_slow_one_address_and_a_success_forgets_them(admin):
    assert [_try(admin, "wrong") for _ in range(6)] == ["refused"] * 5 + ["wait"]
    assert _try(admin, PASSWORD) == "wait"  # the right password waits too, here
    assert _try(admin, PASSWORD, address="10.0.0.2") == "ok"  # elsewhere it is let in
    _rewind(admin, seconds=31)
    assert _try(admin, "wrong") == "refused"  # the sixth failure …
    assert _try(admin, "wrong") == "wait"  # … waits a minute now
    _rewind(admin, seconds=61)
    assert _try(admin, PASSWORD) == "ok"
    assert [_try(admin, "wrong") for _ in range(5)] == ["refused"] * 5  # forgotten


def test_a_quiet_hour_forgets_the_failures(admin):
    assert [_try(admin, "wrong") for _ in range(5)] == ["refused"] * 5
    _rewind(admin, seconds=3601)
    assert [_try(admin, "wrong") for _ in range(5)] == ["refused"] * 5
