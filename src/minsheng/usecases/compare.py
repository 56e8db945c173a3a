"""One indicator concept across every stored plan, the national reference included."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from minsheng.errors import NotFound
from minsheng.evaluate import Evaluation
from minsheng.model.catalogue import CatalogueEntry
from minsheng.store.repositories import plan_parts, plans
from minsheng.store.tables import Plan
from minsheng.usecases.catalogue import catalogue_for
from minsheng.usecases.evaluate_plan import default_year, evaluate_plan


@dataclass(frozen=True)
class ComparisonRow:
    region: str
    is_reference: bool
    unit: str | None
    evaluation: Evaluation


@dataclass(frozen=True)
class Comparison:
    concept: str
    entry: CatalogueEntry | None
    rows: list[ComparisonRow]


def compare_indicator(session: Session, *, name: str, year: int | None = None) -> Comparison:
    """Where each plan stands on the concept `name` names (by any wording in the catalogue)."""
    entry = catalogue_for(session).match(name)
    rows = [
        row
        for plan in plans.current_plans(session)
        for row in _rows(session, plan, name, entry, year)
    ]
    if not rows:
        raise NotFound(f"no stored plan has an indicator matching {name!r}")
    return Comparison(entry.name if entry else name, entry, rows)


def _rows(
    session: Session, plan: Plan, name: str, entry: CatalogueEntry | None, year: int | None
) -> list[ComparisonRow]:
    result = evaluate_plan(session, region=plan.region.name, year=year or default_year(plan))
    stored = plan_parts.indicators_of(session, plan_id=plan.id)
    units = {indicator.name: indicator.unit for indicator in stored}
    wanted = {
        indicator.name
        for indicator in stored
        if (entry and indicator.catalogue_key == entry.key) or indicator.name == name
    }
    return [
        ComparisonRow(e.region, plan.is_reference, units.get(e.name), e)
        for e in result.evaluations
        if e.name in wanted and e.region == plan.region.name
    ]
