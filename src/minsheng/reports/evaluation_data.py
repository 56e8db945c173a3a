"""What the evaluation report says, assembled from the use cases (rendering lives in
`evaluation.py` and its section modules)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from minsheng.evaluate import Evaluation
from minsheng.evaluate.rollup import early_warnings
from minsheng.reports import texts
from minsheng.reports.equalization_section import EqualizationSummary, summarise
from minsheng.reports.facilities_section import FacilitySummary
from minsheng.reports.facilities_section import summarise as summarise_facilities
from minsheng.reports.facts import Evaluated, PlanFacts, evaluated, plan_facts, projects
from minsheng.usecases.clock import beijing_now, beijing_today
from minsheng.usecases.problems import PlanProblems, plan_problems
from minsheng.usecases.read.indicator_metadata import plan_metadata
from minsheng.usecases.read.observations import list_observations
from minsheng.usecases.read.paging import Slice
from minsheng.usecases.read.period import EvaluationKind, Period
from minsheng.usecases.read.plans import get_plan
from minsheng.usecases.read.previous_results import PreviousResultRow, previous_results
from minsheng.usecases.read.projects import ProjectRow

UNJUDGED = ("no_data", "not_evaluable")


@dataclass(frozen=True)
class EvaluationData:
    """Everything the evaluation report says, assembled from the use cases."""

    facts: PlanFacts
    evaluated: Evaluated
    previous: list[PreviousResultRow]
    projects: list[ProjectRow]
    observation_sources: Counter[str]
    generated_at: datetime
    equalization: EqualizationSummary
    facilities: FacilitySummary
    departments: dict[int, str]  # indicator id → 责任单位, where one is known
    problems: PlanProblems
    today: date  # Beijing: the day the problem ledger is read

    @property
    def kind(self) -> EvaluationKind:
        """Mid-term (the period's middle year, 2023), final (its last) or annual."""
        period = Period(self.facts.start_year, self.facts.target_year)
        return period.kind(self.evaluated.year)

    @property
    def title(self) -> str:
        year, plan = self.evaluated.year, self.facts.title
        return texts.EVALUATION_TITLE[self.kind].format(plan=plan, year=year)

    @property
    def judged_as(self) -> str:
        """ "评估年份2023年（中期评估，规划期2021—2025年）": the title's year named."""
        facts = self.facts
        return texts.JUDGED_AS.format(
            year=self.evaluated.year,
            kind=texts.EVALUATION_KIND[self.kind],
            start=facts.start_year,
            end=facts.target_year,
        )

    @property
    def units(self) -> dict[int, str]:
        return {line.indicator.id: line.indicator.unit or "" for line in self.evaluated.lines}

    @property
    def warned(self) -> list[Evaluation]:
        """Warned verdicts in every region, red first."""
        return early_warnings(self.evaluated.evaluations)

    @property
    def unjudged(self) -> int:
        """The plan's own indicators that could not be judged (no data, not evaluable)."""
        return sum(str(line.evaluation.status) in UNJUDGED for line in self.evaluated.lines)

    def department(self, indicator_id: int | None) -> str:
        return self.departments.get(indicator_id or 0) or texts.NO_DEPARTMENT


def assemble(session: Session, *, plan_id: int, year: int | None) -> EvaluationData:
    facts = plan_facts(session, plan_id=plan_id)
    judged = evaluated(session, facts, year)
    region_id = get_plan(session, plan_id=facts.id).region.id
    today = beijing_today()
    return EvaluationData(
        facts=facts,
        evaluated=judged,
        previous=previous_results(session, plans=[get_plan(session, plan_id=facts.id)]),
        projects=projects(session, facts),
        observation_sources=_sources(session, facts, judged.year),
        generated_at=beijing_now(),
        equalization=summarise(session, plan_id=facts.id, region_id=region_id, year=judged.year),
        facilities=summarise_facilities(session, plan_id=facts.id, year=judged.year),
        departments=_departments(session, facts.id),
        problems=plan_problems(session, plan_id=facts.id, today=today),
        today=today,
    )


def _sources(session: Session, facts: PlanFacts, year: int) -> Counter[str]:
    """Where the approved values after the base year came from, counted."""
    observations = list_observations(session, plan_id=facts.id, window=Slice.everything()).items
    return Counter(o.source for o in observations if facts.base_year < o.year <= year)


def _departments(session: Session, plan_id: int) -> dict[int, str]:
    """Each indicator's 责任单位: a planner's entry, else the reporting assignments."""
    views = plan_metadata(session, plan_id=plan_id)
    return {view.indicator_id: value for view in views if (value := view.value("department"))}
