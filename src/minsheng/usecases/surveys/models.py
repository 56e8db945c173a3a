"""Plain read models and drafts of surveys: what pages, the CLI, exports and the report get."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class QuestionView:
    id: int
    position: int
    text: str
    domain: str
    item: str | None  # the service item's name; None for a domain question


@dataclass(frozen=True)
class SurveyView:
    id: int
    plan_id: int
    plan_name: str
    title: str
    period: str
    status: str
    status_label: str
    created_at: datetime  # Beijing time
    closed_at: datetime | None
    responses: int
    questions: list[QuestionView] = field(default_factory=list)
    districts: list[str] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.status == "open"


@dataclass(frozen=True)
class SurveyDraft:
    """What a planner publishes: questions per domain and per service item of the plan."""

    plan_id: int | None
    title: str
    period: str
    domains: list[str] = field(default_factory=list)
    item_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class AnswerDraft:
    """A resident's answer as posted: district name, raw score per question id, comment."""

    district: str
    scores: dict[int, str]
    comment: str = ""


@dataclass(frozen=True)
class ResultRow:
    """One group's respondents: how many, the mean score and its 95 % t-interval."""

    label: str
    count: int
    mean: float | None
    low: float | None
    high: float | None
    group: str = ""  # the domain of an item's row


@dataclass(frozen=True)
class CommentView:
    at: datetime  # Beijing time
    district: str
    text: str


@dataclass(frozen=True)
class SurveyResults:
    """Aggregates for everyone; `comments` only for planners (empty for the public)."""

    survey: SurveyView
    overall: ResultRow
    by_question: list[ResultRow]
    by_domain: list[ResultRow]
    by_item: list[ResultRow]
    by_district: list[ResultRow]
    comments: list[CommentView] = field(default_factory=list)
