"""Results read plan by plan — each indicator's progress, each plan's newest year with
data — kept between evaluation passes and brought up to date by reading again only the
plans whose values were written since.

Reading every plan's progress is most of a national pass (115,000 pairs, about a second),
and a write of one plan's values leaves every other plan's rows as they were. The plans'
observations versions (`store.repositories.plan_versions`), raised in each write's own
transaction, name the plans to read again. After a write of anything else these reads
depend on (a plan, a region, the catalogue …: `cache.plans_version`) everything is read
afresh. Only the values in force are kept: a pass "as of" a day reads its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy.orm import Session

from minsheng.store.repositories import audit, plan_versions
from minsheng.usecases import cache

T = TypeVar("T")
Read = Callable[[list[int] | None], T]
"""Read the plans given, or (None) all the plans the result is about."""
Merge = Callable[[T, set[int], T], T]
"""The kept result with the rows of the plans given replaced by those just read."""
MAX_KEPT = 16
FEWEST_PLANS = 100
"""Results about fewer plans than this are read afresh, not kept: reading them is cheap,
and keeping them (a plan page each) would push out the national ones that are not."""


@dataclass(frozen=True)
class _Kept(Generic[T]):
    plans_version: int
    versions: Mapping[int, Hashable]
    """Each plan's observations version (with its `per_plan` entry, when given)."""
    value: T


_kept: cache.Lru[_Kept[Any]] = cache.Lru(MAX_KEPT)
counts: Counter[tuple[object, str]] = Counter()
"""(the key's kind, "full reads" or "plans read again"): what keeping saved, for
diagnostics, tests and benchmarks."""


def kept_by_plan(
    session: Session, key: tuple[Hashable, ...], plan_ids: tuple[int, ...] | None,
    read: Read[T], merge: Merge[T], *, per_plan: Mapping[int, Hashable] | None = None,
) -> T:  # fmt: skip
    """`read(None)`, about the plans `plan_ids` (None: every current plan), kept under
    `key` (its first item names the kind); once some plans' values are written, or their
    entry in `per_plan` changes (e.g. the year judged), the kept result merged with
    `read` of just those plans."""
    few = plan_ids is not None and len(plan_ids) < FEWEST_PLANS
    if few or audit.has_written(session):  # a writer's rows may yet roll back
        return read(None)
    plans_version = cache.plans_version(session)  # both read before the rows, so a write
    versions = _signatures(session, plan_ids, per_plan)  # committed after them shows next time
    full_key = (str(session.get_bind().engine.url), key)
    kept = _kept.get(full_key)
    stale = None if kept is None else _stale(kept, plans_version, versions)
    if kept is None or stale is None:
        counts[key[0], "full reads"] += 1
        value = read(None)
    elif stale:
        counts[key[0], "plans read again"] += len(stale)
        value = merge(kept.value, stale, read(sorted(stale)))
    else:
        value = kept.value
    _kept.put(full_key, _Kept(plans_version, versions, value))
    return value


def _signatures(
    session: Session, plan_ids: tuple[int, ...] | None, per_plan: Mapping[int, Hashable] | None
) -> Mapping[int, Hashable]:
    """Each plan's observations version, paired with its `per_plan` entry when given."""
    versions = _versions(session, plan_ids)
    if per_plan is None:
        return versions
    return {plan: (version, per_plan.get(plan)) for plan, version in versions.items()}


def _versions(session: Session, plan_ids: tuple[int, ...] | None) -> dict[int, int]:
    """The plans' observations versions, read once per write of anything."""
    return cache.cached(session, ("plan_versions", plan_ids), lambda: plan_versions.versions(
        session, plan_ids=plan_ids
    ))  # fmt: skip


def _stale(
    kept: _Kept[Any], plans_version: int, versions: Mapping[int, Hashable]
) -> set[int] | None:
    """The plans whose rows must be read again; None: all of them."""
    if kept.plans_version != plans_version or kept.versions.keys() != versions.keys():
        return None
    stale = {plan_id for plan_id, v in versions.items() if kept.versions[plan_id] != v}
    return stale if len(stale) < len(versions) else None
