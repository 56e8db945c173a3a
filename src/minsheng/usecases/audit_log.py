"""The audit log as people read it: Beijing time, changes as old → new, ids as names.

Rows are stored as written (English action and entity codes, a JSON detail); this module
turns a page of them into plain values the Chinese page labels. Anything that looks like a
secret (password, hash, token value) is left out, whatever a writer put in the detail.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from minsheng.labels import audit_field
from minsheng.store.repositories import audit
from minsheng.store.tables import AuditEntry
from minsheng.usecases.clock import beijing

AUDIT_PAGE_SIZE = 50
SECRET_WORDS = ("password", "hash", "secret", "token")
LABELLED_KEYS = ("role", "state", "status")
"""Keys whose values are code words the page shows through `label` (填报人员, 已退回 …)."""


@dataclass(frozen=True)
class AuditChange:
    """One field of a write: `old` is None when the write only set `new`."""

    key: str
    old: str | None
    new: str
    labelled: bool


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime  # Beijing time
    username: str
    action: str
    entity: str
    entity_id: int | None
    subject: str | None  # the entity's name where known (user name, indicator name)
    changes: list[AuditChange]


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditRow]
    total: int
    page: int
    pages: int


@dataclass(frozen=True)
class _Names:
    indicators: dict[int, str]
    regions: dict[int, str]
    departments: dict[int, str]


def audit_page(
    session: Session,
    *,
    entity: str | None = None,
    username: str | None = None,
    action: str | None = None,
    page: int = 1,
    size: int = AUDIT_PAGE_SIZE,
) -> AuditPage:
    """One page of the log, newest first, narrowed to an entity kind, a user or an action."""
    narrowed = {"entity": entity, "username": username, "action": action}
    total = audit.count_entries(session, **narrowed)
    pages = max(1, math.ceil(total / size))
    page = min(max(1, page), pages)
    found = audit.newest_entries(session, **narrowed, limit=size, offset=(page - 1) * size)
    names = _names(session, found)
    return AuditPage([_row(entry, names) for entry in found], total, page, pages)


def audit_facets(session: Session) -> tuple[list[str], list[str], list[str]]:
    """The entity kinds, user names and actions the log holds, for its filters."""
    return (
        audit.logged_entities(session),
        audit.logged_usernames(session),
        audit.logged_actions(session),
    )


def _names(session: Session, entries: list[AuditEntry]) -> _Names:
    """The names behind every id the page's rows mention, looked up once per kind."""
    indicators = {e.entity_id for e in entries if e.entity == "indicator" and e.entity_id}
    regions = {_id(e.detail, "region_id") for e in entries} - {None}
    departments = {_id(e.detail, "department_id") for e in entries} - {None}
    return _Names(
        audit.indicator_names(session, ids=indicators),
        audit.region_names(session, ids=regions),  # type: ignore[arg-type]
        audit.department_names(session, ids=departments),  # type: ignore[arg-type]
    )


def _id(detail: dict[str, Any] | None, key: str) -> int | None:
    value = (detail or {}).get(key)
    return value if isinstance(value, int) else None


def _row(entry: AuditEntry, names: _Names) -> AuditRow:
    detail = dict(entry.detail or {})
    subject = _subject(entry, detail, names)
    changes = [
        change
        for change in _changes(detail, names)
        if not (change.key in ("username", "user") and change.new == subject)
    ]
    return AuditRow(
        entry.id,
        beijing(entry.at),
        entry.username,
        entry.action,
        entry.entity,
        entry.entity_id,
        subject,
        changes,
    )


def _subject(entry: AuditEntry, detail: dict[str, Any], names: _Names) -> str | None:
    if entry.entity == "indicator" and entry.entity_id is not None:
        return names.indicators.get(entry.entity_id)
    if entry.entity in ("user", "api_token"):
        return str(detail.get("username") or detail.get("user") or "") or None
    return None


def _changes(detail: dict[str, Any], names: _Names) -> list[AuditChange]:
    """Every field but secrets, with ids named; {from, to} and before/after become old → new."""
    if {"from", "to"} <= detail.keys():  # a review: the state moved
        detail = {"state": {"from": detail["from"], "to": detail["to"]}} | {
            k: v for k, v in detail.items() if k not in ("from", "to")
        }
    if isinstance(detail.get("before"), dict) and isinstance(detail.get("after"), dict):
        detail = _paired(detail)
    changes = []
    for key, value in detail.items():
        if any(word in key.lower() for word in SECRET_WORDS):
            continue
        changes.append(_change(key, value, names))
    return changes


def _paired(detail: dict[str, Any]) -> dict[str, Any]:
    before, after = detail["before"], detail["after"]
    rest = {k: v for k, v in detail.items() if k not in ("before", "after")}
    return rest | {key: {"from": before.get(key), "to": after[key]} for key in after}


def _change(key: str, value: Any, names: _Names) -> AuditChange:
    key, lookup = _named_key(key, names)
    labelled = key in LABELLED_KEYS
    if isinstance(value, dict) and set(value) == {"from", "to"}:
        return AuditChange(key, _text(value["from"], lookup), _text(value["to"], lookup), labelled)
    return AuditChange(key, None, _text(value, lookup), labelled)


def _named_key(key: str, names: _Names) -> tuple[str, dict[int, str] | None]:
    """region_id → region (named from the regions), department_id → department."""
    if key == "region_id":
        return "region", names.regions
    if key == "department_id":
        return "department", names.departments
    return key, None


def _text(value: Any, lookup: dict[int, str] | None) -> str:
    if value is None:
        return "—" if lookup is None else "全部"
    if lookup is not None and isinstance(value, int):
        return lookup.get(value, str(value))
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict):
        return "，".join(f"{audit_field(k)}：{_text(v, None)}" for k, v in value.items())
    if isinstance(value, list):
        return "、".join(_text(v, None) for v in value)
    return str(value)
