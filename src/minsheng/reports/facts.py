"""Read models both reports share: the plan, its indicators with verdicts, its projects.

Pure data assembly over the use cases; rendering lives in the report classes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from minsheng.evaluate import Evaluation
from minsheng.evaluate.rollup import rollup_by_domain
from minsheng.reports import texts
from minsheng.usecases.read.evaluations import evaluate_plan
from minsheng.usecases.read.indicators import IndicatorRow, plan_indicators
from minsheng.usecases.read.paging import Slice
from minsheng.usecases.read.plans import get_plan
from minsheng.usecases.read.projects import ProjectRow, list_projects


@dataclass(frozen=True)
class PlanFacts:
    id: int
    region: str
    title: str
    base_year: int
    target_year: int
    start_year: int
    source_name: str
    issue_date: date | None


@dataclass(frozen=True)
class IndicatorLine:
    """A row of the plan's indicator table with its verdict in the plan's own region."""

    indicator: IndicatorRow
    evaluation: Evaluation


@dataclass(frozen=True)
class Evaluated:
    """The evaluation of a plan as of a year: every region's verdicts, the plan region's lines."""

    year: int
    lines: list[IndicatorLine]
    evaluations: list[Evaluation]

    def by_domain(self) -> dict[str, Counter[str]]:
        return {
            domain: Counter({str(status): n for status, n in counts.items()})
            for domain, counts in rollup_by_domain([line.evaluation for line in self.lines]).items()
        }


def plan_facts(session: Session, *, plan_id: int) -> PlanFacts:
    plan = get_plan(session, plan_id=plan_id)
    title = texts.DEFAULT_PLAN_TITLE.format(region=plan.region.name, period=plan.period_mark)
    return PlanFacts(
        id=plan.id,
        region=plan.region.name,
        title=plan.title or title,
        base_year=plan.base_year,
        target_year=plan.target_year,
        start_year=plan.base_year + 1,
        source_name=plan.source_name,
        issue_date=plan.issue_date,
    )


def evaluated(session: Session, facts: PlanFacts, year: int | None) -> Evaluated:
    """Verdicts as of `year` (the plan's default year when None), matched to the table rows."""
    result = evaluate_plan(session, plan_id=facts.id, year=year)
    own = result.own()
    lines = [IndicatorLine(i, own[i.id]) for i in plan_indicators(session, plan_id=facts.id)]
    return Evaluated(result.year, lines, result.evaluations)


def projects(session: Session, facts: PlanFacts) -> list[ProjectRow]:
    return list_projects(session, plan_id=facts.id, window=Slice.everything()).items
