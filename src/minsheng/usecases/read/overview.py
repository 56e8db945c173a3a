"""The overview: each current plan as a card of domain-by-domain status counts."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from minsheng.evaluate import Status, WarningLevel
from minsheng.evaluate.rollup import early_warnings
from minsheng.store.repositories.plan_lists import find_indicators
from minsheng.usecases.read.evaluations import default_year, evaluate_plans
from minsheng.usecases.read.indicators import IndicatorRow
from minsheng.usecases.read.judged import STATUS_ORDER, JudgedIndicator, grouped, judged_indicators
from minsheng.usecases.read.plans import PlanSummary, current_plans


@dataclass(frozen=True)
class DomainSummary:
    domain: str
    counts: list[tuple[Status, int]]
    warnings: int
    total: int


@dataclass(frozen=True)
class PlanCard:
    plan: PlanSummary
    year: int
    domains: list[DomainSummary]
    indicators: int
    red: int
    yellow: int


def plan_cards(session: Session) -> list[PlanCard]:
    """Every current plan (references last) with its domain-by-domain status counts, all
    judged in one pass."""
    plans = current_plans(session)
    judged = evaluate_plans(session)
    indicators = _indicators_by_plan(session)
    return [
        _card(plan, judged_indicators(indicators.get(plan.id, []), judged.plan(plan.id)))
        for plan in plans
    ]


def _indicators_by_plan(session: Session) -> dict[int, list[IndicatorRow]]:
    rows, _ = find_indicators(session, limit=None)
    found: dict[int, list[IndicatorRow]] = {}
    for indicator, region in rows:
        found.setdefault(indicator.plan_id, []).append(IndicatorRow.of(indicator, region))
    return found


def _card(plan: PlanSummary, rows: list[JudgedIndicator]) -> PlanCard:
    warned = early_warnings(row.evaluation for row in rows if row.evaluation is not None)
    return PlanCard(
        plan=plan,
        year=default_year(plan),
        domains=[_summary(domain, items) for domain, items in grouped(rows)],
        indicators=len(rows),
        red=sum(e.warning is WarningLevel.RED for e in warned),
        yellow=sum(e.warning is WarningLevel.YELLOW for e in warned),
    )


def _summary(domain: str, rows: list[JudgedIndicator]) -> DomainSummary:
    statuses = [row.status for row in rows]
    counts = [(s, statuses.count(s)) for s in STATUS_ORDER if s in statuses]
    return DomainSummary(domain, counts, sum(row.warned for row in rows), len(rows))
