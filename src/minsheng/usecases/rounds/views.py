"""Small read models the rounds pages show: mailboxes and the reminders sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from minsheng.store.repositories import rounds, users
from minsheng.usecases.clock import aware


@dataclass(frozen=True)
class SentReminder:
    department: str
    channel: str
    sent_at: datetime
    sent_by: str
    recipients: list[str]


def department_contacts(session: Session) -> dict[str, str | None]:
    """Every department's name with its liaison mailbox (None when unset)."""
    mailboxes = rounds.contacts(session)
    return {d.name: mailboxes.get(d.id) for d in users.departments(session)}


def reminders_sent(session: Session, round_id: int) -> list[SentReminder]:
    """The round's reminders, newest first."""
    return [
        SentReminder(name, r.channel, aware(r.sent_at), r.sent_by, list(r.recipients))
        for r, name in rounds.reminders(session, round_id=round_id)
    ]
