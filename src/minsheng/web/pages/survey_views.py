"""What the survey pages share: who counts as a planner, the answer form and the results
page (comments and the planner's tools only for planners)."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from minsheng.usecases.surveys import (
    COMMENT_LIMIT,
    SCALE,
    AnswerDraft,
    SurveyView,
    survey_results,
)
from minsheng.usecases.users import Account
from minsheng.web.flood_guard import FloodGuard
from minsheng.web.templating import render

PLANNER_ROLES = ("admin", "planner")
GUARD = FloodGuard("survey")
"""The answer form's flood guard (MINSHENG_PUBLIC_FORM_LIMIT posts per window and address)."""


def is_planner(user: Account | None) -> bool:
    return user is not None and user.role in PLANNER_ROLES


def text(form: FormData, name: str) -> str:
    value = form.get(name, "")
    return value if isinstance(value, str) else ""


def answer_draft(view: SurveyView, form: FormData) -> AnswerDraft:
    """The posted answer: district, the radio button chosen per question, the comment."""
    scores = {q.id: text(form, f"q{q.id}") for q in view.questions}
    return AnswerDraft(text(form, "district"), scores, text(form, "comment"))


def answer_form(
    request: Request, view: SurveyView, draft: AnswerDraft | None = None,
    error: str | None = None, status_code: int = 200,
) -> HTMLResponse:  # fmt: skip
    """The phone-sized answer page, with a fresh challenge each time it is shown."""
    return render(
        request, "survey.html", status_code=status_code, survey=view, scale=SCALE,
        challenge=GUARD.challenge(request), draft=draft or AnswerDraft("", {}, ""),
        error=error, comment_limit=COMMENT_LIMIT,
    )  # fmt: skip


def results_page(
    request: Request, session: Session, survey_id: int, user: Account | None, *,
    error: str | None = None, notice: str | None = None, status_code: int = 200,
) -> HTMLResponse:  # fmt: skip
    planner = is_planner(user)
    results = survey_results(session, survey_id=survey_id, with_comments=planner)
    return render(
        request, "survey_results.html", status_code=status_code, results=results,
        planner=planner, error=error, notice=notice,
    )  # fmt: skip
