"""催报: remind a department of what it still owes in a round, in-app (always) and by
e-mail to its liaison mailbox when an SMTP server is configured."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from minsheng.errors import InputProblem, NotFound
from minsheng.settings import Settings
from minsheng.store.repositories import audit, rounds, users
from minsheng.usecases.mail import MailNotSent, mail_configured, send_mail
from minsheng.usecases.rounds.status import RoundInfo, Tally, round_status


@dataclass(frozen=True)
class ReminderOutcome:
    department: str
    outstanding: int
    in_app_to: list[str]
    emailed_to: list[str]
    mail_problem: str | None  # why e-mail was not sent, when it was wanted


def remind(
    session: Session,
    *,
    round_id: int,
    department: str,
    author: str,
    settings: Settings | None = None,
    now: datetime | None = None,
) -> ReminderOutcome:
    """Record an in-app reminder for the department's accounts and mail its mailbox."""
    status = round_status(session, round_id=round_id, now=now)
    tally = next((t for t in status.departments if t.name == department), None)
    if tally is None:
        raise NotFound(f"“{department}”在第 {round_id} 轮填报中没有应报项目")
    department_id = status.department_ids[department]
    message = reminder_text(status.round, tally)
    in_app = rounds.reporters_of(session, department_id=department_id)
    sent = {"round_id": round_id, "department_id": department_id, "sent_by": author}
    _record(session, now, channel="in_app", recipients=in_app, message=message, **sent)
    emailed, problem = _mail(session, status.round, department_id, message, settings)
    if emailed:
        _record(session, now, channel="email", recipients=emailed, message=message, **sent)
    audit.record(
        session, username=author, action="remind", entity="reporting_round", entity_id=round_id,
        detail={"department": department, "in_app": in_app, "email": emailed},
    )  # fmt: skip
    return ReminderOutcome(department, tally.outstanding, in_app, emailed, problem)


def remind_all_late(
    session: Session, *, round_id: int, author: str, settings: Settings | None = None
) -> list[ReminderOutcome]:
    """Remind every department that still owes something."""
    status = round_status(session, round_id=round_id)
    owing = [t.name for t in status.departments if t.outstanding]
    return [
        remind(session, round_id=round_id, department=name, author=author, settings=settings)
        for name in owing
    ]


def reminder_text(info: RoundInfo, tally: Tally) -> str:
    """The reminder's body, in Chinese, with the counts that matter to the department."""
    return (
        f"{tally.name}：{info.title}（截止日期 {info.deadline:%Y年%m月%d日}）"
        f"共应报 {tally.due} 项，尚有 {tally.outstanding} 项待报送"
        f"（未报 {tally.missing} 项，被退回 {tally.returned} 项）。"
        "请登录民生规划监测系统，在“待办”中查看并尽快报送。"
    )


def _record(session: Session, now: datetime | None, **fields: object) -> None:
    """One reminder row: round_id, department_id, channel, sent_by, recipients, message."""
    rounds.add_reminder(session, sent_at=now or datetime.now(UTC), **fields)


def _mail(
    session: Session, info: RoundInfo, department_id: int, message: str, settings: Settings | None
) -> tuple[list[str], str | None]:
    """Mail the liaison mailbox; ([], why) when there is none, no SMTP, or it failed."""
    address = rounds.contacts(session).get(department_id)
    if not mail_configured(settings):
        return [], "未配置邮件服务器（MINSHENG_SMTP_HOST），仅发送站内提醒"
    if not address:
        return [], "该部门未设置联络邮箱，仅发送站内提醒"
    try:
        send_mail([address], f"催报：{info.title}", message, settings)
    except MailNotSent as failed:
        return [], failed.message
    return [address], None


def set_contact_email(session: Session, *, department: str, email: str | None, author: str) -> None:
    """Set a department's liaison mailbox (empty removes it); admins and planners do."""
    found = users.department_named(session, name=department)
    if found is None:
        raise NotFound(f"没有名为“{department}”的部门")
    address = (email or "").strip() or None
    if address is not None and not _looks_like_email(address):
        raise InputProblem(f"“{address}”不是有效的电子邮箱地址", field="email")
    rounds.set_contact(session, department_id=found.id, email=address, author=author)
    audit.record(
        session, username=author, action="set_contact", entity="department",
        entity_id=found.id, detail={"email": address},
    )  # fmt: skip


def _looks_like_email(address: str) -> bool:
    name, at, domain = address.rpartition("@")
    return bool(name and at and "." in domain and " " not in address and len(address) <= 254)
