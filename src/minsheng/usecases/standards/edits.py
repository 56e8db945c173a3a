"""Editing a service item's five standard fields, keeping every earlier version."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from minsheng.errors import InputProblem
from minsheng.store.repositories import audit, scopes, service_items
from minsheng.store.tables import ServiceItem, ServiceItemRevision
from minsheng.usecases.read.plans import PlanSummary
from minsheng.usecases.read.service_items import ServiceItemRow, no_service_item
from minsheng.usecases.scopes import check_plan
from minsheng.usecases.standards.search import FIELDS

MAX_FIELD_LENGTH = 4000


# --- one item, its edits and history ----------------------------------------------------


@dataclass(frozen=True)
class Change:
    field: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class HistoryEntry:
    """One edit: who made it, when, and what it changed."""

    author: str
    created_at: datetime
    changes: list[Change]


@dataclass(frozen=True)
class ItemDetail:
    item: ServiceItemRow
    plan: PlanSummary
    history: list[HistoryEntry]  # newest first


def item_detail(session: Session, *, item_id: int) -> ItemDetail:
    """The item, its plan and region, and every edit with what it changed."""
    found = service_items.item_with_plan(session, item_id=item_id)
    if found is None:
        raise no_service_item(item_id)
    item, plan = found
    summary = PlanSummary.of(plan)
    row = ServiceItemRow.of(item, summary.region.name)
    return ItemDetail(row, summary, _history(session, item_id))


def _history(session: Session, item_id: int) -> list[HistoryEntry]:
    """Each revision against the one before; the first against the imported (empty) fields."""
    entries, before = [], dict.fromkeys(FIELDS)
    for revision in service_items.revisions_of(session, item_id=item_id):
        after = {name: getattr(revision, name) for name in FIELDS}
        changes = [Change(n, before[n], after[n]) for n in FIELDS if before[n] != after[n]]
        entries.append(HistoryEntry(revision.author, revision.created_at, changes))
        before = after
    return entries[::-1]


def edit_item(
    session: Session, *, item_id: int, fields: Mapping[str, str | None], author: str
) -> ServiceItemRevision | None:
    """Set the five fields (blank means empty), keeping a revision; None when nothing changed.

    The item's row is locked and read afresh first, so that of editors acting at once each
    audit entry's "before" is what the edit really replaced.
    """
    item = scopes.locked(session, ServiceItem, row_id=item_id)
    if item is None:
        raise no_service_item(item_id)
    check_plan(session, username=author, plan_id=item.plan_id)
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
