"""Beijing time for rounds: deadlines are dates in Beijing, stored times are UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

BEIJING = timezone(timedelta(hours=8), "北京时间")


def aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were stored as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def beijing(moment: datetime) -> datetime:
    return aware(moment).astimezone(BEIJING)


def beijing_today(now: datetime | None = None) -> date:
    return beijing(now or datetime.now(UTC)).date()


def deadline_end(deadline: date) -> datetime:
    """The deadline's last moment: the next midnight in Beijing."""
    return datetime.combine(deadline + timedelta(days=1), time(), tzinfo=BEIJING)


def beijing_text(moment: datetime | None) -> str:
    """A time as shown to users: 2026-03-31 17:05 in Beijing time."""
    return beijing(moment).strftime("%Y-%m-%d %H:%M") if moment else ""
