"""A resident's suggestion in: the form's choices for one plan (its domains, districts,
service items and indicators) and the submission, checked field by field."""

from __future__ import annotations

from sqlalchemy.orm import Session

from minsheng.errors import InputProblem
from minsheng.store.repositories import audit, plan_parts, regions, service_items
from minsheng.store.repositories import suggestions as repo
from minsheng.store.repositories.plans import get_plan
from minsheng.store.tables import Plan
from minsheng.store.tables.suggestions import Suggestion
from minsheng.usecases.suggestions.model import (
    CONTACT_MAX,
    TEXT_MAX,
    TEXT_MIN,
    Choice,
    SuggestionDraft,
    SuggestionForm,
)

PUBLIC = "公众"
"""The audit log's name for a resident (no account); the contact is never logged."""


def _plan(session: Session, plan_id: int | None) -> Plan:
    plan = get_plan(session, plan_id=plan_id) if plan_id else None
    if plan is None or plan.is_reference or not plan.is_current:
        raise InputProblem("请选择城市", field="plan")
    return plan


def form_choices(session: Session, *, plan_id: int) -> SuggestionForm:
    """What the form offers for the plan: topics, the city and its districts, subjects."""
    plan = _plan(session, plan_id)
    places = [plan.region, *regions.children(session, region_id=plan.region_id)]
    items = service_items.items_of_plans(session, plan_ids=[plan.id])
    return SuggestionForm(
        plan.id, plan.region.name, repo.plan_domains(session, plan_id=plan.id),
        [Choice(str(r.id), r.name) for r in places],
        [Choice(f"item:{i.id}", i.name) for i in items],
        [Choice(f"indicator:{i.id}", i.name)
         for i in plan_parts.indicators_of(session, plan_id=plan.id)],
    )  # fmt: skip


def submit_suggestion(
    session: Session, draft: SuggestionDraft, *, sample: bool = False
) -> Suggestion:
    """Store the suggestion, awaiting moderation; nothing of it is public yet."""
    form = form_choices(session, plan_id=_plan(session, draft.plan_id).id)
    if draft.domain not in form.domains:
        raise InputProblem("请选择意见涉及的领域", field="domain")
    if str(draft.region_id) not in {c.value for c in form.districts}:
        raise InputProblem("请选择所在区县", field="region")
    item_id, indicator_id = _subject(draft.subject, form)
    row = Suggestion(
        plan_id=form.plan_id, domain=draft.domain, service_item_id=item_id,
        indicator_id=indicator_id, region_id=draft.region_id, text=_text(draft.text),
        contact=_contact(draft.contact), sample=sample, status="pending", public=False,
    )  # fmt: skip
    repo.add_suggestion(session, row)
    audit.record(session, username=PUBLIC, action="submit", entity=repo.ENTITY,
                 entity_id=row.id, detail={"domain": row.domain, "sample": sample})  # fmt: skip
    return row


def _subject(subject: str, form: SuggestionForm) -> tuple[int | None, int | None]:
    """(service item id, indicator id) of 'item:ID' or 'indicator:ID'; '' is neither."""
    if not subject:
        return None, None
    if subject not in {c.value for c in (*form.items, *form.indicators)}:
        raise InputProblem("所选服务事项或指标不属于该城市的规划", field="subject")
    kind, number = subject.split(":")
    return (int(number), None) if kind == "item" else (None, int(number))


def _text(text: str) -> str:
    cleaned = text.strip()
    if not TEXT_MIN <= len(cleaned) <= TEXT_MAX:
        raise InputProblem(f"意见内容应为 {TEXT_MIN}–{TEXT_MAX} 个字", field="text")
    return cleaned


def _contact(contact: str) -> str | None:
    cleaned = contact.strip()
    if len(cleaned) > CONTACT_MAX:
        raise InputProblem(f"联系方式不能超过 {CONTACT_MAX} 个字", field="contact")
    return cleaned or None
