"""One indicator concept across every stored plan, the national reference included."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from minsheng.errors import NotFound
from minsheng.evaluate import Evaluation
from minsheng.evaluate.table import IntArray
from minsheng.model.catalogue import CatalogueEntry
from minsheng.store.repositories import plan_parts
from minsheng.usecases.catalogue import catalogue_for
from minsheng.usecases.read.evaluations import EvaluatedPlans, evaluate_plans
from minsheng.usecases.read.period import Period
from minsheng.usecases.read.plans import PlanSummary, current_plans


@dataclass(frozen=True)
class ComparisonRow:
    """The concept in one plan: the verdict names its indicator by id."""

    plan: PlanSummary
    unit: str | None
    evaluation: Evaluation

    @property
    def plan_id(self) -> int:
        return self.plan.id

    @property
    def region(self) -> str:
        return self.plan.region.name

    @property
    def is_reference(self) -> bool:
        return self.plan.is_reference

    @property
    def indicator_id(self) -> int:
        return self.evaluation.indicator_id or 0

    @property
    def page_year(self) -> int:
        """The year judged, kept inside the plan's period (its pages refuse others)."""
        return Period.of(self.plan).clamp(self.evaluation.judged_year)


@dataclass(frozen=True)
class Comparison:
    concept: str
    entry: CatalogueEntry | None
    rows: list[ComparisonRow]


@dataclass(frozen=True)
class Matches:
    """Where the concept stands, before any verdict is built: the pass that judged every
    current plan, its rows of the concept's indicators in their plans' own regions (plan by
    plan), and each indicator's unit."""

    concept: str
    entry: CatalogueEntry | None
    judged: EvaluatedPlans
    rows: IntArray
    units: dict[int, str | None]

    def comparison(self, session: Session, rows: Sequence[int]) -> list[ComparisonRow]:
        """The verdicts of `rows` (some of `self.rows`), built now, each with its plan."""
        plans = {plan.id: plan for plan in current_plans(session)}
        plan_ids = self.judged.plan_ids
        return [
            ComparisonRow(plans[int(plan_ids[k])], self.units.get(e.indicator_id or 0), e)
            for k, e in zip(rows, self.judged.evaluations(rows), strict=True)
        ]


def matches(session: Session, *, name: str, year: int | None = None) -> Matches:
    """The concept `name` names (by any wording in the catalogue) in every current plan,
    all judged in one pass as of `year` (else each plan's default year); the indicators
    are found by one query and only their rows are picked from the pass's arrays."""
    entry = catalogue_for(session).match(name)
    key = entry.key if entry else None
    units = dict(plan_parts.indicators_named(session, name=name, catalogue_key=key))
    judged = evaluate_plans(session, year=year)
    rows = judged.own_rows(units)
    if not len(rows):
        raise NotFound(f"no stored plan has an indicator matching {name!r}")
    return Matches(entry.name if entry else name, entry, judged, rows, units)


def compare_indicator(session: Session, *, name: str, year: int | None = None) -> Comparison:
    """Where each plan stands on the concept `name` names, plan by plan."""
    found = matches(session, name=name, year=year)
    rows = found.comparison(session, found.rows.tolist())
    return Comparison(found.concept, found.entry, rows)
