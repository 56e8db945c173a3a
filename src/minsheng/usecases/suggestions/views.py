"""Reading suggestions: the public list (published ones, with their replies, no contact),
the staff queue (moderators see all, a department its own), and the statistics by topic
with the median days from submission to reply (Beijing dates)."""

from __future__ import annotations

import statistics
from dataclasses import asdict
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from minsheng.store.repositories import suggestions as repo
from minsheng.store.repositories.plans import plans_by_id
from minsheng.store.repositories.suggestions import SuggestionQuery
from minsheng.store.tables.suggestions import Suggestion
from minsheng.usecases.clock import aware, beijing
from minsheng.usecases.suggestions.model import (
    MODERATOR_ROLES,
    REPLY_DAYS,
    PublicSuggestion,
    StaffSuggestion,
    SuggestionStats,
    TopicStats,
)
from minsheng.usecases.suggestions.moderate import found, may_reply, proposed_department
from minsheng.usecases.users import Account


def due_before(now: datetime | None = None) -> datetime:
    """Suggestions submitted before this moment and not replied to are overdue."""
    return (now or datetime.now(UTC)) - timedelta(days=REPLY_DAYS)


def _state(row: Suggestion, cutoff: datetime) -> str:
    if row.status != "accepted":
        return row.status
    if row.reply is not None:
        return "replied"
    return "overdue" if aware(row.submitted_at) < cutoff else "open"


def _public(
    row: Suggestion, names: repo.Names, plans: dict[int, str], cutoff: datetime
) -> PublicSuggestion:
    subject = names.items.get(row.service_item_id or 0) or names.indicators.get(
        row.indicator_id or 0, ""
    )
    return PublicSuggestion(
        id=row.id, plan=plans.get(row.plan_id, ""), domain=row.domain, subject=subject,
        district=names.regions.get(row.region_id, ""), text=row.text,
        submitted_at=beijing(row.submitted_at), state=_state(row, cutoff),
        department=names.departments.get(row.department_id or 0, ""), reply=row.reply,
        replied_at=beijing(row.replied_at) if row.replied_at else None, sample=row.sample,
    )  # fmt: skip


def _context(session: Session, rows: list[Suggestion]) -> tuple[repo.Names, dict[int, str]]:
    plans = plans_by_id(session, plan_ids={row.plan_id for row in rows})
    return repo.names(session, rows), {plan.id: plan.region.name for plan in plans}


def public_suggestions(
    session: Session, *, plan_id: int | None = None, domain: str | None = None,
    limit: int | None = None, offset: int = 0,
) -> tuple[list[PublicSuggestion], int]:  # fmt: skip
    """Published suggestions, newest first, and how many there are."""
    wanted = SuggestionQuery(public=True, plan_id=plan_id, domain=domain)
    rows = repo.find_suggestions(session, wanted, limit=limit, offset=offset)
    names, plans = _context(session, rows)
    cutoff = due_before()
    return [_public(r, names, plans, cutoff) for r in rows], repo.count_suggestions(session, wanted)


def _staff(session: Session, row: Suggestion, names: repo.Names, plans: dict[int, str],
           cutoff: datetime) -> StaffSuggestion:  # fmt: skip
    return StaffSuggestion(
        **asdict(_public(row, names, plans, cutoff)), plan_id=row.plan_id, contact=row.contact,
        public=row.public, reject_reason=row.reject_reason, moderated_by=row.moderated_by,
        replied_by=row.replied_by, routing=proposed_department(session, row),
    )  # fmt: skip


def staff_queue(
    session: Session, *, account: Account, state: str | None = None
) -> list[StaffSuggestion]:
    """Moderators: every suggestion; a department's reporter: those routed to it."""
    mine = None if account.role in MODERATOR_ROLES else (account.department_id or -1)
    wanted = SuggestionQuery(state=state, department_id=mine, due_before=due_before())
    rows = repo.find_suggestions(session, wanted)
    names, plans = _context(session, rows)
    return [
        _staff(session, row, names, plans, wanted.due_before or datetime.now(UTC)) for row in rows
    ]


def suggestion_view(
    session: Session, *, suggestion_id: int, account: Account | None
) -> PublicSuggestion | StaffSuggestion | None:
    """Staff who may act on it see it whole; anybody else only a published one (else None)."""
    row = found(session, suggestion_id)
    names, plans = _context(session, [row])
    if account is not None and may_reply(account, row):
        return _staff(session, row, names, plans, due_before())
    if row.public and row.status == "accepted":
        return _public(row, names, plans, due_before())
    return None


def _days(pairs: list[tuple[datetime, datetime]]) -> float | None:
    days = [(beijing(done).date() - beijing(sent).date()).days for sent, done in pairs]
    return float(statistics.median(days)) if days else None


def suggestion_stats(session: Session, *, plan_id: int | None = None) -> SuggestionStats:
    """By topic: received (accepted), replied, open, median days to reply; and the counts."""
    wanted = SuggestionQuery(plan_id=plan_id)
    times = repo.response_times(session, wanted)
    topics = []
    for domain in sorted({t[0] for t in times}):
        mine = [(sent, done) for d, sent, done in times if d == domain]
        replied = [(sent, done) for sent, done in mine if done is not None]
        topics.append(TopicStats(domain, len(mine), len(replied), len(mine) - len(replied),
                                 _days(replied)))  # fmt: skip
    every = [(sent, done) for _, sent, done in times if done is not None]
    counts = repo.state_counts(session, wanted, due_before=due_before())
    return SuggestionStats(topics, counts, _days(every))
