"""Moderation and replies: a planner publishes and routes a suggestion to a department
(proposed from its service item's 牵头负责单位 or its topic's department) or rejects it
as spam or abusive; the department replies. Every action is audited in its transaction."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from minsheng.errors import Conflict, InputProblem, NotFound
from minsheng.store.repositories import audit, service_items
from minsheng.store.repositories import suggestions as repo
from minsheng.store.tables.suggestions import REJECT_REASONS, Suggestion
from minsheng.usecases.suggestions.model import MODERATOR_ROLES, REPLY_MAX, NotAllowed
from minsheng.usecases.users import Account


def found(session: Session, suggestion_id: int) -> Suggestion:
    row = repo.get_suggestion(session, suggestion_id=suggestion_id)
    if row is None:
        raise NotFound(f"没有编号为 {suggestion_id} 的意见建议")
    return row


def proposed_department(session: Session, row: Suggestion) -> str:
    """The routed department, else the item's lead department if it is one of ours,
    else the department assigned most of the topic's indicators; '' when unknown."""
    if row.department_id is not None:
        return repo.names(session, [row]).departments.get(row.department_id, "")
    item = (
        service_items.get_item(session, item_id=row.service_item_id)
        if row.service_item_id
        else None
    )
    lead = (item.lead_department or "").strip() if item else ""
    if lead and repo.department_by_name(session, name=lead) is not None:
        return lead
    return repo.domain_department(session, plan_id=row.plan_id, domain=row.domain) or ""


def _moderator(account: Account) -> None:
    if account.role not in MODERATOR_ROLES:
        raise NotAllowed("只有规划人员可以审核和转交意见建议")


def route(session: Session, *, suggestion_id: int, account: Account, department: str,
          publish: bool = True) -> Suggestion:  # fmt: skip
    """Accept the suggestion: route it to `department` and publish it (or keep it private)."""
    _moderator(account)
    row = found(session, suggestion_id)
    if row.reply is not None:
        raise Conflict("该意见已答复，不能再转交")
    owner = repo.department_by_name(session, name=department.strip())
    if owner is None:
        raise InputProblem(f"没有名为“{department}”的部门", field="department")
    row.status, row.reject_reason, row.public = "accepted", None, publish
    row.department_id = owner.id
    _moderated(session, row, account, "route", {"department": owner.name, "public": publish})
    return row


def reject(session: Session, *, suggestion_id: int, account: Account, reason: str) -> Suggestion:
    """Reject as spam or abusive: never published."""
    _moderator(account)
    if reason not in REJECT_REASONS:
        raise InputProblem("驳回理由应为 spam 或 abusive", field="reason")
    row = found(session, suggestion_id)
    if row.reply is not None:
        raise Conflict("该意见已答复，不能再驳回")
    row.status, row.reject_reason, row.public = "rejected", reason, False
    _moderated(session, row, account, "reject", {"reason": reason})
    return row


def _moderated(session: Session, row: Suggestion, account: Account, action: str,
               detail: dict[str, object]) -> None:  # fmt: skip
    row.moderated_by, row.moderated_at = account.username, datetime.now(UTC)
    audit.record(session, username=account.username, action=action, entity=repo.ENTITY,
                 entity_id=row.id, detail=detail)  # fmt: skip


def may_reply(account: Account, row: Suggestion) -> bool:
    """Planners, and the reporters of the department it is routed to."""
    return account.role in MODERATOR_ROLES or (
        account.role == "reporter" and row.department_id is not None
        and account.department_id == row.department_id
    )  # fmt: skip


def reply(session: Session, *, suggestion_id: int, account: Account, text: str) -> Suggestion:
    """The department's answer; published with the question when the question is public."""
    row = found(session, suggestion_id)
    if row.status != "accepted":
        raise Conflict("只能答复已转交的意见建议")
    if not may_reply(account, row):
        raise NotAllowed("只有承办部门的填报人员和规划人员可以答复")
    if row.reply is not None:
        raise Conflict("该意见已答复")
    cleaned = text.strip()
    if not cleaned or len(cleaned) > REPLY_MAX:
        raise InputProblem(f"答复内容应为 1–{REPLY_MAX} 个字", field="reply")
    row.reply, row.replied_by, row.replied_at = cleaned, account.username, datetime.now(UTC)
    audit.record(session, username=account.username, action="reply", entity=repo.ENTITY,
                 entity_id=row.id, detail={"reply": cleaned})  # fmt: skip
    return row
