"""The overview: each current plan as a card of domain-by-domain status counts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from minsheng.evaluate import Evaluation, Status, WarningLevel
from minsheng.evaluate.rollup import early_warnings
from minsheng.model.plan import DOMAINS, period_name
from minsheng.usecases.read.evaluations import EvaluatedPlans, evaluate_plans, overview_year
from minsheng.usecases.read.judged import STATUS_ORDER
from minsheng.usecases.read.paging import Numbered
from minsheng.usecases.read.period import EvaluationKind, EvaluationYear, Period, checked_as_of
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
    """The year the card judges: the overview's, kept inside the plan's period."""
    kind: EvaluationKind
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
    period: EvaluationYear
    period_names: list[str]
    """The named periods of the current plans but the references, earliest first (十四五,
    十五五): what the page's title says it covers."""


def overview(
    session: Session,
    *,
    page: int = 1,
    size: int = PAGE_SIZE,
    year: int | None = None,
    as_of: date | None = None,
) -> Overview:
    """One page of the current plans (references last) as cards, judged as of `year`
    (None: the newest year with approved data in any plan; a year outside every plan's
    period is refused); the page's plans are judged in one pass."""
    plans = current_plans(session)
    period = Period.spanning(plans)
    chosen = period.check(year, "the current plans") or overview_year(session, plans)
    numbered = Numbered.of(page, len(plans), size)
    shown = numbered.window.of(plans)
    every = numbered.pages == 1
    cards = _cards(session, shown, chosen, every=every, as_of=checked_as_of(as_of))
    chosen_year = EvaluationYear(chosen, period, bool(year), as_of)
    names = period_names(p.period_start for p in plans if not p.is_reference)
    return Overview(cards, numbered.page, numbered.pages, len(plans), chosen_year, names)


def period_names(starts: Iterable[int | None]) -> list[str]:
    """The names of the periods starting in `starts`, each once, earliest first."""
    names = (period_name(start) for start in sorted({s for s in starts if s is not None}))
    return [name for name in dict.fromkeys(names) if name is not None]


def _cards(
    session: Session,
    shown: list[PlanSummary],
    year: int,
    every: bool,
    *,
    as_of: date | None = None,
) -> list[PlanCard]:
    """The plans judged as of `year`, each kept inside its own period (a 十五五 plan beside
    十四五 ones is judged as of its first year): one pass per distinct year, usually one
    (`every`: the plans shown are every current plan, which shares the cache)."""
    groups: dict[int, list[PlanSummary]] = {}
    for plan in shown:
        groups.setdefault(Period.of(plan).clamp(year), []).append(plan)
    cards: dict[int, PlanCard] = {}
    for judged_year, members in groups.items():
        ids = None if every and len(groups) == 1 else [plan.id for plan in members]
        judged = evaluate_plans(session, plan_ids=ids, year=judged_year, as_of=as_of)
        cards |= {plan.id: _card(plan, judged) for plan in members}
    return [cards[plan.id] for plan in shown]


def _card(plan: PlanSummary, judged: EvaluatedPlans) -> PlanCard:
    evaluated = judged.plan(plan.id)
    own = evaluated.own()
    rows = [(target.domain or "", own.get(target.id or 0)) for target in judged.targets(plan.id)]
    warned = early_warnings(e for _, e in rows if e is not None)
    return PlanCard(
        plan=plan,
        year=evaluated.year,
        kind=Period.of(plan).kind(evaluated.year),
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
