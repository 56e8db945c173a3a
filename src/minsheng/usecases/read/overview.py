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


PAGE_SIZE = 60
"""Cards per overview page: a city's handful of plans fit on one; a province's or the
nation's thousands are paged, so a page costs what its cards cost."""


@dataclass(frozen=True)
class Overview:
    cards: list[PlanCard]
    page: int
    pages: int
    total: int


def overview(session: Session, *, page: int = 1, size: int = PAGE_SIZE) -> Overview:
    """One page of the current plans (references last) as cards; the page's plans are
    judged in one pass (all plans share one evaluation when they fit on one page)."""
    plans = current_plans(session)
    pages = max(1, -(-len(plans) // size))
    page = min(max(page, 1), pages)
    shown = plans[(page - 1) * size : page * size]
    ids = None if pages == 1 else [plan.id for plan in shown]
    judged = evaluate_plans(session, plan_ids=ids)
    return Overview([_card(plan, judged) for plan in shown], page, pages, len(plans))


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
