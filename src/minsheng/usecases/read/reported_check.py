"""A new plan's account of the previous period beside minsheng's own final evaluation.

A region's 十五五 plan prints how its 十四五 indicators ended (target, actual). minsheng
holds the region's 十四五 plan and judges it as of its final year; each reported row is
matched to that plan's indicator (same name, or the same catalogue concept) and every
disagreement is named (`evaluate.reported`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from minsheng.evaluate import Evaluation, IndicatorTarget
from minsheng.evaluate.reported import Disagreement, disagreements
from minsheng.model.catalogue import Catalogue, normalize_name
from minsheng.store.repositories import plans as plan_repository
from minsheng.usecases.catalogue import catalogue_for
from minsheng.usecases.read.evaluations import evaluate_plans
from minsheng.usecases.read.plans import PlanSummary, get_plan
from minsheng.usecases.read.previous_results import PreviousResultRow, previous_results

PERIOD_YEARS = 5


@dataclass(frozen=True)
class ReportedCheck:
    """One reported row, the reviewed plan's verdict on the same indicator (None when no
    indicator matched), and how the two differ."""

    reported: PreviousResultRow
    verdict: Evaluation | None
    disagreements: tuple[Disagreement, ...]


@dataclass(frozen=True)
class ReportedComparison:
    """The plan, the region's plan of the period it reviews (None when not stored), the
    final year judged, and each reported row checked."""

    plan: PlanSummary
    reviewed: PlanSummary | None
    year: int | None
    rows: list[ReportedCheck]

    @property
    def disagreeing(self) -> list[ReportedCheck]:
        return [row for row in self.rows if row.disagreements]


def compare_reported(session: Session, *, plan_id: int) -> ReportedComparison:
    """Check the plan's previous-plan table against minsheng's evaluation of that plan."""
    plan = get_plan(session, plan_id=plan_id)
    reported = previous_results(session, plans=[plan])
    reviewed = _reviewed_plan(session, plan)
    if reviewed is None:
        rows = [ReportedCheck(row, None, (Disagreement.UNMATCHED,)) for row in reported]
        return ReportedComparison(plan, None, None, rows)
    judged = evaluate_plans(session, plan_ids=[reviewed.id], year=reviewed.period_end)
    verdicts, matcher = judged.plan(reviewed.id).own(), _Matcher(catalogue_for(session))
    targets = judged.targets(reviewed.id)
    rows = [_check(row, matcher.find(row.name, targets), verdicts) for row in reported]
    return ReportedComparison(plan, reviewed, reviewed.period_end, rows)


def _reviewed_plan(session: Session, plan: PlanSummary) -> PlanSummary | None:
    """The region's current plan of the period before the plan's own."""
    if plan.period_start is None:
        return None
    found = plan_repository.current_plan_of_period(
        session, region_id=plan.region.id, period_start=plan.period_start - PERIOD_YEARS
    )
    return PlanSummary.of(found) if found is not None else None


def _check(
    row: PreviousResultRow, target: IndicatorTarget | None, verdicts: dict[int, Evaluation]
) -> ReportedCheck:
    verdict = verdicts.get(target.id or 0) if target is not None else None
    judged = (verdict.target, verdict.value, verdict.status) if verdict else None
    found = disagreements(row.target, row.actual, row.status, judged)
    return ReportedCheck(row, verdict, found)


@dataclass(frozen=True)
class _Matcher:
    """Finds a reported name among a plan's indicators: same name, or same concept."""

    catalogue: Catalogue

    def find(self, name: str, targets: list[IndicatorTarget]) -> IndicatorTarget | None:
        wanted = self._keys(name)
        return next((t for t in targets if self._keys(t.name) & wanted), None)

    def _keys(self, name: str) -> set[str]:
        entry = self.catalogue.match(name)
        return {normalize_name(name), *([f"catalogue:{entry.key}"] if entry else [])}
