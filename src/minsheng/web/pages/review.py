"""Review of submitted values by planners: each with its context and flags, approved or
returned one or many at once; and the range rules the flags use."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from minsheng.errors import InputProblem, MinshengError
from minsheng.model.observation import ReviewAction
from minsheng.usecases.entry import review_items, review_many
from minsheng.usecases.entry.review_queue import ReviewFilter, ReviewItem
from minsheng.usecases.entry.sheet import entry_plans
from minsheng.usecases.ranges import list_ranges, range_choices, set_range
from minsheng.usecases.users import Account
from minsheng.web.csrf import FormDep, verify_csrf
from minsheng.web.deps import AccountDep, PlannerDep, SessionDep
from minsheng.web.pages.access import gate
from minsheng.web.templating import render

router = APIRouter()
REVIEW_ROLES = ("admin", "planner")


def _gate(request: Request, user: Account | None) -> Account | Response:
    return gate(request, user, REVIEW_ROLES, "此页面仅限规划和管理人员使用")


def _whole(text: object) -> int:
    """A posted whole number; anything else (a forged form) counts as 0, which fails checks."""
    return int(text) if isinstance(text, str) and text.isdigit() else 0


def _chosen(request: Request) -> ReviewFilter:
    """The filter the query string asks for; an unknown year or name just matches nothing."""
    query = request.query_params
    year = query.get("year", "")
    return ReviewFilter(
        flagged_only=query.get("flag") == "flagged",
        department=query.get("department") or None,
        plan=query.get("plan") or None,
        year=int(year) if year.isdigit() else None,
    )


PAGE_SIZE = 100
"""Rows a page shows: a round's few hundred values in pages, flagged ones first."""


def _queue(session: Session, chosen: ReviewFilter, page: int) -> dict[str, Any]:
    """One page of the items (filtered, flagged first), the filters' choices and counts."""
    every = review_items(session)
    kept = sorted((item for item in every if chosen.keeps(item)), key=lambda i: not i.flagged)
    pages = max(1, -(-len(kept) // PAGE_SIZE))
    page = min(max(page, 1), pages)
    return {
        "items": kept[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
        "kept": len(kept),
        "page": page,
        "pages": pages,
        "total": len(every),
        "flagged_count": sum(item.flagged for item in kept),
        "chosen": chosen,
        "filtered": chosen != ReviewFilter(),
        "options": _options(every),
    }


def _page(request: Request) -> int:
    asked = request.query_params.get("page", "1")
    return int(asked) if asked.isdigit() and len(asked) < 6 else 1


def _options(every: list[ReviewItem]) -> dict[str, list[Any]]:
    return {
        "departments": sorted({i.department for i in every if i.department}),
        "plans": list(dict.fromkeys(i.plan.choice_name for i in every)),
        "years": sorted({i.item.year for i in every}),
    }


@router.get("/entry/review", response_class=HTMLResponse)
def review_page(request: Request, session: SessionDep, user: AccountDep) -> Response:
    who = _gate(request, user)
    if not isinstance(who, Account):
        return who
    done = request.query_params.get("done")
    queue = _queue(session, _chosen(request), _page(request))
    query = urlencode({k: v for k, v in request.query_params.items() if k not in {"page", "done"}})
    return render(request, "entry_review.html", done=done, query=query, **queue)


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
            error=error.code,
            failed=failed,
            action=action.value,
            **_queue(session, ReviewFilter(), 1),
        )
    return RedirectResponse(f"/entry/review?done={action.value}-{count}", status_code=303)


# --- Range rules: a small page beside the queue ----------------------------------------


def _number(text: object) -> float | None:
    """A posted bound: blank is open; anything unreadable is refused by the caller."""
    raw = str(text or "").strip().replace("，", ",").replace(",", "")
    return float(raw) if raw else None


def _ranges_page(request: Request, session: Session, plan: str | None, **extra: Any) -> Response:
    chosen = plan or next(iter(_entry_plan_names(session)), None)
    choices = range_choices(session, plan=chosen) if chosen else None
    return render(request, "entry_ranges.html", plans=_entry_plan_names(session),
                  choices=choices, rules=list_ranges(session, plan=chosen) if chosen else [],
                  **extra)  # fmt: skip


def _entry_plan_names(session: Session) -> list[str]:
    return [plan.choice_name for plan in entry_plans(session)]


@router.get("/entry/ranges", response_class=HTMLResponse)
def ranges_page(request: Request, session: SessionDep, user: AccountDep) -> Response:
    who = _gate(request, user)
    if not isinstance(who, Account):
        return who
    plan = request.query_params.get("plan") or None
    return _ranges_page(request, session, plan, done=request.query_params.get("done"))


@router.post("/entry/ranges", dependencies=[Depends(verify_csrf)], response_class=HTMLResponse)
def ranges_post(request: Request, session: SessionDep, user: PlannerDep, form: FormDep) -> Response:
    plan = str(form.get("plan", "")).strip()
    posted = {
        name: str(form.get(name, "")).strip() for name in ("indicator", "region", "min", "max")
    }
    try:
        with session.begin_nested():
            bounds = _bounds(posted)
            set_range(session, plan=plan, indicator=posted["indicator"],
                      region=posted["region"] or None, low=bounds[0], high=bounds[1],
                      author=user.username)  # fmt: skip
    except MinshengError as error:
        field = getattr(error, "field", None)
        return _ranges_page(request, session, plan, status_code=error.http_status,
                            error=field or error.code, posted=posted)  # fmt: skip
    return RedirectResponse(f"/entry/ranges?plan={quote(plan)}&done=1", status_code=303)


def _bounds(posted: dict[str, str]) -> tuple[float | None, float | None]:
    bounds: list[float | None] = []
    for name in ("min", "max"):
        try:
            bounds.append(_number(posted[name]))
        except ValueError:
            raise InputProblem(f"{name} is not a number", field=name) from None
    return bounds[0], bounds[1]
