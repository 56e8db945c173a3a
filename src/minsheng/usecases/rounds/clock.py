"""Beijing time for rounds: deadlines are dates in Beijing, stored times are UTC (the
clock itself is `usecases.clock`)."""

from __future__ import annotations

from datetime import date, datetime

from minsheng.usecases.clock import BEIJING, beijing, day_end

__all__ = ["BEIJING", "beijing_text", "deadline_end"]


def deadline_end(deadline: date) -> datetime:
    """The deadline's last moment: the next midnight in Beijing."""
    return day_end(deadline)


def beijing_text(moment: datetime | None) -> str:
    """A time as shown to users: 2026-03-31 17:05 in Beijing time."""
    return beijing(moment).strftime("%Y-%m-%d %H:%M") if moment else ""
