"""Everything the plan page shows: indicators by domain with verdicts, the previous plan's
completion table, the columns and their key projects."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from minsheng.store.repositories import plan_parts
from minsheng.store.repositories.plan_lists import count_rows
from minsheng.store.tables import ServiceItem
from minsheng.usecases.read.evaluations import evaluate_plan, evaluation_year
from minsheng.usecases.read.indicators import plan_indicators
from minsheng.usecases.read.judged import (
    JudgedIndicator,
    data_date,
    grouped,
    judged_indicators,
    latest_values,
)
from minsheng.usecases.read.paging import Slice
from minsheng.usecases.read.period import EvaluationYear, Period, checked_as_of
from minsheng.usecases.read.plans import PlanSummary, get_plan
from minsheng.usecases.read.previous_results import PreviousResultRow, previous_results
from minsheng.usecases.read.projects import ColumnRow, ProjectRow, list_projects
from minsheng.usecases.read.reported_check import ReportedComparison, compare_reported


@dataclass(frozen=True)
class ColumnView:
    column: ColumnRow
    projects: list[ProjectRow]


@dataclass(frozen=True)
class PlanView:
    plan: PlanSummary
    period: EvaluationYear
    domains: list[tuple[str, list[JudgedIndicator]]]
    previous: list[PreviousResultRow]
    reported: ReportedComparison | None
    """The completion table checked against minsheng's evaluation of the reviewed plan,
    when that plan is stored."""
    columns: list[ColumnView]
    service_items: int
    data_date: date


def plan_view(
    session: Session, *, plan_id: int, year: int | None = None, as_of: date | None = None
) -> PlanView:
    """The plan page as of `year` (None: the newest year with approved data; outside the
    period: refused), its verdicts on the data approved by the end of `as_of` if given; a
    superseded version shows its table without verdicts."""
    plan = get_plan(session, plan_id=plan_id)
    period = Period.of(plan)
    period.check(year, plan.title or plan.region.name)
    evaluated = (
        evaluate_plan(session, plan_id=plan.id, year=year, as_of=checked_as_of(as_of))
        if plan.is_current
        else None
    )
    judged = evaluated.year if evaluated else year or evaluation_year(session, plan)
    # as of a day, only the verdicts' values: the values in force may be newer than it
    latest = None if as_of else latest_values(session, plan, judged)
    rows = judged_indicators(plan_indicators(session, plan_id=plan.id), evaluated, latest)
    return PlanView(
        plan=plan,
        period=EvaluationYear(judged, period, year is not None, as_of),
        domains=grouped(rows),
        previous=previous_results(session, plans=[plan]) if plan.is_current else [],
        reported=_reported(session, plan),
        columns=_columns(session, plan),
        service_items=count_rows(session, table=ServiceItem, plan_id=plan.id),
        data_date=data_date(session, plan),
    )


def _reported(session: Session, plan: PlanSummary) -> ReportedComparison | None:
    if not plan.is_current:
        return None
    found = compare_reported(session, plan_id=plan.id)
    return found if found.reviewed is not None and found.rows else None


def _columns(session: Session, plan: PlanSummary) -> list[ColumnView]:
    projects: dict[int, list[ProjectRow]] = defaultdict(list)
    for project in list_projects(session, plan_id=plan.id, window=Slice.everything()).items:
        projects[project.column_number].append(project)
    columns = plan_parts.columns_of(session, plan_id=plan.id)
    return [ColumnView(ColumnRow.of(c), projects[c.number]) for c in columns]
