"""/api/v1/suggestions: the published suggestions with their replies and the statistics,
read-only and public like the page; a resident's contact is never part of the schema."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel

from minsheng.usecases.suggestions import PublicSuggestion, public_suggestions, suggestion_stats
from minsheng.web.api.listing import ListDep, list_response
from minsheng.web.deps import SessionDep

router = APIRouter(prefix="/suggestions", tags=["suggestions"])


class SuggestionPublic(BaseModel):
    """One published suggestion; no contact, no staff user names."""

    id: int
    plan: str
    domain: str
    subject: str
    district: str
    text: str
    submitted_at: datetime
    state: str
    department: str
    reply: str | None
    replied_at: datetime | None
    sample_data: bool

    @classmethod
    def of(cls, view: PublicSuggestion) -> SuggestionPublic:
        return cls(
            id=view.id, plan=view.plan, domain=view.domain, subject=view.subject,
            district=view.district, text=view.text, submitted_at=view.submitted_at,
            state=view.state, department=view.department, reply=view.reply,
            replied_at=view.replied_at, sample_data=view.sample,
        )  # fmt: skip


class TopicPublic(BaseModel):
    domain: str
    received: int
    replied: int
    open: int
    median_days: float | None


class StatsPublic(BaseModel):
    counts: dict[str, int]
    median_days: float | None
    topics: list[TopicPublic]


@router.get("", response_model=list[SuggestionPublic])
def list_suggestions(
    *, request: Request, session: SessionDep, params: ListDep, plan_id: int | None = None
) -> Response:
    """Published suggestions, newest first, with the departments' replies."""
    window = params.window
    shown, total = public_suggestions(session, plan_id=plan_id, limit=window.limit,
                                      offset=window.offset)  # fmt: skip
    rows = [SuggestionPublic.of(view) for view in shown]
    return list_response(request, params, rows, total=total, name="suggestions")


@router.get("/stats", response_model=StatsPublic)
def stats(session: SessionDep, plan_id: int | None = None) -> StatsPublic:
    """Counts by state; by topic, received, replied, open and median days to reply."""
    found = suggestion_stats(session, plan_id=plan_id)
    topics = [TopicPublic(**vars(topic)) for topic in found.topics]
    return StatsPublic(counts=found.counts, median_days=found.median_days, topics=topics)
