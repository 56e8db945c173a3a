"""Beijing time is the application's clock, whatever the server's time zone: from 16:00 UTC
it is already the next day in Beijing, which a page's date, a report's date of issue and
the default evaluation year follow."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import minsheng
from minsheng.usecases.clock import aware, beijing, beijing_now, beijing_today

SOURCES = Path(minsheng.__file__).parent
SERVER_CLOCK = re.compile(r"\bdate\.today\(\)|\bdatetime\.now\(\)|\bdatetime\.today\(\)")


def test_today_turns_at_midnight_in_beijing():
    assert beijing_today(datetime(2026, 12, 31, 15, 59, tzinfo=UTC)) == date(2026, 12, 31)
    assert beijing_today(datetime(2026, 12, 31, 16, 0, tzinfo=UTC)) == date(2027, 1, 1)


def test_stored_times_are_utc_and_shown_in_beijing():
    naive = datetime(2026, 3, 31, 9, 5)  # as SQLite hands a stored UTC time back
    assert aware(naive) == datetime(2026, 3, 31, 9, 5, tzinfo=UTC)
    assert beijing(naive).strftime("%Y-%m-%d %H:%M") == "2026-03-31 17:05"
    assert beijing_now().utcoffset() == timedelta(hours=8)


def test_no_module_asks_the_servers_own_clock_for_a_date():
    asking = [
        f"{path.relative_to(SOURCES)}:{number}"
        for path in sorted(SOURCES.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SERVER_CLOCK.search(line)
    ]
    assert asking == []
