"""A planner publishes a survey (questions per domain or service item of a plan) and closes
it; both are in the audit log."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from minsheng.errors import Conflict, InputProblem, NotFound
from minsheng.store.repositories import audit, plans, service_items, surveys
from minsheng.usecases.surveys import messages
from minsheng.usecases.surveys.models import SurveyDraft


def _questions(session: Session, draft: SurveyDraft) -> list[tuple[str, str, int | None]]:
    """(text, domain, item id) per question: the chosen domains first, then the items."""
    assert draft.plan_id is not None
    items = {i.id: i for i in service_items.items_of_plans(session, plan_ids=[draft.plan_id])}
    known = {item.domain for item in items.values()}
    for domain in draft.domains:
        if domain not in known:
            raise InputProblem(messages.UNKNOWN_DOMAIN.format(domain=domain), field="domain")
    for item_id in draft.item_ids:
        if item_id not in items:
            raise InputProblem(messages.UNKNOWN_ITEM.format(item=item_id), field="item")
    by_domain = [(messages.DOMAIN_QUESTION.format(domain=d), d, None) for d in draft.domains]
    by_item = [(messages.ITEM_QUESTION.format(item=items[i].name), items[i].domain, i)
               for i in draft.item_ids]  # fmt: skip
    return list(dict.fromkeys([*by_domain, *by_item]))


def _checked(session: Session, draft: SurveyDraft) -> None:
    if draft.plan_id is None or plans.get_plan(session, plan_id=draft.plan_id) is None:
        raise InputProblem(messages.NO_PLAN, field="plan")
    if not draft.title.strip() or len(draft.title.strip()) > 200:
        raise InputProblem(messages.NO_TITLE, field="title")
    if not draft.period.strip() or len(draft.period.strip()) > 40:
        raise InputProblem(messages.NO_PERIOD, field="period")
    if not draft.domains and not draft.item_ids:
        raise InputProblem(messages.NO_QUESTIONS, field="domain")


def publish_survey(session: Session, draft: SurveyDraft, *, author: str) -> int:
    """Store the survey open for answers; InputProblem (422) names the field at fault."""
    _checked(session, draft)
    questions = _questions(session, draft)
    assert draft.plan_id is not None
    survey = surveys.add_survey(session, plan_id=draft.plan_id, title=draft.title.strip(),
                                period=draft.period.strip(), author=author)  # fmt: skip
    for position, (text, domain, item_id) in enumerate(questions, start=1):
        surveys.add_question(session, survey_id=survey.id, position=position, text=text,
                             domain=domain, service_item_id=item_id)  # fmt: skip
    audit.record(
        session,
        username=author,
        action="publish",
        entity=surveys.ENTITY,
        entity_id=survey.id,
        detail={"title": survey.title, "questions": len(questions)},
    )
    return survey.id


def close_survey(session: Session, *, survey_id: int, author: str) -> None:
    """No more answers; results stay. Closing twice is a Conflict (409)."""
    survey = surveys.get_survey(session, survey_id=survey_id)
    if survey is None:
        raise NotFound(messages.NOT_FOUND.format(survey=survey_id))
    if survey.status == "closed":
        raise Conflict(messages.ALREADY_CLOSED)
    survey.status, survey.closed_at = "closed", datetime.now(UTC)
    audit.record(session, username=author, action="close", entity=surveys.ENTITY,
                 entity_id=survey_id, detail={"status": "closed"})  # fmt: skip
