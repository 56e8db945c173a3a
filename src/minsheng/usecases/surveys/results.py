"""A survey's results by question, domain, service item and district.

Every group counts respondents, not scores: a respondent's scores on the group's questions
are averaged first, so one person answering three questions of a domain is one
observation of it. The interval is the 95 % t-interval of the mean of those averages.
Comments are for planners; the public sees aggregates only, and a district answered by
fewer than `MIN_PUBLIC_DISTRICT` people shows its count without its scores, so nobody's
answers can be read off a small district.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

import numpy as np
import numpy.typing as npt
from sqlalchemy.orm import Session

from minsheng.analytics.survey_stats import summarise
from minsheng.store.repositories import surveys
from minsheng.usecases.clock import beijing
from minsheng.usecases.surveys.models import CommentView, ResultRow, SurveyResults
from minsheng.usecases.surveys.views import survey_view

ALL = "全部受访者"
MIN_PUBLIC_DISTRICT = 3
IntArray = npt.NDArray[np.int64]


class _Scores:
    """The survey's answers as parallel arrays: response, question, district, score."""

    def __init__(self, rows: list[tuple[int, int, int, int]]) -> None:
        table = np.array(rows, dtype=np.int64).reshape(-1, 4)
        self.response, self.question, self.region, self.score = table.T

    def row(self, label: str, questions: Collection[int], region: int | None = None,
            group: str = "") -> ResultRow:  # fmt: skip
        """The group's respondents' mean scores summarised."""
        mask = np.isin(self.question, list(questions))
        if region is not None:
            mask &= self.region == region
        people, where = np.unique(self.response[mask], return_inverse=True)
        sums = np.bincount(where, weights=self.score[mask], minlength=people.size)
        counts = np.bincount(where, minlength=people.size)
        summary = summarise(sums / np.maximum(counts, 1) if people.size else [])
        return ResultRow(label, summary.count, summary.mean, summary.low, summary.high, group)


def survey_results(session: Session, *, survey_id: int, with_comments: bool) -> SurveyResults:
    """Results for everyone; comments only when `with_comments` (a planner asks)."""
    view = survey_view(session, survey_id=survey_id)
    scores = _Scores(surveys.scores_of(session, survey_id=survey_id))
    every = [q.id for q in view.questions]
    domains: dict[str, list[int]] = {}
    for question in view.questions:
        domains.setdefault(question.domain, []).append(question.id)
    names = surveys.region_names(session, region_ids={int(r) for r in scores.region})
    return SurveyResults(
        view, scores.row(ALL, every),
        [scores.row(f"{q.position}. {q.text}", [q.id], group=q.domain) for q in view.questions],
        [scores.row(domain, ids) for domain, ids in domains.items()],
        [scores.row(q.item, [q.id], group=q.domain) for q in view.questions if q.item],
        _public([scores.row(name, every, region) for region, name in names.items()],
                with_comments),
        _comments(session, survey_id) if with_comments else [],
    )  # fmt: skip


def _public(districts: list[ResultRow], planner: bool) -> list[ResultRow]:
    """The district rows by name; for the public, small districts without their scores."""
    rows = sorted(districts, key=lambda row: row.label)
    if planner:
        return rows
    return [row if row.count >= MIN_PUBLIC_DISTRICT else
            replace(row, mean=None, low=None, high=None) for row in rows]  # fmt: skip


def _comments(session: Session, survey_id: int) -> list[CommentView]:
    rows = surveys.comments_of(session, survey_id=survey_id)
    return [CommentView(beijing(at), district, text) for at, district, text in rows]
