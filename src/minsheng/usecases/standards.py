"""The standards catalogue: service items by domain, searched, edited with history, compared.

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

from sqlalchemy import select
from sqlalchemy.orm import Session

from minsheng.errors import InputProblem, NotFound
from minsheng.model.plan import DOMAINS
from minsheng.store.repositories import audit, plans
from minsheng.store.tables import Plan, ServiceItem, ServiceItemRevision

FIELDS = ("beneficiaries", "content", "standard", "funding", "lead_department")
"""The five fields every service item's standard states, in the plans' order."""

MAX_FIELD_LENGTH = 4000
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
QUALIFIER_PREFIXES = ("按国家政策落实", "农村", "城镇", "城乡")
"""Qualifiers a list may put before an item's name; see `_loose_key`."""


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
    item: ServiceItem
    plan: Plan
    score: float
    filled: dict[str, bool]
    by_domain: bool = False  # matched only through its domain's words


@dataclass
class Catalogue:
    """The selected plans' items grouped by domain (in the plans' order), best matches first."""

    plans: list[Plan]
    selected: list[Plan]
    terms: list[str]
    groups: dict[str, list[Hit]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(len(hits) for hits in self.groups.values())


def plans_with_items(session: Session) -> list[Plan]:
    """Current plans that list service items (the national reference has none)."""
    listed = set(session.scalars(select(ServiceItem.plan_id).distinct()))
    return [plan for plan in plans.current_plans(session) if plan.id in listed]


def catalogue(session: Session, *, plan_id: int | None = None, query: str = "") -> Catalogue:
    """Service items of every current plan, or of plan `plan_id`, matching `query`."""
    available = plans_with_items(session)
    selected = [p for p in available if plan_id is None or p.id == plan_id]
    if plan_id is not None and not selected:
        raise NotFound(f"no current plan {plan_id} with service items")
    terms = search_terms(query)
    result = Catalogue(available, selected, terms)
    by_id = {plan.id: plan for plan in selected}
    rows = session.scalars(
        select(ServiceItem)
        .where(ServiceItem.plan_id.in_(by_id))
        .order_by(ServiceItem.plan_id, ServiceItem.position)
    )
    for item in rows:
        found, by_domain = _item_score(item, terms)
        if found:
            hit = Hit(item, by_id[item.plan_id], found, _filled(item), by_domain)
            result.groups.setdefault(item.domain, []).append(hit)
    result.groups = _ordered(result.groups, ranked=bool(terms))
    return result


def _item_score(item: ServiceItem, terms: list[str]) -> tuple[float, bool]:
    """The item's own text first; failing that, with its domain's name and words, weighed less."""
    if not terms:
        return 1.0, False
    own = [item.name, *(getattr(item, name) for name in FIELDS)]
    direct = score(terms, own)
    if direct:
        return direct, False
    widened = score(terms, [*own, item.domain, *DOMAIN_WORDS.get(item.domain, ())])
    return DOMAIN_HIT_WEIGHT * widened, bool(widened)


def _filled(item: ServiceItem) -> dict[str, bool]:
    return {name: bool((getattr(item, name) or "").strip()) for name in FIELDS}


def _ordered(groups: dict[str, list[Hit]], *, ranked: bool) -> dict[str, list[Hit]]:
    order = {domain: i for i, domain in enumerate(DOMAINS)}
    keys = sorted(groups, key=lambda domain: (order.get(domain, len(order)), domain))
    if ranked:
        return {key: sorted(groups[key], key=lambda hit: -hit.score) for key in keys}
    return {key: groups[key] for key in keys}


# --- one item, its edits and history ----------------------------------------------------


@dataclass(frozen=True)
class Change:
    field: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class HistoryEntry:
    revision: ServiceItemRevision
    changes: list[Change]


@dataclass(frozen=True)
class ItemDetail:
    item: ServiceItem
    plan: Plan
    history: list[HistoryEntry]  # newest first


def item_detail(session: Session, *, item_id: int) -> ItemDetail:
    """The item, its plan and region, and every edit with what it changed."""
    item = session.get(ServiceItem, item_id)
    if item is None:
        raise NotFound(f"no service item {item_id}")
    plan = session.get_one(Plan, item.plan_id)
    return ItemDetail(item, plan, _history(session, item_id))


def _history(session: Session, item_id: int) -> list[HistoryEntry]:
    """Each revision against the one before; the first against the imported (empty) fields."""
    revisions = session.scalars(
        select(ServiceItemRevision)
        .where(ServiceItemRevision.service_item_id == item_id)
        .order_by(ServiceItemRevision.id)
    )
    entries, before = [], dict.fromkeys(FIELDS)
    for revision in revisions:
        after = {name: getattr(revision, name) for name in FIELDS}
        changes = [Change(n, before[n], after[n]) for n in FIELDS if before[n] != after[n]]
        entries.append(HistoryEntry(revision, changes))
        before = after
    return entries[::-1]


def edit_item(
    session: Session, *, item_id: int, fields: dict[str, str | None], author: str
) -> ServiceItemRevision | None:
    """Set the five fields (blank means empty), keeping a revision; None when nothing changed."""
    item = session.get(ServiceItem, item_id)
    if item is None:
        raise NotFound(f"no service item {item_id}")
    new = {name: _clean(name, fields.get(name)) for name in FIELDS}
    old = {name: getattr(item, name) for name in FIELDS}
    if new == old:
        return None
    revision = ServiceItemRevision(service_item_id=item.id, author=author, **new)
    session.add(revision)
    for name, value in new.items():
        setattr(item, name, value)
    session.flush()
    changed = {
        name: {"before": old[name], "after": new[name]} for name in FIELDS if old[name] != new[name]
    }
    audit.record(
        session,
        username=author,
        action="edit",
        entity="service_item",
        entity_id=item.id,
        detail={"revision": revision.id, "changed": changed},
    )
    return revision


def _clean(name: str, value: str | None) -> str | None:
    text = (value or "").strip()
    if len(text) > MAX_FIELD_LENGTH:
        raise InputProblem(f"at most {MAX_FIELD_LENGTH} characters", field=name)
    return text or None


# --- comparing lists ----------------------------------------------------------------------


def name_key(name: str) -> str:
    """Names equal up to width, case, whitespace and punctuation share a key."""
    return "".join(ch for ch in fold(name) if unicodedata.category(ch)[0] in "LN")


def _loose_key(key: str) -> str:
    """The key without one leading qualifier (农村, 城镇 …), used only for names left unmatched.

    Conservative on purpose: a plan's 农村免费孕前优生健康检查 and another's
    免费孕前优生健康检查 land in one row, each cell keeping its own wording so the narrower
    scope stays visible; nothing else is fuzzy-matched.
    """
    for prefix in QUALIFIER_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix) + 1:
            return key[len(prefix) :]
    return key


@dataclass
class CompareRow:
    key: str
    cells: list[ServiceItem | None]

    @property
    def missing(self) -> bool:
        """Some compared plan lacks this item."""
        return any(cell is None for cell in self.cells)


@dataclass
class DomainComparison:
    domain: str
    rows: list[CompareRow]

    @property
    def counts(self) -> list[int]:
        width = len(self.rows[0].cells) if self.rows else 0
        return [sum(row.cells[i] is not None for row in self.rows) for i in range(width)]


@dataclass(frozen=True)
class ListComparison:
    plans: list[Plan]
    domains: list[DomainComparison]

    @property
    def totals(self) -> list[int]:
        """Items per plan over every domain."""
        return [sum(block.counts[i] for block in self.domains) for i in range(len(self.plans))]


def compare_lists(session: Session, *, plan_ids: Sequence[int]) -> ListComparison:
    """Two or more plans' service lists side by side, by domain, rows matched by name."""
    ids = list(dict.fromkeys(plan_ids))
    if len(ids) < 2:
        raise InputProblem("choose at least two plans to compare", field="plan")
    chosen = [session.get(Plan, plan_id) for plan_id in ids]
    if any(plan is None for plan in chosen):
        raise NotFound("no such plan")
    compared = [plan for plan in chosen if plan is not None]
    items = _items_by_plan(session, ids)
    domains = [d for d in DOMAINS if any(i.domain == d for p in ids for i in items[p])]
    extra = sorted({i.domain for p in ids for i in items[p]} - set(domains))
    blocks = [DomainComparison(d, _rows(d, [items[p] for p in ids])) for d in domains + extra]
    return ListComparison(compared, blocks)


def _items_by_plan(session: Session, plan_ids: list[int]) -> dict[int, list[ServiceItem]]:
    found: dict[int, list[ServiceItem]] = {plan_id: [] for plan_id in plan_ids}
    query = (
        select(ServiceItem).where(ServiceItem.plan_id.in_(plan_ids)).order_by(ServiceItem.position)
    )
    for item in session.scalars(query):
        found[item.plan_id].append(item)
    return found


def _rows(domain: str, lists: list[list[ServiceItem]]) -> list[CompareRow]:
    """Exact key matches first; then unmatched items meet by their loose key."""
    rows: dict[str, CompareRow] = {}
    for column, items in enumerate(lists):
        for item in (i for i in items if i.domain == domain):
            row = rows.setdefault(
                name_key(item.name), CompareRow(name_key(item.name), [None] * len(lists))
            )
            if row.cells[column] is None:
                row.cells[column] = item
    return _merge_loose(list(rows.values()))


def _merge_loose(rows: list[CompareRow]) -> list[CompareRow]:
    merged: list[CompareRow] = []
    by_loose: dict[str, CompareRow] = {}
    for row in rows:
        target = by_loose.get(_loose_key(row.key)) if row.missing else None
        if target is not None and _disjoint(target, row):
            target.cells = [a or b for a, b in zip(target.cells, row.cells, strict=True)]
            continue
        merged.append(row)
        if row.missing:
            by_loose.setdefault(_loose_key(row.key), row)
    return merged


def _disjoint(one: CompareRow, other: CompareRow) -> bool:
    return all(a is None or b is None for a, b in zip(one.cells, other.cells, strict=True))
