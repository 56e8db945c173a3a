"""Two or more cities' service lists side by side: what one has and another lacks."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from minsheng.errors import InputProblem, NotFound
from minsheng.model.plan import DOMAINS
from minsheng.store.repositories import plans, service_items
from minsheng.usecases.read.plans import PlanSummary
from minsheng.usecases.read.service_items import ServiceItemRow
from minsheng.usecases.standards.search import fold

QUALIFIER_PREFIXES = ("按国家政策落实", "农村", "城镇", "城乡")
"""Qualifiers a list may put before an item's name; see `loose_key`."""


# --- comparing lists ----------------------------------------------------------------------


def name_key(name: str) -> str:
    """Names equal up to width, case, whitespace and punctuation share a key."""
    return "".join(ch for ch in fold(name) if unicodedata.category(ch)[0] in "LN")


def loose_key(key: str) -> str:
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
    cells: list[ServiceItemRow | None]

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
    plans: list[PlanSummary]
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
    chosen = [plans.get_plan(session, plan_id=plan_id) for plan_id in ids]
    if any(plan is None for plan in chosen):
        raise NotFound("no such plan")
    compared = [PlanSummary.of(plan) for plan in chosen if plan is not None]
    items = _items_by_plan(session, compared)
    domains = [d for d in DOMAINS if any(i.domain == d for p in ids for i in items[p])]
    extra = sorted({i.domain for p in ids for i in items[p]} - set(domains))
    blocks = [DomainComparison(d, _rows(d, [items[p] for p in ids])) for d in domains + extra]
    return ListComparison(compared, blocks)


def _items_by_plan(
    session: Session, compared: list[PlanSummary]
) -> dict[int, list[ServiceItemRow]]:
    """Each plan's items as read models, by plan id, in the plan's order."""
    regions = {plan.id: plan.region.name for plan in compared}
    found: dict[int, list[ServiceItemRow]] = {plan_id: [] for plan_id in regions}
    for item in service_items.items_of_plans(session, plan_ids=list(regions)):
        found[item.plan_id].append(ServiceItemRow.of(item, regions[item.plan_id]))
    return found


def _rows(domain: str, lists: list[list[ServiceItemRow]]) -> list[CompareRow]:
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
        target = by_loose.get(loose_key(row.key)) if row.missing else None
        if target is not None and _disjoint(target, row):
            target.cells = [a or b for a, b in zip(target.cells, row.cells, strict=True)]
            continue
        merged.append(row)
        if row.missing:
            by_loose.setdefault(loose_key(row.key), row)
    return merged


def _disjoint(one: CompareRow, other: CompareRow) -> bool:
    return all(a is None or b is None for a, b in zip(one.cells, other.cells, strict=True))
