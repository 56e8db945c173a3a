"""A per-process cache of derived results, invalidated by any write to the database.

Every write is recorded in the audit log, and every write of values raises its plans'
observations versions as it commits, so the two together version the whole database
(`audit.data_version`): a result computed at a version stays valid until a write raises it.
The cache is keyed on the database URL too, so tests and tools with several databases
in one process never see each other's results.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from sqlalchemy.orm import Session

from minsheng.store.repositories import audit

T = TypeVar("T")
MAX_ENTRIES = 256

_entries: OrderedDict[Hashable, object] = OrderedDict()
_lock = threading.Lock()


def data_version(session: Session) -> tuple[str, int, int]:
    """(database, `audit.data_version`): changes whenever anything is written."""
    bind = session.get_bind()
    return (str(bind.engine.url), *audit.data_version(session))


OBSERVATION_WRITES = frozenset(
    {"observation", "observations", "suggestion", "problem", "user", "api_token"}
)
"""Audit entities whose writes leave the plans, their indicators, regions and the catalogue
as they were: values reported or reviewed, and what no evaluation reads (accounts,
tokens, suggestions, the problem ledger)."""
_plans_versions: OrderedDict[str, tuple[int, int]] = OrderedDict()


def plans_version(session: Session) -> int:
    """A version of what evaluations read besides the values: the audit id of the newest
    write outside `OBSERVATION_WRITES`, found from the audit rows written since the last
    call (a seek), so results kept by it outlive the usual writes, those of values."""
    url, latest = str(session.get_bind().engine.url), audit.latest_id(session)
    if audit.has_written(session):  # its own rows may yet roll back: nothing kept
        return latest
    with _lock:
        seen, version = _plans_versions.get(url, (-1, latest))
    if _plans_written(session, seen, latest):
        version = latest
    with _lock:
        _plans_versions[url] = (latest, version)
        _plans_versions.move_to_end(url)
        while len(_plans_versions) > MAX_ENTRIES:
            _plans_versions.popitem(last=False)
    return version


def _plans_written(session: Session, seen: int, latest: int) -> bool:
    """Whether a write outside `OBSERVATION_WRITES` came after audit row `seen` (-1: none
    seen yet; an audit log behind `seen` is another database at the same address)."""
    if seen == latest:
        return False
    if not 0 <= seen < latest:
        return True
    return not audit.entities_since(session, after_id=seen) <= OBSERVATION_WRITES


def cached(session: Session, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` once per data version and key; least recently used results go first.

    A session that has written sees its own uncommitted rows, which may yet roll back,
    so its results are computed afresh and never stored.
    """
    return cached_by(session, audit.data_version(session), key, compute)


def cached_by(session: Session, version: Hashable, key: Hashable, compute: Callable[[], T]) -> T:
    """`cached`, for a result that depends on less than the whole database: `version`
    names what it depends on (e.g. the newest audit entry of the tables it reads)."""
    if audit.has_written(session):
        return compute()
    full_key = (str(session.get_bind().engine.url), version, key)
    with _lock:
        if full_key in _entries:
            _entries.move_to_end(full_key)
            return _entries[full_key]  # type: ignore[return-value]
    value = compute()
    with _lock:
        _entries[full_key] = value
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return value


def clear() -> None:
    """Forget every cached result, and what other modules keep (`on_clear`): benchmarks
    measure cold runs with it."""
    with _lock:
        _entries.clear()
        _plans_versions.clear()
    for forget_kept in _on_clear:
        forget_kept()


def on_clear(forget_kept: Callable[[], None]) -> Callable[[], None]:
    """Register what `clear` calls besides forgetting this cache's results."""
    _on_clear.append(forget_kept)
    return forget_kept


_on_clear: list[Callable[[], None]] = []


def forget(kind: str) -> None:
    """Forget the results of one kind (a key's first item, e.g. "evaluate_plans") and keep
    the rest: what a write of observations does, which leaves the plans' targets valid."""
    with _lock:
        for full_key in [k for k in _entries if _kind(k) == kind]:
            del _entries[full_key]


def kinds() -> list[object]:
    """The kind of each result held, oldest first (for diagnostics and tests)."""
    with _lock:
        return [_kind(full_key) for full_key in _entries]


def _kind(full_key: Hashable) -> object:
    key = full_key[2] if isinstance(full_key, tuple) else None
    return key[0] if isinstance(key, tuple) and key else None
