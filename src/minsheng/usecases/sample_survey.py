"""A demonstration satisfaction survey (示例数据) for 合肥: one question per domain of the
plan and two service items, 240 synthetic respondents spread over the districts with
somewhat different satisfaction, and a few comments. Generated from a fixed seed, so
the demonstration always shows the same results."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from sqlalchemy.orm import Session

from minsheng.labels import SAMPLE_LABEL
from minsheng.store.repositories import plans, regions, service_items, surveys
from minsheng.usecases.project_places import district_finder
from minsheng.usecases.surveys import SurveyDraft, SurveyView, publish_survey, survey_view

CITY = "合肥市"
YEAR = 2025
RESPONDENTS = 240
SEED = 2025_15
COMMENTS = (
    "社区卫生服务中心预约挂号方便了很多",
    "希望增加普惠托育机构的名额",
    "老年助餐点离家有点远",
    "公共文化场馆周末开放时间可以再长一些",
)


def _plan_id(session: Session) -> int | None:
    for city in regions.find_by_name(session, name=CITY):
        plan = plans.current_plan(session, region_id=city.id)
        if plan is not None:
            return plan.id
    return None


def _publish(session: Session, plan_id: int, author: str) -> int:
    items = service_items.items_of_plans(session, plan_ids=[plan_id])
    domains = list(dict.fromkeys(item.domain for item in items))
    draft = SurveyDraft(plan_id, f"{YEAR}年基本公共服务社会满意度调查（{SAMPLE_LABEL}）",
                        f"{YEAR}年", domains, [item.id for item in items[:2]])  # fmt: skip
    return publish_survey(session, draft, author=author)


def _answers(view: SurveyView, places: list[int]) -> Iterator[tuple[int, dict[int, int]]]:
    """(district id, scores) of each synthetic respondent, from the fixed seed."""
    generator = np.random.default_rng(SEED)
    leaning = generator.normal(0.0, 0.35, size=len(places))  # districts differ a little
    for _ in range(RESPONDENTS):
        where = int(generator.integers(len(places)))
        raw = np.clip(
            np.rint(generator.normal(3.7 + leaning[where], 0.9, len(view.questions))), 1, 5
        )
        yield places[where], {q.id: int(s) for q, s in zip(view.questions, raw, strict=True)}


def add_sample_survey(session: Session, *, author: str) -> int | None:
    """The sample survey with its synthetic responses; None when 合肥 has no current plan."""
    plan_id = _plan_id(session)
    plan = plans.get_plan(session, plan_id=plan_id) if plan_id is not None else None
    if plan is None:
        return None
    survey_id = _publish(session, plan.id, author)
    view = survey_view(session, survey_id=survey_id)
    place = district_finder(session, plan)
    places = [place(name).id for name in view.districts]
    for number, (region_id, scores) in enumerate(_answers(view, places)):
        note = f"（{SAMPLE_LABEL}）{COMMENTS[number // 40 % len(COMMENTS)]}"
        surveys.add_response(session, survey_id=survey_id, region_id=region_id, source="web",
                             comment=note if number % 40 == 0 else None, scores=scores)  # fmt: skip
    return survey_id
