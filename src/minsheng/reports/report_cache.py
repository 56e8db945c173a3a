"""Generated reports kept until the data changes, so a second request is instant.

A report is a function of its kind, plan, year, house style, the day (it is dated) and
the data: the audit log's newest id versions the whole database (see usecases/cache.py).
Both the DOCX and the PDF made from it are kept under that key, a few dozen at most.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import datetime, timedelta, timezone

from sqlalchemy.orm import Session

from minsheng.reports.govdoc import HouseStyle
from minsheng.usecases.cache import Lru, data_version

BEIJING = timezone(timedelta(hours=8), "北京时间")
MAX_ENTRIES = 32
WROTE = "minsheng.wrote"  # store.repositories.audit.WROTE, which reports may not import

_entries: Lru[bytes] = Lru(MAX_ENTRIES)


def report_key(
    session: Session, kind: str, plan_id: int, year: int | None, style: HouseStyle
) -> Hashable | None:
    """What the report depends on (the template by path, size and modification time); None
    for a session that has written, whose reads may yet roll back (usecases/cache.py)."""
    if session.info.get(WROTE):
        return None
    template = None
    if style.template is not None:
        stat = style.template.stat()
        template = (str(style.template.resolve()), stat.st_size, stat.st_mtime_ns)
    today = datetime.now(BEIJING).date()
    return (data_version(session), kind, plan_id, year, template, style.author, today)


def kept(key: Hashable | None, make: Callable[[], bytes]) -> bytes:
    """`make()` once per key (always without one); the least recently used go first."""
    if key is None:
        return make()
    found = _entries.get(key)
    if found is not None:
        return found
    value = make()
    _entries.put(key, value)
    return value


def peek(key: Hashable) -> bytes | None:
    """The kept bytes, if any (the web page says whether a PDF is ready)."""
    return _entries.get(key)


def clear() -> None:
    """Forget every kept report (benchmarks measure cold runs with it)."""
    _entries.clear()
