"""Beijing time, the application's clock: dates people see and choose (today, a deadline,
the year a page opens on) are dates in Beijing, whatever the server's time zone; stored
times are UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

BEIJING = timezone(timedelta(hours=8), "北京时间")


def aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were stored as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def beijing(moment: datetime) -> datetime:
    """A stored time (UTC, naive or not) in Beijing time."""
    return aware(moment).astimezone(BEIJING)


def beijing_today(now: datetime | None = None) -> date:
    """Today in Beijing: from 16:00 UTC on it is already tomorrow there."""
    return beijing(now or datetime.now(UTC)).date()


def beijing_now() -> datetime:
    """Now, in Beijing time (a report's date and time of issue)."""
    return datetime.now(BEIJING)


def day_end(day: date) -> datetime:
    """The first instant after `day` in Beijing (its next midnight there), in UTC: what
    was approved before it counts as of that day; a deadline that day ends then."""
    return datetime.combine(day + timedelta(days=1), time(), BEIJING).astimezone(UTC)
