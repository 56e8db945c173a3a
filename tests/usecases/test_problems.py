"""The rectification ledger on SQLite and PostgreSQL: a problem opened from a warning
(prefilled with its indicator, region, year and reporting department), progress by the
owner department only, closing only on evidence, overdue from the Beijing deadline, the
counts, the history in the audit log, and bad input named by field with nothing written."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from tests.usecases.rounds_setup import Setup

from minsheng.errors import Conflict, InputProblem
from minsheng.store import session_scope
from minsheng.store.repositories import plan_parts, regions
from minsheng.usecases.clock import beijing_today
from minsheng.usecases.problems import (
    Evidence,
    NotAllowed,
    ProblemDraft,
    ProblemQuery,
    close_problem,
    evidence_document,
    open_problem,
    plan_problems,
    prefilled,
    problem_history,
    problem_ledger,
    problem_view,
    report_progress,
)
from minsheng.usecases.users import Account

PLANNER = Account(0, "planner", "planner", None)
TODAY = beijing_today()


@pytest.fixture
def database_url(round_database):
    """Every test here starts from the round set-up (a copy of a template database)."""
    return round_database[0]


@pytest.fixture
def setup(round_database, engine) -> Setup:
    return round_database[1]


def _draft(session, setup: Setup, **changes) -> ProblemDraft:
    first = plan_parts.indicators_of(session, plan_id=setup.plan_id)[0]
    city = regions.find_by_name(session, name="合肥市")[0]
    draft = prefilled(session, indicator_id=first.id, region_id=city.id, year=2025, kind="red")
    fields: dict[str, Any] = {
        "measures": "增加财政投入，年底前补齐缺口",
        "deadline": TODAY + timedelta(30),
    }
    return replace(draft, **(fields | changes))


def test_a_warning_prefills_the_problem_with_its_source_and_department(engine, setup):
    with session_scope(engine) as session:
        draft = _draft(session, setup)
    assert draft.plan_id == setup.plan_id and draft.kind == "red" and draft.year == 2025
    assert draft.title == f"{setup.indicators[0]}（合肥市，2025年）红色预警"
    assert draft.department == "市卫健委"  # it reports that indicator for every region


def test_open_report_and_close_with_evidence(engine, setup):
    with session_scope(engine) as session:
        problem_id = open_problem(session, _draft(session, setup), author="planner").id
    with session_scope(engine) as session:
        report_progress(session, problem_id=problem_id, account=setup.health,
                        text="已下达专项资金", value=3.5)  # fmt: skip
        assert problem_view(session, problem_id=problem_id).state == "in_progress"
    with session_scope(engine) as session:
        evidence = Evidence("年度监测值已达标", value=4.2, file_name="验收.txt",
                            media_type="text/plain", content="验收报告".encode())  # fmt: skip
        close_problem(session, problem_id=problem_id, account=PLANNER, evidence=evidence)
    with session_scope(engine) as session:
        view = problem_view(session, problem_id=problem_id)
        history = problem_history(session, problem_id=problem_id)
        document = evidence_document(session, problem_id=problem_id)
    assert view.state == "closed" and view.evidence_value == 4.2
    assert view.department == "市卫健委" and view.source == f"{setup.indicators[0]}，合肥市，2025年"
    assert [(p.text, p.value, p.author) for p in view.progress] == [("已下达专项资金", 3.5, "wjw")]
    assert [h.action for h in history] == ["open", "progress", "close"]
    assert history[2].detail["note"] == "年度监测值已达标"
    assert document == ("验收.txt", "text/plain", "验收报告".encode())


def test_only_the_owner_department_reports_and_only_planners_close(engine, setup):
    with session_scope(engine) as session:
        problem_id = open_problem(session, _draft(session, setup), author="planner").id
    with session_scope(engine) as session, pytest.raises(NotAllowed):
        report_progress(session, problem_id=problem_id, account=setup.education, text="x")
    with session_scope(engine) as session, pytest.raises(NotAllowed):
        close_problem(session, problem_id=problem_id, account=setup.health,
                      evidence=Evidence("done", value=1.0))  # fmt: skip
    with session_scope(engine) as session:
        assert problem_history(session, problem_id=problem_id)[-1].action == "open"


def test_closing_needs_evidence_and_happens_once(engine, setup):
    with session_scope(engine) as session:
        problem_id = open_problem(session, _draft(session, setup), author="planner").id
    with session_scope(engine) as session, pytest.raises(InputProblem) as refused:
        close_problem(session, problem_id=problem_id, account=PLANNER, evidence=Evidence("已整改"))
    assert refused.value.field == "evidence"
    with session_scope(engine) as session:
        close_problem(session, problem_id=problem_id, account=PLANNER,
                      evidence=Evidence("已整改", value=1.0))  # fmt: skip
    with session_scope(engine) as session, pytest.raises(Conflict):
        report_progress(session, problem_id=problem_id, account=setup.health, text="再报")


def test_overdue_from_the_deadline_and_the_counts(engine, setup):
    with session_scope(engine) as session:
        late = open_problem(session, _draft(session, setup, deadline=TODAY - timedelta(1)),
                            author="planner").id  # fmt: skip
        on_time = open_problem(session, _draft(session, setup, deadline=TODAY), author="p").id
        done = open_problem(session, _draft(session, setup, deadline=date(2020, 1, 1)),
                            author="planner").id  # fmt: skip
        close_problem(session, problem_id=done, account=PLANNER, evidence=Evidence("ok", 1.0))
    with session_scope(engine) as session:
        ledger = problem_ledger(session, ProblemQuery(TODAY))
        overdue = problem_ledger(session, ProblemQuery(TODAY, status="overdue"))
        by_plan = plan_problems(session, plan_id=setup.plan_id)
    assert ledger.counts == {"open": 2, "overdue": 1, "closed": 1} and ledger.total == 3
    assert [p.id for p in overdue.problems] == [late] and overdue.problems[0].overdue
    assert [p.id for p in by_plan.overdue] == [late]
    assert [p.id for p in by_plan.open] == [on_time] and [p.id for p in by_plan.closed] == [done]


@pytest.mark.parametrize(
    ("change", "field"),
    [({"title": " "}, "title"), ({"kind": "blue"}, "kind"), ({"department": "无"}, "department"),
     ({"measures": ""}, "measures"), ({"deadline": None}, "deadline"),
     ({"indicator_id": None, "plan_id": None}, "plan")],
)  # fmt: skip
def test_bad_input_is_named_and_nothing_is_written(engine, setup, row_counts, change, field):
    before = row_counts()
    with session_scope(engine) as session, pytest.raises(InputProblem) as refused:
        open_problem(session, _draft(session, setup, **change), author="planner")
    assert refused.value.field == field
    assert row_counts() == before
