"""满意度调查 pages: the open surveys (/survey), a survey's anonymous answer form (a
district, a 1–5 score per question, a comment; flood-guarded), the thanks page, the
results (aggregates for everyone, comments for planners) and their CSV/XLSX download.
The planner's pages (publish, close, import) are in `survey_manage`."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from minsheng.errors import InputProblem
from minsheng.exports.surveys import FORMATS, results_file
from minsheng.usecases.surveys import list_surveys, submit_answer, survey_results, survey_view
from minsheng.web.csrf import FormDep, verify_csrf
from minsheng.web.deps import AccountDep, SessionDep
from minsheng.web.flood_guard import CHALLENGE_FAILED
from minsheng.web.pages import survey_manage
from minsheng.web.pages.survey_views import (
    GUARD,
    answer_draft,
    answer_form,
    is_planner,
    results_page,
)
from minsheng.web.templating import render

router = APIRouter()
router.include_router(survey_manage.router)


@router.get("/survey", response_class=HTMLResponse)
def survey_list(request: Request, session: SessionDep, user: AccountDep) -> HTMLResponse:
    """Open surveys for the public; planners also see closed ones and may publish."""
    planner = is_planner(user)
    surveys = list_surveys(session, open_only=not planner)
    return render(request, "survey_list.html", surveys=surveys, planner=planner)


@router.get("/survey/{survey_id:int}", response_class=HTMLResponse)
def answer_page(request: Request, survey_id: int, session: SessionDep) -> HTMLResponse:
    return answer_form(request, survey_view(session, survey_id=survey_id))


@router.post("/survey/{survey_id:int}", dependencies=[Depends(verify_csrf)])
def answer(request: Request, survey_id: int, session: SessionDep, form: FormDep) -> Response:
    """Count the post (429 past the limit), check the challenge, then store the answer."""
    refused = GUARD.refusal(request, session)
    if refused is not None:
        return refused
    view = survey_view(session, survey_id=survey_id)
    draft = answer_draft(view, form)
    if not GUARD.passed(request, form):
        return answer_form(request, view, draft, CHALLENGE_FAILED, 422)
    try:
        with session.begin_nested():
            submit_answer(session, survey_id=survey_id, draft=draft)
    except InputProblem as problem:
        return answer_form(request, view, draft, problem.message, 422)
    return RedirectResponse(f"/survey/{survey_id}/thanks", status_code=303)


@router.get("/survey/{survey_id:int}/thanks", response_class=HTMLResponse)
def thanks(request: Request, survey_id: int, session: SessionDep) -> HTMLResponse:
    return render(request, "survey_thanks.html", survey=survey_view(session, survey_id=survey_id))


@router.get("/survey/{survey_id:int}/results", response_class=HTMLResponse)
def results(request: Request, survey_id: int, session: SessionDep, user: AccountDep) -> Response:
    return results_page(request, session, survey_id, user)


@router.get("/survey/{survey_id:int}/results.{format}")
def results_download(
    survey_id: int, format: str, session: SessionDep, user: AccountDep
) -> Response:
    """The results as CSV or XLSX; a planner's XLSX also holds the comments."""
    if format not in FORMATS:
        raise InputProblem("下载格式应为 xlsx 或 csv", field="format")
    found = survey_results(session, survey_id=survey_id, with_comments=is_planner(user))
    content, media_type, name = results_file(found, format)
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(content, media_type=media_type, headers=headers)
