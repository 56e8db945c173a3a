"""Review of submitted values by planners: approve or return them, one or many at once."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from minsheng.errors import MinshengError
from minsheng.model.observation import ReviewAction
from minsheng.usecases.entry import review_items, review_many
from minsheng.usecases.users import Account
from minsheng.web.csrf import verify_csrf
from minsheng.web.deps import AccountDep, PlannerDep, SessionDep
from minsheng.web.pages.access import gate
from minsheng.web.templating import render

router = APIRouter()
REVIEW_ROLES = ("admin", "planner")


def _gate(request: Request, user: Account | None) -> Account | Response:
    return gate(request, user, REVIEW_ROLES, "此页面仅限规划和管理人员使用")


async def _form(request: Request) -> FormData:
    return await request.form()


FormDep = Annotated[FormData, Depends(_form)]


def _whole(text: object) -> int:
    """A posted whole number; anything else (a forged form) counts as 0, which fails checks."""
    return int(text) if isinstance(text, str) and text.isdigit() else 0


@router.get("/entry/review", response_class=HTMLResponse)
def review_page(request: Request, session: SessionDep, user: AccountDep) -> Response:
    who = _gate(request, user)
    if not isinstance(who, Account):
        return who
    done = request.query_params.get("done")
    return render(request, "entry_review.html", items=review_items(session), done=done)


@router.post("/entry/review", dependencies=[Depends(verify_csrf)], response_class=HTMLResponse)
def review_post(request: Request, session: SessionDep, user: PlannerDep, form: FormDep) -> Response:
    try:
        action = ReviewAction(str(form.get("action", "")))
    except ValueError:
        raise HTTPException(status_code=422, detail="未知的审核操作") from None
    ids = [_whole(value) for value in form.getlist("observation")]
    reason = str(form.get("reason", "")).strip() or None
    try:
        with session.begin_nested():
            count = review_many(
                session, account=user, observation_ids=ids, action=action, reason=reason
            )
    except MinshengError as error:
        failed = ids[0] if len(ids) == 1 else None
        return render(
            request,
            "entry_review.html",
            status_code=error.http_status,
            items=review_items(session),
            error=error.code,
            failed=failed,
            action=action.value,
        )
    return RedirectResponse(f"/entry/review?done={action.value}-{count}", status_code=303)
