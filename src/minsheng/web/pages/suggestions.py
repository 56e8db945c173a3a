"""意见建议: the public list (published suggestions with their replies, statistics by
topic), the public form (no account), the staff queue (moderators: all; a department: its
own), and each suggestion's page with the moderation and reply forms."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from minsheng.errors import InputProblem, MinshengError, NotFound
from minsheng.store.repositories.suggestions import department_names
from minsheng.usecases.entry import entry_plans
from minsheng.usecases.suggestions import (
    MODERATOR_ROLES,
    REJECT_LABELS,
    REPLY_DAYS,
    STATE_LABELS,
    TEXT_MAX,
    TEXT_MIN,
    StaffSuggestion,
    SuggestionDraft,
    form_choices,
    public_suggestions,
    reject,
    reply,
    route,
    staff_queue,
    submit_suggestion,
    suggestion_stats,
    suggestion_view,
)
from minsheng.usecases.users import Account
from minsheng.web.csrf import FormDep, verify_csrf
from minsheng.web.deps import AccountDep, PlannerDep, ReporterDep, SessionDep
from minsheng.web.flood_guard import CHALLENGE_FAILED, FloodGuard
from minsheng.web.pages.access import gate
from minsheng.web.templating import render

router = APIRouter()
STAFF_ROLES = ("admin", "planner", "reporter")
GUARD = FloodGuard("suggestions")
"""Per-address rate limit and arithmetic challenge of the public form."""


def _number(text: str) -> int | None:
    return int(text) if text.strip().isdigit() else None


def _text(form: FormData, name: str) -> str:
    value = form.get(name, "")
    return value if isinstance(value, str) else ""


@router.get("/suggestions", response_class=HTMLResponse)
def public_page(request: Request, session: SessionDep) -> HTMLResponse:
    plan_id = _number(request.query_params.get("plan", ""))
    shown, total = public_suggestions(session, plan_id=plan_id, limit=100)
    return render(
        request, "suggestions.html", suggestions=shown, total=total, plan_id=plan_id,
        stats=suggestion_stats(session, plan_id=plan_id), plans=entry_plans(session),
        sent=_number(request.query_params.get("sent", "")), reply_days=REPLY_DAYS,
    )  # fmt: skip


def _form_plan(session: SessionDep, wanted: int | None) -> int:
    plans = entry_plans(session)
    if not plans:
        raise NotFound("还没有可以留言的城市规划")
    return wanted if wanted in {p.id for p in plans} else plans[0].id


def _render_form(
    request: Request, session: SessionDep, draft: SuggestionDraft,
    error: InputProblem | None = None, status_code: int = 200,
) -> HTMLResponse:  # fmt: skip
    plan_id = _form_plan(session, draft.plan_id)
    return render(
        request, "suggestion_new.html", status_code=status_code, draft=draft, error=error,
        form=form_choices(session, plan_id=plan_id), plans=entry_plans(session),
        text_min=TEXT_MIN, text_max=TEXT_MAX, challenge=GUARD.challenge(request),
    )  # fmt: skip


@router.get("/suggestions/new", response_class=HTMLResponse)
def new_page(request: Request, session: SessionDep) -> HTMLResponse:
    plan_id = _form_plan(session, _number(request.query_params.get("plan", "")))
    return _render_form(request, session, SuggestionDraft(plan_id, "", None, ""))


def _draft(form: FormData) -> SuggestionDraft:
    return SuggestionDraft(
        plan_id=_number(_text(form, "plan")), domain=_text(form, "domain"),
        region_id=_number(_text(form, "region")), text=_text(form, "text"),
        subject=_text(form, "subject"), contact=_text(form, "contact"),
    )  # fmt: skip


@router.post("/suggestions", dependencies=[Depends(verify_csrf)], response_class=HTMLResponse)
def send_form(request: Request, session: SessionDep, form: FormDep) -> Response:
    refused = GUARD.refusal(request, session)
    if refused is not None:
        return refused
    draft = _draft(form)
    if not GUARD.passed(request, form):
        return _render_form(request, session, draft, InputProblem(CHALLENGE_FAILED), 422)
    try:
        with session.begin_nested():
            sent = submit_suggestion(session, draft).id
    except InputProblem as problem:
        return _render_form(request, session, draft, problem, 422)
    return RedirectResponse(f"/suggestions?sent={sent}", status_code=303)


@router.get("/suggestions/manage", response_class=HTMLResponse)
def queue_page(request: Request, session: SessionDep, user: AccountDep) -> Response:
    who = gate(request, user, STAFF_ROLES, "只有工作人员可以办理意见建议")
    if not isinstance(who, Account):
        return who
    state = request.query_params.get("state", "")
    wanted = state if state in STATE_LABELS else None
    return render(
        request, "suggestions_manage.html", queue=staff_queue(session, account=who, state=wanted),
        state=state, states=STATE_LABELS, moderator=who.role in MODERATOR_ROLES,
        stats=suggestion_stats(session), reject_labels=REJECT_LABELS,
    )  # fmt: skip


@router.get("/suggestions/{suggestion_id}", response_class=HTMLResponse)
def detail_page(
    request: Request, suggestion_id: int, session: SessionDep, user: AccountDep
) -> HTMLResponse:
    view = suggestion_view(session, suggestion_id=suggestion_id, account=user)
    if view is None:
        raise NotFound("该意见建议尚未公开")
    staff = isinstance(view, StaffSuggestion)
    return render(
        request, "suggestion_detail.html", suggestion=view, staff=staff,
        moderator=bool(user and user.role in MODERATOR_ROLES),
        departments=department_names(session) if staff else [], reject_labels=REJECT_LABELS,
        notice=request.query_params.get("done", ""), error=request.query_params.get("error", ""),
    )  # fmt: skip


def _back(suggestion_id: int, *, done: str = "", error: str = "") -> RedirectResponse:
    query = f"done={done}" if done else f"error={quote(error)}"
    return RedirectResponse(f"/suggestions/{suggestion_id}?{query}", status_code=303)


@router.post("/suggestions/{suggestion_id}/route", dependencies=[Depends(verify_csrf)])
def route_form(
    suggestion_id: int, session: SessionDep, user: PlannerDep, form: FormDep
) -> Response:
    try:
        with session.begin_nested():
            publish = _text(form, "public") != "no"
            route(session, suggestion_id=suggestion_id, account=user,
                  department=_text(form, "department"), publish=publish)  # fmt: skip
    except MinshengError as problem:
        return _back(suggestion_id, error=problem.message)
    return _back(suggestion_id, done="routed")


@router.post("/suggestions/{suggestion_id}/reject", dependencies=[Depends(verify_csrf)])
def reject_form(
    suggestion_id: int, session: SessionDep, user: PlannerDep, form: FormDep
) -> Response:
    try:
        with session.begin_nested():
            reject(session, suggestion_id=suggestion_id, account=user, reason=_text(form, "reason"))
    except MinshengError as problem:
        return _back(suggestion_id, error=problem.message)
    return _back(suggestion_id, done="rejected")


@router.post("/suggestions/{suggestion_id}/reply", dependencies=[Depends(verify_csrf)])
def reply_form(
    suggestion_id: int, session: SessionDep, user: ReporterDep, form: FormDep
) -> Response:
    try:
        with session.begin_nested():
            reply(session, suggestion_id=suggestion_id, account=user, text=_text(form, "reply"))
    except MinshengError as problem:
        return _back(suggestion_id, error=problem.message)
    return _back(suggestion_id, done="replied")
