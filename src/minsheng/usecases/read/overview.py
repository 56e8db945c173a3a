"""The overview: each current plan as a card of domain-by-domain status counts."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from minsheng.evaluate import Evaluation, Status, WarningLevel
from minsheng.evaluate.rollup import early_warnings
from minsheng.model.plan import DOMAINS
from minsheng.usecases.read.evaluations import EvaluatedPlans, default_year, evaluate_plans
from minsheng.usecases.read.judged import STATUS_ORDER
from minsheng.usecases.read.plans import PlanSummary, current_plans

Verdict = tuple[str, Evaluation | None]
"""(domain, the verdict in the plan's own region or None) of one indicator."""


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
    judged in one pass; the evaluator's targets name each indicator's domain."""
    judged = evaluate_plans(session)
    return [_card(plan, judged) for plan in current_plans(session)]


def _card(plan: PlanSummary, judged: EvaluatedPlans) -> PlanCard:
    own = judged.plan(plan.id).own()
    rows = [(target.domain or "", own.get(target.id or 0)) for target in judged.targets(plan.id)]
    warned = early_warnings(e for _, e in rows if e is not None)
    return PlanCard(
        plan=plan,
        year=default_year(plan),
        domains=[_summary(domain, items) for domain, items in _by_domain(rows)],
        indicators=len(rows),
        red=sum(e.warning is WarningLevel.RED for e in warned),
        yellow=sum(e.warning is WarningLevel.YELLOW for e in warned),
    )


def _by_domain(rows: list[Verdict]) -> list[tuple[str, list[Verdict]]]:
    """The nine domains in order (empty ones too), then any other category the plan uses."""
    groups: dict[str, list[Verdict]] = {domain: [] for domain in DOMAINS}
    for row in rows:
        groups.setdefault(row[0], []).append(row)
    return list(groups.items())


def _summary(domain: str, rows: list[Verdict]) -> DomainSummary:
    statuses = [e.status if e else Status.NO_DATA for _, e in rows]
    counts = [(s, statuses.count(s)) for s in STATUS_ORDER if s in statuses]
    warned = sum(e is not None and e.warning is not WarningLevel.NONE for _, e in rows)
    return DomainSummary(domain, counts, warned, len(rows))
