"""A reporter's inbox (待办): what the department owes in open rounds, what came back
from review with its reason, and the reminders it received."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from minsheng.model.observation import ReviewState
from minsheng.store.repositories import assignments, rounds
from minsheng.store.repositories.rounds import ItemState
from minsheng.store.tables import Plan
from minsheng.usecases.assignments import permission_for
from minsheng.usecases.clock import aware
from minsheng.usecases.entry.latest import LatestValue, latest_values
from minsheng.usecases.rounds.delivery import DeliveryDue, round_delivery
from minsheng.usecases.rounds.status import RoundInfo, Tally, round_infos, summarise
from minsheng.usecases.users import Account


@dataclass(frozen=True)
class DueRound:
    """An open round as the department sees it: its own counts and what is still owed."""

    round: RoundInfo
    tally: Tally
    outstanding: dict[int, int]  # year → items not yet submitted or approved
    past_deadline: bool


@dataclass(frozen=True)
class Returned:
    plan: str
    value: LatestValue


@dataclass(frozen=True)
class ReceivedReminder:
    round_id: int
    sent_at: datetime
    sent_by: str
    message: str


@dataclass(frozen=True)
class RoundDelivery:
    """An open round's delivery indicators (标准实施监测) the department reports."""

    round: RoundInfo
    items: list[DeliveryDue]


@dataclass(frozen=True)
class Inbox:
    due: list[DueRound]
    returned: list[Returned]
    reminders: list[ReceivedReminder]
    delivery: list[RoundDelivery] = field(default_factory=list)


def inbox_of(session: Session, *, account: Account, now: datetime | None = None) -> Inbox:
    """The account's department's to-do list; empty for an account without a department."""
    if account.department_id is None:
        return Inbox([], [], [])
    moment = now or datetime.now(UTC)
    return Inbox(
        _due(session, account.department_id, moment),
        _returned(session, account),
        _reminders(session, account.department_id),
        _delivery(session, account.department_id),
    )


def _delivery(session: Session, department_id: int) -> list[RoundDelivery]:
    found = []
    for info in round_infos(session):
        items = round_delivery(session, info=info, department_id=department_id)
        if info.is_open and items:
            found.append(RoundDelivery(info, items))
    return found


def _due(session: Session, department_id: int, now: datetime) -> list[DueRound]:
    wanted = set(rounds.open_rounds_of(session, department_id=department_id))
    infos = [info for info in round_infos(session) if info.id in wanted]
    items = rounds.item_states(session, round_ids=list(wanted), department_id=department_id)
    return [_due_round(info, [i for i in items if i.round_id == info.id], now) for info in infos]


def _due_round(info: RoundInfo, items: list[ItemState], now: datetime) -> DueRound:
    status = summarise(info, items, now)
    outstanding: dict[int, int] = {}
    for item in items:
        if item.approved or item.state == ReviewState.SUBMITTED.value:
            continue
        outstanding[item.year] = outstanding.get(item.year, 0) + 1
    return DueRound(info, status.total, dict(sorted(outstanding.items())), status.past_deadline)


def _returned(session: Session, account: Account) -> list[Returned]:
    """Returned values of every plan the department reports in, whatever their year."""
    assert account.department_id is not None
    may_report = permission_for(session, account)
    found = []
    for plan in _plans(session, account.department_id):
        for value in latest_values(session, plan_id=plan.id, state=ReviewState.RETURNED):
            if may_report is None or may_report(value.indicator, value.region):
                found.append(Returned(plan.region.name, value))
    return found


def _plans(session: Session, department_id: int) -> list[Plan]:
    seen: dict[int, Plan] = {}
    for plan, _indicator, _region in assignments.current_assignments(
        session, department_id=department_id
    ):
        seen.setdefault(plan.id, plan)
    return list(seen.values())


def _reminders(session: Session, department_id: int) -> list[ReceivedReminder]:
    return [
        ReceivedReminder(r.round_id, aware(r.sent_at), r.sent_by, r.message)
        for r, _name in rounds.reminders(session, department_id=department_id)
        if r.channel == "in_app"
    ]
