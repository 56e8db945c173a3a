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
from typing import Any, Generic, TypeVar

from sqlalchemy.orm import Session

from minsheng.store.repositories import audit

T = TypeVar("T")
V = TypeVar("V")
MAX_ENTRIES = 256


class Lru(Generic[V]):
    """A bounded map shared by threads, least recently used first out. Every one is
    emptied by `clear`: what this module caches and what others keep (`kept_by_plan`,
    the generated reports)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()
        _every_lru.append(self)

    def get(self, key: Hashable, default: V | None = None) -> V | None:
        with self._lock:
            if key not in self._items:
                return default
            self._items.move_to_end(key)
            return self._items[key]

    def put(self, key: Hashable, value: V) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def held(self) -> list[Hashable]:
        """The keys, least recently used first."""
        with self._lock:
            return list(self._items)

    def drop(self, keys: list[Hashable]) -> None:
        with self._lock:
            for key in keys:
                self._items.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_every_lru: list[Lru[Any]] = []
_entries: Lru[object] = Lru(MAX_ENTRIES)
_MISSING = object()


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
_plans_versions: Lru[tuple[int, int]] = Lru(MAX_ENTRIES)


def plans_version(session: Session) -> int:
    """A version of what evaluations read besides the values: the audit id of the newest
    write outside `OBSERVATION_WRITES`, found from the audit rows written since the last
    call (a seek), so results kept by it outlive the usual writes, those of values."""
    url, latest = str(session.get_bind().engine.url), audit.latest_id(session)
    if audit.has_written(session):  # its own rows may yet roll back: nothing kept
        return latest
    seen, version = _plans_versions.get(url) or (-1, latest)
    if _plans_written(session, seen, latest):
        version = latest
    _plans_versions.put(url, (latest, version))
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
    found = _entries.get(full_key, _MISSING)
    if found is not _MISSING:
        return found  # type: ignore[return-value]
    value = compute()
    _entries.put(full_key, value)
    return value


def clear() -> None:
    """Forget every cached and kept result (every `Lru`): benchmarks measure cold runs
    with it."""
    for lru in _every_lru:
        lru.clear()


def forget(kind: str) -> None:
    """Forget the results of one kind (a key's first item, e.g. "evaluate_plans") and keep
    the rest: what a write of observations does, which leaves the plans' targets valid."""
    _entries.drop([k for k in _entries.held() if _kind(k) == kind])


def kinds() -> list[object]:
    """The kind of each result held, oldest first (for diagnostics and tests)."""
    return [_kind(full_key) for full_key in _entries.held()]


def _kind(full_key: Hashable) -> object:
    key = full_key[2] if isinstance(full_key, tuple) else None
    return key[0] if isinstance(key, tuple) and key else None
