"""Searching the standards catalogue: service items by domain, ranked and highlighted.

Search runs in Python over the selected plans' items (a few hundred rows), so it behaves the
same on SQLite and PostgreSQL. A query is split on whitespace into terms that must all
match (AND). A term matches a text when it occurs in it, or — for terms of three or more
characters, where Chinese has no spaces to split words on — when at least half of the
term's consecutive character pairs (bigrams) occur in it, so 婴幼儿托育服务 still finds
婴幼儿照护服务. Full-width and half-width forms are folded before matching.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from minsheng.errors import NotFound
from minsheng.model.plan import DOMAINS
from minsheng.store.repositories import service_items
from minsheng.usecases.read.plans import PlanSummary, current_plans
from minsheng.usecases.read.service_items import ServiceItemRow
from minsheng.usecases.standards.delivery import undelivered_item_ids

FIELDS = ("beneficiaries", "content", "standard", "funding", "lead_department")
"""The five fields every service item's standard states, in the plans' order."""

DOMAIN_WORDS: dict[str, tuple[str, ...]] = {
    "幼有所育": ("托育", "育儿", "婴幼儿照护"),
    "学有所教": ("教育",),
    "劳有所得": ("就业", "社会保险"),
    "病有所医": ("医疗", "卫生"),
    "老有所养": ("养老",),
    "住有所居": ("住房", "安居"),
    "弱有所扶": ("社会救助", "扶弱"),
    "优军服务保障": ("优抚", "退役军人", "拥军"),
    "文体服务保障": ("文化", "体育"),
}
"""Everyday words for each domain: 托育 finds the 幼有所育 items even when no item's name
says 托育. Such domain-only hits rank below items whose own text matches."""
DOMAIN_HIT_WEIGHT = 0.5


# --- matching ---------------------------------------------------------------------------


def fold(text: str) -> str:
    """Full-width letters and digits to half width, lower case: what search compares."""
    return unicodedata.normalize("NFKC", text).casefold()


def search_terms(query: str) -> list[str]:
    """The query's space-separated terms (full-width spaces too), folded, without repeats."""
    return list(dict.fromkeys(fold(query).split()))


def _bigrams(term: str) -> set[str]:
    return {term[i : i + 2] for i in range(len(term) - 1)}


def term_score(term: str, text: str) -> float:
    """1 when `term` occurs in `text`; the share of its bigrams found when at least half; 0."""
    if term in text:
        return 1.0
    pairs = _bigrams(term)
    if len(term) < 3 or not pairs:
        return 0.0
    share = sum(pair in text for pair in pairs) / len(pairs)
    return share if share >= 0.5 else 0.0


def score(terms: Sequence[str], texts: Iterable[str | None]) -> float:
    """Every term must match some text (AND); the score is the mean of the best matches."""
    folded = [fold(text) for text in texts if text]
    best = [max((term_score(term, text) for text in folded), default=0.0) for term in terms]
    return sum(best) / len(best) if best and all(best) else 0.0


@dataclass(frozen=True)
class Segment:
    """A piece of displayed text; `hit` pieces are shown highlighted (the template escapes)."""

    text: str
    hit: bool


def highlight(text: str | None, terms: Sequence[str]) -> list[Segment]:
    """`text` cut into pieces, the parts matching a term or one of its bigrams marked."""
    if not text:
        return []
    folded = fold(text)
    if len(folded) != len(text):  # folding changed the length: mark nothing rather than misplace
        return [Segment(text, False)]
    marked = [False] * len(text)
    for needle in _needles(terms):
        start = folded.find(needle)
        while start >= 0:
            marked[start : start + len(needle)] = [True] * len(needle)
            start = folded.find(needle, start + 1)
    return _segments(text, marked)


def _needles(terms: Sequence[str]) -> set[str]:
    found = set(terms)
    for term in terms:
        if len(term) >= 3:
            found |= _bigrams(term)
    return found


def _segments(text: str, marked: list[bool]) -> list[Segment]:
    pieces: list[Segment] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or marked[i] != marked[start]:
            pieces.append(Segment(text[start:i], marked[start]))
            start = i
    return pieces


# --- the catalogue ------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    item: ServiceItemRow
    plan: PlanSummary
    score: float
    filled: dict[str, bool]
    by_domain: bool = False  # matched only through its domain's words
    undelivered: bool = False  # a delivery indicator's latest value is below its level


@dataclass
class Catalogue:
    """The selected plans' items grouped by domain (in the plans' order), best matches first."""

    plans: list[PlanSummary]
    selected: list[PlanSummary]
    terms: list[str]
    groups: dict[str, list[Hit]] = field(default_factory=dict)
    undelivered_only: bool = False

    @property
    def count(self) -> int:
        return sum(len(hits) for hits in self.groups.values())


def plans_with_items(session: Session) -> list[PlanSummary]:
    """Current plans that list service items (the national reference has none)."""
    listed = service_items.plan_ids_with_items(session)
    return [plan for plan in current_plans(session) if plan.id in listed]


def catalogue(
    session: Session,
    *,
    plan_id: int | None = None,
    query: str = "",
    undelivered_only: bool = False,
) -> Catalogue:
    """Service items of every current plan, or of plan `plan_id`, matching `query`; with
    `undelivered_only`, only those whose standard is not delivered (未达标准)."""
    available = plans_with_items(session)
    selected = [p for p in available if plan_id is None or p.id == plan_id]
    if plan_id is not None and not selected:
        raise NotFound(f"编号为 {plan_id} 的规划不是列有服务项目的现行规划")
    terms = search_terms(query)
    result = Catalogue(available, selected, terms, undelivered_only=undelivered_only)
    by_id = {plan.id: plan for plan in selected}
    short = undelivered_item_ids(session)
    for stored in service_items.items_of_plans(session, plan_ids=by_id):
        if undelivered_only and stored.id not in short:
            continue
        item = ServiceItemRow.of(stored, by_id[stored.plan_id].region.name)
        found, by_domain = _item_score(item, terms)
        if found:
            hit = Hit(item, by_id[item.plan_id], found, _filled(item), by_domain, item.id in short)
            result.groups.setdefault(item.domain, []).append(hit)
    result.groups = _ordered(result.groups, ranked=bool(terms))
    return result


def _item_score(item: ServiceItemRow, terms: list[str]) -> tuple[float, bool]:
    """The item's own text first; failing that, with its domain's name and words, weighed less."""
    if not terms:
        return 1.0, False
    own = [item.name, *(getattr(item, name) for name in FIELDS)]
    direct = score(terms, own)
    if direct:
        return direct, False
    widened = score(terms, [*own, item.domain, *DOMAIN_WORDS.get(item.domain, ())])
    return DOMAIN_HIT_WEIGHT * widened, bool(widened)


def _filled(item: ServiceItemRow) -> dict[str, bool]:
    return {name: bool((getattr(item, name) or "").strip()) for name in FIELDS}


def _ordered(groups: dict[str, list[Hit]], *, ranked: bool) -> dict[str, list[Hit]]:
    order = {domain: i for i, domain in enumerate(DOMAINS)}
    keys = sorted(groups, key=lambda domain: (order.get(domain, len(order)), domain))
    if ranked:
        return {key: sorted(groups[key], key=lambda hit: -hit.score) for key in keys}
    return {key: groups[key] for key in keys}
