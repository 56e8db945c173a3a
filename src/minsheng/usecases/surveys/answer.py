"""A resident's anonymous answer: the district picked, a score per question and an optional
comment. Nothing about the person is kept; the audit row says only that an answer came."""

from __future__ import annotations

from sqlalchemy.orm import Session

from minsheng.errors import Conflict, InputProblem
from minsheng.store.repositories import audit, plans, surveys
from minsheng.usecases.project_places import district_region
from minsheng.usecases.surveys import messages
from minsheng.usecases.surveys.models import AnswerDraft, SurveyView
from minsheng.usecases.surveys.views import survey_view

COMMENT_LIMIT = 500
ANONYMOUS = "匿名答卷"
"""The audit log's user name for answers: no account, no address."""


def checked_scores(view: SurveyView, raw: dict[int, str]) -> dict[int, int]:
    """A score 1–5 for every question, or InputProblem naming the first one missing or bad."""
    scores: dict[int, int] = {}
    for question in view.questions:
        text = raw.get(question.id, "").strip()
        if not text:
            raise InputProblem(messages.MISSING_SCORE.format(position=question.position),
                               field=f"q{question.id}")  # fmt: skip
        if text not in {"1", "2", "3", "4", "5"}:
            raise InputProblem(messages.BAD_SCORE.format(position=question.position),
                               field=f"q{question.id}")  # fmt: skip
        scores[question.id] = int(text)
    return scores


def _region_id(session: Session, view: SurveyView, district: str) -> int:
    if not district.strip():
        raise InputProblem(messages.NO_DISTRICT, field="district")
    plan = plans.get_plan(session, plan_id=view.plan_id)
    if district not in view.districts or plan is None:
        raise InputProblem(messages.BAD_DISTRICT.format(district=district), field="district")
    return district_region(session, plan, district).id


def submit_answer(session: Session, *, survey_id: int, draft: AnswerDraft) -> int:
    """Store one response of an open survey; Conflict (409) once it is closed."""
    view = survey_view(session, survey_id=survey_id)
    if not view.is_open:
        raise Conflict(messages.CLOSED)
    region_id = _region_id(session, view, draft.district)
    scores = checked_scores(view, draft.scores)
    comment = draft.comment.strip()
    if len(comment) > COMMENT_LIMIT:
        raise InputProblem(messages.LONG_COMMENT.format(limit=COMMENT_LIMIT), field="comment")
    response_id = surveys.add_response(
        session,
        survey_id=survey_id,
        region_id=region_id,
        comment=comment or None,
        source="web",
        scores=scores,
    )
    audit.record(session, username=ANONYMOUS, action="answer", entity=surveys.ENTITY,
                 entity_id=survey_id)  # fmt: skip
    return response_id
