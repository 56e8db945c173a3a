"""The reporting-rate dashboard: per department and per region, what is due, submitted
(awaiting review), approved, returned, missing and late; the rate is the on-time share.

An item is on time when it was first submitted (or approved) before the deadline's end in
Beijing; once that has passed, every item not on time is late.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from minsheng.errors import NotFound
from minsheng.store.repositories import rounds
from minsheng.store.repositories.rounds import ItemState
from minsheng.store.tables import ReportingRound
from minsheng.usecases.clock import aware
from minsheng.usecases.rounds.clock import deadline_end


@dataclass
class Tally:
    """Counts for one department or region (or the whole round)."""

    name: str
    due: int = 0
    submitted: int = 0
    approved: int = 0
    returned: int = 0
    missing: int = 0
    late: int = 0
    on_time: int = 0

    @property
    def rate(self) -> float:
        """The on-time share, 0–1 (1 when nothing is due)."""
        return self.on_time / self.due if self.due else 1.0

    @property
    def outstanding(self) -> int:
        """Items still to be sent: nothing (or a draft) entered, or returned."""
        return self.missing + self.returned

    @property
    def is_late(self) -> bool:
        return self.late > 0

    def count(self, item: ItemState, *, deadline: datetime, now: datetime) -> None:
        self.due += 1
        kind = item_kind(item)
        setattr(self, kind, getattr(self, kind) + 1)
        in_time = item.first_sent_at is not None and aware(item.first_sent_at) < deadline
        self.on_time += in_time
        self.late += (not in_time) and now >= deadline


def item_kind(item: ItemState) -> str:
    """approved (a value in force), submitted, returned, or missing (nothing, or a draft)."""
    if item.approved:
        return "approved"
    if item.state in ("submitted", "returned"):
        return item.state
    return "missing"


@dataclass(frozen=True)
class RoundInfo:
    id: int
    plan_id: int
    plan: str
    title: str
    first_year: int
    last_year: int
    deadline: date
    opened_by: str
    opened_at: datetime
    closed_at: datetime | None

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @classmethod
    def of(cls, found: ReportingRound, plan: str) -> RoundInfo:
        return cls(
            found.id, found.plan_id, plan, found.title, found.first_year, found.last_year,
            found.deadline, found.opened_by, aware(found.opened_at),
            aware(found.closed_at) if found.closed_at else None,
        )  # fmt: skip


@dataclass(frozen=True)
class RoundStatus:
    round: RoundInfo
    total: Tally
    departments: list[Tally]
    regions: list[Tally]
    past_deadline: bool
    department_ids: dict[str, int] = field(default_factory=dict)


def round_infos(session: Session) -> list[RoundInfo]:
    """Every round, newest first."""
    return [RoundInfo.of(found, plan) for found, plan in rounds.all_rounds(session)]


def round_info(session: Session, *, round_id: int) -> RoundInfo:
    for info in round_infos(session):
        if info.id == round_id:
            return info
    raise NotFound(f"没有编号为 {round_id} 的填报轮次")


def round_status(session: Session, *, round_id: int, now: datetime | None = None) -> RoundStatus:
    """The round's dashboard, as of `now` (default: this moment)."""
    info = round_info(session, round_id=round_id)
    items = rounds.item_states(session, round_ids=[round_id])
    return summarise(info, items, now or datetime.now(UTC))


def round_statuses(
    session: Session, *, infos: list[RoundInfo] | None = None, now: datetime | None = None
) -> list[RoundStatus]:
    """The dashboards of several rounds (default: all, newest first), their items read in
    one query."""
    chosen = round_infos(session) if infos is None else infos
    items = rounds.item_states(session, round_ids=[info.id for info in chosen])
    moment = now or datetime.now(UTC)
    return [summarise(i, [t for t in items if t.round_id == i.id], moment) for i in chosen]


def summarise(info: RoundInfo, items: list[ItemState], now: datetime) -> RoundStatus:
    end = deadline_end(info.deadline)
    tally = _tallier(end, now)
    ids = {item.department: item.department_id for item in items}
    total = tally(items, lambda _item: "合计") or [Tally("合计")]
    return RoundStatus(
        info,
        total[0],
        tally(items, lambda item: item.department),
        tally(items, lambda item: item.region),
        now >= end,
        ids,
    )


def _tallier(
    deadline: datetime, now: datetime
) -> Callable[[Iterable[ItemState], Callable[[ItemState], str]], list[Tally]]:
    def tally(items: Iterable[ItemState], key: Callable[[ItemState], str]) -> list[Tally]:
        groups: dict[str, Tally] = {}
        for item in items:
            name = key(item)
            groups.setdefault(name, Tally(name)).count(item, deadline=deadline, now=now)
        return list(groups.values())

    return tally
