"""Surveys read back as plain views: the list (open ones for the public), one survey with
its questions and the districts a respondent may pick."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from minsheng.errors import NotFound
from minsheng.store.repositories import plans, service_items, surveys
from minsheng.store.tables.surveys import Survey
from minsheng.usecases.clock import beijing
from minsheng.usecases.project_places import district_names
from minsheng.usecases.surveys import messages
from minsheng.usecases.surveys.models import QuestionView, SurveyView


def _view(session: Session, survey: Survey, plan_name: str, *, whole: bool) -> SurveyView:
    questions = districts = []
    if whole:
        rows = surveys.questions_of(session, survey_id=survey.id)
        questions = [QuestionView(q.id, q.position, q.text, q.domain, item) for q, item in rows]
        plan = plans.get_plan(session, plan_id=survey.plan_id)
        districts = district_names(session, plan) if plan is not None else []
    return SurveyView(
        survey.id, survey.plan_id, plan_name, survey.title, survey.period, survey.status,
        messages.STATE_LABELS[survey.status], beijing(survey.created_at),
        beijing(survey.closed_at) if survey.closed_at else None,
        surveys.response_count(session, survey_id=survey.id), questions, districts,
    )  # fmt: skip


def list_surveys(session: Session, *, open_only: bool = False) -> list[SurveyView]:
    """Surveys newest first, without their questions."""
    rows = surveys.surveys_with_plans(session, status="open" if open_only else None)
    return [_view(session, survey, name, whole=False) for survey, name in rows]


def survey_view(session: Session, *, survey_id: int) -> SurveyView:
    """One survey with its questions and districts; NotFound (404) for an unknown id."""
    survey = surveys.get_survey(session, survey_id=survey_id)
    plan = plans.get_plan(session, plan_id=survey.plan_id) if survey else None
    if survey is None or plan is None:
        raise NotFound(messages.NOT_FOUND.format(survey=survey_id))
    return _view(session, survey, plan.region.name, whole=True)


def plan_survey_ids(session: Session, *, plan_id: int) -> list[int]:
    """The plan's surveys, oldest first: what its annual report's section covers."""
    return [survey.id for survey in surveys.surveys_of_plan(session, plan_id=plan_id)]


@dataclass(frozen=True)
class PlanChoices:
    """What a survey of a plan may ask about: its domains and its service items by domain."""

    plan_id: int
    domains: list[str]
    items: dict[str, list[tuple[int, str]]]  # domain → (item id, name)


def plan_choices(session: Session, *, plan_id: int) -> PlanChoices:
    found = service_items.items_of_plans(session, plan_ids=[plan_id])
    items: dict[str, list[tuple[int, str]]] = {}
    for item in found:
        items.setdefault(item.domain, []).append((item.id, item.name))
    return PlanChoices(plan_id, list(items), items)
