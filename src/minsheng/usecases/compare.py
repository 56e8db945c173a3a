"""One indicator concept across every stored plan, the national reference included."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from minsheng.errors import NotFound
from minsheng.evaluate import Evaluation
from minsheng.model.catalogue import CatalogueEntry
from minsheng.store.repositories import plan_parts, plans
from minsheng.store.tables import Indicator, Plan
from minsheng.usecases.catalogue import catalogue_for
from minsheng.usecases.read.evaluations import evaluate_plans


@dataclass(frozen=True)
class ComparisonRow:
    """The concept in one plan: the verdict names its indicator by id."""

    plan_id: int
    region: str
    is_reference: bool
    unit: str | None
    evaluation: Evaluation

    @property
    def indicator_id(self) -> int:
        return self.evaluation.indicator_id or 0


@dataclass(frozen=True)
class Comparison:
    concept: str
    entry: CatalogueEntry | None
    rows: list[ComparisonRow]


def compare_indicator(session: Session, *, name: str, year: int | None = None) -> Comparison:
    """Where each plan stands on the concept `name` names (by any wording in the catalogue),
    every current plan judged in one pass as of `year` (else each plan's default year)."""
    entry = catalogue_for(session).match(name)
    current = plans.current_plans(session)
    stored = plan_parts.indicators_of_plans(session, plan_ids=[p.id for p in current])
    wanted = {i.id: i for i in stored if _matches(i, name, entry)}
    judged = evaluate_plans(session, year=year)
    rows = [
        _row(plan, wanted[e.indicator_id], e)
        for plan in current
        for e in judged.plan(plan.id).own().values()
        if e.indicator_id in wanted
    ]
    if not rows:
        raise NotFound(f"no stored plan has an indicator matching {name!r}")
    return Comparison(entry.name if entry else name, entry, rows)


def _matches(indicator: Indicator, name: str, entry: CatalogueEntry | None) -> bool:
    return (entry is not None and indicator.catalogue_key == entry.key) or indicator.name == name


def _row(plan: Plan, indicator: Indicator, evaluation: Evaluation) -> ComparisonRow:
    return ComparisonRow(plan.id, plan.region.name, plan.is_reference, indicator.unit, evaluation)
