"""Satisfaction surveys: the surveys with their plan's name, questions, anonymous responses
and the (question, district, score) triples results are computed from."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from minsheng.store.tables import Plan, Region, ServiceItem
from minsheng.store.tables.surveys import Survey, SurveyAnswer, SurveyQuestion, SurveyResponse

ENTITY = "survey"
"""The audit log's entity name for surveys (answers are logged without any person)."""


def add_survey(session: Session, *, plan_id: int, title: str, period: str, author: str) -> Survey:
    survey = Survey(plan_id=plan_id, title=title, period=period, status="open", created_by=author)
    session.add(survey)
    session.flush()
    return survey


def add_question(
    session: Session, *, survey_id: int, position: int, text: str, domain: str,
    service_item_id: int | None,
) -> None:  # fmt: skip
    session.add(SurveyQuestion(survey_id=survey_id, position=position, text=text, domain=domain,
                               service_item_id=service_item_id))  # fmt: skip


def get_survey(session: Session, *, survey_id: int) -> Survey | None:
    return session.get(Survey, survey_id)


def surveys_with_plans(session: Session, *, status: str | None) -> list[tuple[Survey, str]]:
    """Surveys (newest first) with their plan's region name; `status` None means all."""
    query = (
        select(Survey, Region.name)
        .join(Plan, Plan.id == Survey.plan_id)
        .join(Region, Region.id == Plan.region_id)
        .order_by(Survey.created_at.desc(), Survey.id.desc())
    )
    if status is not None:
        query = query.where(Survey.status == status)
    return [(survey, name) for survey, name in session.execute(query).all()]


def questions_of(session: Session, *, survey_id: int) -> list[tuple[SurveyQuestion, str | None]]:
    """A survey's questions in order, each with its service item's name (None: a domain)."""
    query = (
        select(SurveyQuestion, ServiceItem.name)
        .outerjoin(ServiceItem, ServiceItem.id == SurveyQuestion.service_item_id)
        .where(SurveyQuestion.survey_id == survey_id)
        .order_by(SurveyQuestion.position)
    )
    return [(question, name) for question, name in session.execute(query).all()]


def add_response(
    session: Session, *, survey_id: int, region_id: int, comment: str | None, source: str,
    scores: dict[int, int],
) -> int:  # fmt: skip
    response = SurveyResponse(survey_id=survey_id, region_id=region_id, comment=comment,
                              source=source)  # fmt: skip
    session.add(response)
    session.flush()
    session.add_all(
        SurveyAnswer(response_id=response.id, question_id=question_id, score=score)
        for question_id, score in scores.items()
    )
    return response.id


def scores_of(session: Session, *, survey_id: int) -> list[tuple[int, int, int, int]]:
    """Every (response id, question id, district id, score) of a survey's responses."""
    query = (
        select(
            SurveyAnswer.response_id,
            SurveyAnswer.question_id,
            SurveyResponse.region_id,
            SurveyAnswer.score,
        )
        .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
        .where(SurveyResponse.survey_id == survey_id)
    )
    return [(a, q, r, s) for a, q, r, s in session.execute(query).all()]


def response_count(session: Session, *, survey_id: int) -> int:
    query = select(func.count()).where(SurveyResponse.survey_id == survey_id)
    return session.execute(query).scalar_one()


def region_names(session: Session, *, region_ids: set[int]) -> dict[int, str]:
    query = select(Region.id, Region.name).where(Region.id.in_(region_ids))
    return {region_id: name for region_id, name in session.execute(query).all()}


def comments_of(session: Session, *, survey_id: int) -> list[tuple[datetime, str, str]]:
    """(when, district, comment) of the responses with a comment, newest first."""
    query = (
        select(SurveyResponse.submitted_at, Region.name, SurveyResponse.comment)
        .join(Region, Region.id == SurveyResponse.region_id)
        .where(SurveyResponse.survey_id == survey_id, SurveyResponse.comment.is_not(None))
        .order_by(SurveyResponse.submitted_at.desc(), SurveyResponse.id.desc())
    )
    return [(at, name, text or "") for at, name, text in session.execute(query).all()]


def surveys_of_plan(session: Session, *, plan_id: int) -> list[Survey]:
    query = select(Survey).where(Survey.plan_id == plan_id).order_by(Survey.created_at, Survey.id)
    return list(session.scalars(query))
