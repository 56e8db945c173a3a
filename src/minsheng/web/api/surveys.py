"""/api/v1/surveys: satisfaction surveys and their aggregate results, read-only and public.

Comments are never served here (they are for planners, on the results page); nothing about
any respondent is. Answering is only through the flood-guarded page."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from minsheng.usecases.surveys import (
    QuestionView,
    ResultRow,
    SurveyView,
    list_surveys,
    survey_results,
    survey_view,
)
from minsheng.web.api.listing import ListDep, list_response
from minsheng.web.deps import SessionDep

router = APIRouter(prefix="/surveys", tags=["surveys"])


class QuestionPublic(BaseModel):
    id: int
    position: int
    text: str
    domain: str
    service_item: str | None

    @classmethod
    def of(cls, view: QuestionView) -> QuestionPublic:
        return cls(id=view.id, position=view.position, text=view.text, domain=view.domain,
                   service_item=view.item)  # fmt: skip


class SurveyPublic(BaseModel):
    id: int
    plan_id: int
    plan: str
    title: str
    period: str
    status: str
    created_at: datetime
    closed_at: datetime | None
    responses: int
    questions: list[QuestionPublic]
    districts: list[str]

    @classmethod
    def of(cls, view: SurveyView) -> SurveyPublic:
        return cls(
            id=view.id, plan_id=view.plan_id, plan=view.plan_name, title=view.title,
            period=view.period, status=view.status, created_at=view.created_at,
            closed_at=view.closed_at, responses=view.responses,
            questions=[QuestionPublic.of(q) for q in view.questions], districts=view.districts,
        )  # fmt: skip


class ResultPublic(BaseModel):
    """A group's respondents, their mean score (1–5) and its 95 % t-interval."""

    label: str
    domain: str
    count: int
    mean: float | None
    low: float | None
    high: float | None

    @classmethod
    def of(cls, row: ResultRow) -> ResultPublic:
        return cls(label=row.label, domain=row.group, count=row.count, mean=row.mean,
                   low=row.low, high=row.high)  # fmt: skip


class ResultsPublic(BaseModel):
    survey_id: int
    overall: ResultPublic
    by_question: list[ResultPublic]
    by_domain: list[ResultPublic]
    by_service_item: list[ResultPublic]
    by_district: list[ResultPublic]


@router.get("", response_model=list[SurveyPublic])
def list_all(
    *, request: Request, session: SessionDep, params: ListDep,
    open_only: Annotated[bool, Query(description="only surveys taking answers")] = False,
) -> Response:  # fmt: skip
    """Surveys, newest first (without their questions: see /surveys/{id})."""
    found = list_surveys(session, open_only=open_only)
    window = params.window
    page = found[window.offset : window.offset + (window.limit or len(found))]
    rows = [SurveyPublic.of(view) for view in page]
    return list_response(request, params, rows, total=len(found), name="surveys")


@router.get("/{survey_id}", response_model=SurveyPublic)
def get_survey(survey_id: int, session: SessionDep) -> SurveyPublic:
    return SurveyPublic.of(survey_view(session, survey_id=survey_id))


@router.get("/{survey_id}/results", response_model=ResultsPublic)
def get_results(survey_id: int, session: SessionDep) -> ResultsPublic:
    found = survey_results(session, survey_id=survey_id, with_comments=False)
    rows = ResultPublic.of
    return ResultsPublic(
        survey_id=survey_id, overall=rows(found.overall),
        by_question=[rows(r) for r in found.by_question],
        by_domain=[rows(r) for r in found.by_domain],
        by_service_item=[rows(r) for r in found.by_item],
        by_district=[rows(r) for r in found.by_district],
    )  # fmt: skip
