"""Satisfaction surveys on SQLite and PostgreSQL: publishing per domain and item, anonymous
answers by district, results with counts, means and t-intervals checked by hand, comments
for planners only, closing, and XLSX import with bad cells named and nothing written."""

from __future__ import annotations

import io
import math
import statistics
from collections.abc import Callable

import pytest
from openpyxl import Workbook
from scipy import stats
from sqlalchemy import Engine
from tests.conftest import templated_database

from minsheng.data.bundled import bundled_plans
from minsheng.errors import Conflict, InputProblem
from minsheng.store import session_scope
from minsheng.store.repositories import service_items
from minsheng.usecases.import_plan import import_plan
from minsheng.usecases.surveys import (
    AnswerDraft,
    SurveyDraft,
    close_survey,
    import_results,
    list_surveys,
    publish_survey,
    submit_answer,
    survey_results,
    survey_view,
)

Counts = Callable[[], dict[str, int]]


def _published(session) -> int:
    plan = next(plan for plan in bundled_plans() if plan.plan.region == "合肥市")
    plan_id = import_plan(session, plan, author="test").plan_id
    item = service_items.items_of_plans(session, plan_ids=[plan_id])[0]
    draft = SurveyDraft(plan_id, "2026年基本公共服务满意度调查", "2026年",
                        ["病有所医", "学有所教"], [item.id])  # fmt: skip
    return publish_survey(session, draft, author="planner")


@pytest.fixture
def published(database_kind, request):
    """A Hefei survey: two domain questions and one service item's question (a copy of a
    template database)."""
    with templated_database(request, "survey", _published) as made:
        yield made


@pytest.fixture
def database_url(published):
    return published[0]


@pytest.fixture
def survey_id(published, engine: Engine) -> int:
    return published[1]


def _answer(engine: Engine, survey_id: int, district: str, *scores: int, comment: str = "") -> None:
    with session_scope(engine) as session:
        ids = [q.id for q in survey_view(session, survey_id=survey_id).questions]
        raw = {qid: str(score) for qid, score in zip(ids, scores, strict=True)}
        submit_answer(session, survey_id=survey_id, draft=AnswerDraft(district, raw, comment))


def test_a_published_survey_lists_its_questions_and_the_plans_districts(engine, survey_id):
    with session_scope(engine) as session:
        view = survey_view(session, survey_id=survey_id)
        listed = list_surveys(session, open_only=True)
    assert [q.domain for q in view.questions][:2] == ["病有所医", "学有所教"]
    assert view.questions[0].text == "您对本地“病有所医”领域基本公共服务的总体满意程度如何？"
    assert view.questions[2].item is not None and view.questions[2].item in view.questions[2].text
    assert {"蜀山区", "肥西县"} <= set(view.districts)
    assert [s.title for s in listed] == ["2026年基本公共服务满意度调查"]
    assert listed[0].plan_name == "合肥市" and listed[0].status_label == "进行中"


def test_results_by_question_domain_item_and_district_with_t_intervals(engine, survey_id):
    answers = [("蜀山区", 5, 4, 3), ("蜀山区", 4, 4, 2), ("蜀山区", 3, 5, 4), ("肥西县", 2, 1, 5)]
    for district, *scores in answers:
        _answer(engine, survey_id, district, *scores, comment="排队时间太长")
    with session_scope(engine) as session:
        results = survey_results(session, survey_id=survey_id, with_comments=False)
    first = [a[1] for a in answers]
    row = results.by_question[0]
    half = stats.t.ppf(0.975, 3) * statistics.stdev(first) / math.sqrt(4)
    assert (row.count, row.mean) == (4, statistics.fmean(first))
    assert row.low is not None and math.isclose(row.low, statistics.fmean(first) - half)
    assert [(r.label, r.count) for r in results.by_district] == [("肥西县", 1), ("蜀山区", 3)]
    shushan = results.by_district[1]
    assert math.isclose(shushan.mean or 0, statistics.fmean([4, 10 / 3, 4]))
    assert [r.label for r in results.by_domain][:2] == ["病有所医", "学有所教"]
    assert len(results.by_item) == 1 and results.by_item[0].count == 4
    assert results.overall.count == 4 and results.comments == []
    assert results.by_district[0].mean is None  # one respondent: the public sees the count only
    with session_scope(engine) as session:
        planner = survey_results(session, survey_id=survey_id, with_comments=True)
    assert planner.by_district[0].mean == statistics.fmean([2, 1, 5])


def test_comments_are_shown_to_planners_only(engine, survey_id):
    _answer(engine, survey_id, "蜀山区", 5, 5, 5, comment="社区医院服务很好")
    with session_scope(engine) as session:
        planner = survey_results(session, survey_id=survey_id, with_comments=True)
    assert [(c.district, c.text) for c in planner.comments] == [("蜀山区", "社区医院服务很好")]


def test_bad_answers_are_refused_by_field_and_nothing_is_written(engine, survey_id, row_counts):
    before = row_counts()
    with (
        pytest.raises(InputProblem, match="请为第 2 题选择满意程度"),
        session_scope(engine) as session,
    ):
        first = survey_view(session, survey_id=survey_id).questions[0].id
        submit_answer(session, survey_id=survey_id, draft=AnswerDraft("蜀山区", {first: "4"}))
    with pytest.raises(InputProblem, match="不是本次调查的区县"):
        _answer(engine, survey_id, "朝阳区", 1, 2, 3)
    with pytest.raises(InputProblem, match="1 至 5"):
        _answer(engine, survey_id, "蜀山区", 1, 6, 3)
    assert row_counts() == before


def test_a_closed_survey_takes_no_answers_and_leaves_the_public_list(engine, survey_id):
    with session_scope(engine) as session:
        close_survey(session, survey_id=survey_id, author="planner")
    with pytest.raises(Conflict, match="已结束"):
        _answer(engine, survey_id, "蜀山区", 1, 2, 3)
    with session_scope(engine) as session:
        assert list_surveys(session, open_only=True) == []
        assert survey_view(session, survey_id=survey_id).status_label == "已结束"
        with pytest.raises(Conflict):
            close_survey(session, survey_id=survey_id, author="planner")


def _sheet(*rows: tuple[object, ...]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_third_party_sheet_is_imported_by_question_text_or_number(engine, survey_id):
    with session_scope(engine) as session:
        text = survey_view(session, survey_id=survey_id).questions[0].text
        data = _sheet(("区县", text, "2", "3", "意见"), ("蜀山区", 5, 4, 3, "好"),
                      ("肥西县", 4, None, 2.0, None), (None, None, None, None, None))  # fmt: skip
        stored = import_results(session, survey_id=survey_id, data=data, name="第三方.xlsx",
                                author="planner")  # fmt: skip
        results = survey_results(session, survey_id=survey_id, with_comments=True)
    assert stored == 2
    assert [r.count for r in results.by_question] == [2, 1, 2]
    assert [c.text for c in results.comments] == ["好"]


def test_a_bad_sheet_names_each_cell_and_writes_nothing(engine, survey_id, row_counts):
    before = row_counts()
    data = _sheet(("区县", "1", "2", "3"), ("蜀山区", 5, 4, 3), ("火星区", 9, "很好", 3))
    with session_scope(engine) as session, pytest.raises(InputProblem) as caught:
        import_results(session, survey_id=survey_id, data=data, name="坏.xlsx", author="p")
    message = str(caught.value)
    assert "坏.xlsx" in message and "未写入任何数据" in message
    assert "第 3 行“区县”列" in message and "第 3 行“1”列" in message and "第 3 行“2”列" in message
    assert row_counts() == before
    with session_scope(engine) as session, pytest.raises(InputProblem, match="区县"):
        import_results(session, survey_id=survey_id, data=_sheet(("1", "2"), (4, 4)),
                       name="x.xlsx", author="p")  # fmt: skip
    with session_scope(engine) as session, pytest.raises(InputProblem, match="无法读取"):
        import_results(session, survey_id=survey_id, data=b"not a workbook", name="x.xlsx",
                       author="p")  # fmt: skip
