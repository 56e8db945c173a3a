"""The planner's survey pages: publish a survey of a plan (questions per domain or service
item), close it, and import a third party's results (XLSX)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData, UploadFile

from minsheng.errors import InputProblem, MinshengError
from minsheng.usecases.entry import entry_plans
from minsheng.usecases.surveys import (
    SurveyDraft,
    close_survey,
    import_results,
    plan_choices,
    publish_survey,
)
from minsheng.usecases.users import Account
from minsheng.web.csrf import FormDep, verify_csrf
from minsheng.web.deps import AccountDep, PlannerDep, SessionDep
from minsheng.web.pages.access import gate
from minsheng.web.pages.survey_views import PLANNER_ROLES, results_page, text
from minsheng.web.templating import render

router = APIRouter()


def _number(value: str) -> int | None:
    return int(value) if value.strip().isdigit() else None


def _draft(form: FormData) -> SurveyDraft:
    domains = [value for value in form.getlist("domain") if isinstance(value, str)]
    items = [int(v) for v in form.getlist("item") if isinstance(v, str) and v.isdigit()]
    return SurveyDraft(_number(text(form, "plan")), text(form, "title"), text(form, "period"),
                       domains, items)  # fmt: skip


def _new_form(
    request: Request, session: SessionDep, draft: SurveyDraft, error: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:  # fmt: skip
    choices = plan_choices(session, plan_id=draft.plan_id) if draft.plan_id else None
    return render(request, "survey_new.html", status_code=status_code, draft=draft,
                  plans=entry_plans(session), choices=choices, error=error)  # fmt: skip


@router.get("/survey/new", response_class=HTMLResponse)
def new_page(request: Request, session: SessionDep, user: AccountDep) -> Response:
    """Pick a plan (?plan=), then the domains and items to ask about."""
    who = gate(request, user, PLANNER_ROLES, "只有规划人员可以发布满意度调查")
    if not isinstance(who, Account):
        return who
    plan_id = _number(request.query_params.get("plan", ""))
    return _new_form(request, session, SurveyDraft(plan_id, "", ""))


@router.post("/survey/new", dependencies=[Depends(verify_csrf)])
def publish(request: Request, session: SessionDep, user: PlannerDep, form: FormDep) -> Response:
    draft = _draft(form)
    try:
        with session.begin_nested():
            survey_id = publish_survey(session, draft, author=user.username)
    except InputProblem as problem:
        return _new_form(request, session, draft, problem.message, 422)
    return RedirectResponse(f"/survey/{survey_id}/results?published=1", status_code=303)


@router.post("/survey/{survey_id:int}/close", dependencies=[Depends(verify_csrf)])
def close(survey_id: int, session: SessionDep, user: PlannerDep) -> Response:
    close_survey(session, survey_id=survey_id, author=user.username)
    return RedirectResponse(f"/survey/{survey_id}/results", status_code=303)


@router.post("/survey/{survey_id:int}/import", dependencies=[Depends(verify_csrf)])
async def import_sheet(
    request: Request, survey_id: int, session: SessionDep, user: PlannerDep, form: FormDep
) -> Response:
    """Store a third party's sheet, or show the results page naming every bad cell (422)."""
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise InputProblem("请选择要导入的 XLSX 文件", field="file")
    content, name = await upload.read(), upload.filename or "results.xlsx"
    try:
        with session.begin_nested():
            stored = import_results(session, survey_id=survey_id, data=content, name=name,
                                    author=user.username)  # fmt: skip
    except MinshengError as problem:
        return results_page(request, session, survey_id, user, error=str(problem),
                            status_code=422)  # fmt: skip
    notice = f"已导入第三方调查答卷 {stored} 份。"
    return results_page(request, session, survey_id, user, notice=notice)
