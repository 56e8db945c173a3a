"""An administrator's additions to the catalogue: new entries and aliases, stored and audited.

An addition links the indicators already stored whose name it now matches: their empty
`catalogue_key` is filled, never a key that is already set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from sqlalchemy.orm import Session

from minsheng.errors import Conflict, InputProblem, NotFound
from minsheng.model.catalogue import Catalogue, CatalogueEntry, Direction, normalize_name
from minsheng.model.plan import DOMAINS
from minsheng.store.repositories import audit
from minsheng.store.repositories import catalogue as stored
from minsheng.usecases.catalogue.layers import catalogue_for

_KEY = re.compile(r"[a-z][a-z0-9_]*")  # as model.catalogue requires


@dataclass(frozen=True)
class CatalogueChange:
    """What an addition did: `added` is False when it named nothing new (nothing written)."""

    key: str
    added: bool
    linked: int
    """Stored indicators whose empty catalogue key this addition filled."""


def new_entry(
    *,
    key: str,
    name: str,
    unit: str | None,
    direction: str,
    domain: str,
    definition: str = "",
    aliases: tuple[str, ...] = (),
) -> CatalogueEntry:
    """An entry from what a person typed, or an InputProblem naming the field at fault."""
    key, name = key.strip(), name.strip()
    if not _KEY.fullmatch(key):
        raise InputProblem(
            f"{key!r} is not a key: use lower-case ASCII letters, digits and _ "
            "(starting with a letter), e.g. physicians_per_1000",
            field="key",
        )
    if not name:
        raise InputProblem("the entry needs a name", field="name")
    try:
        sense = Direction(direction.strip())
    except ValueError:
        known = ", ".join(d.value for d in Direction)
        raise InputProblem(f"{direction!r} is not one of: {known}", field="direction") from None
    if domain.strip() not in DOMAINS:
        raise InputProblem(f"{domain!r} is not one of: {', '.join(DOMAINS)}", field="domain")
    return CatalogueEntry(
        key=key,
        name=name,
        unit=(unit or "").strip() or None,
        direction=sense,
        domain=domain.strip(),
        definition=definition.strip(),
        aliases=tuple(a.strip() for a in aliases if a.strip()),
    )


def add_entry(session: Session, *, entry: CatalogueEntry, author: str) -> CatalogueChange:
    """Store a new entry (with its aliases) and link the stored indicators it now matches.

    The key must be new, and none of its names may already name another entry; otherwise
    a Conflict names both and nothing is written.
    """
    catalogue = catalogue_for(session)
    existing = catalogue.get(entry.key)
    if existing is not None:
        raise Conflict(f"catalogue key {entry.key} already exists ({existing.name})")
    entry = replace(entry, aliases=_new_aliases(catalogue, entry))
    _store_entry(session, entry, author=author)
    linked = _link(session, catalogue.with_entry(entry), key=entry.key, author=author)
    return CatalogueChange(entry.key, added=True, linked=linked)


def _new_aliases(catalogue: Catalogue, entry: CatalogueEntry) -> tuple[str, ...]:
    """The entry's aliases, one per distinct wording; any name already taken is a Conflict."""
    distinct: dict[str, str] = {}
    for name in entry.names:
        normalized = normalize_name(name)
        if not normalized:
            raise InputProblem(f"{name!r} is not a usable name", field="name")
        other = catalogue.match(name)
        if other is not None:
            raise Conflict(_already_named(name, other, entry))
        distinct.setdefault(normalized, name)
    return tuple(distinct.values())[1:]


def _store_entry(session: Session, entry: CatalogueEntry, *, author: str) -> None:
    """Write the entry and its aliases, and record the addition in the audit log."""
    row = stored.add_entry(
        session,
        key=entry.key,
        name=entry.name,
        unit=entry.unit,
        direction=entry.direction.value,
        domain=entry.domain,
        definition=entry.definition,
        created_by=author,
    )
    for alias in entry.aliases:
        stored.add_alias(
            session, key=entry.key, alias=alias, normalized=normalize_name(alias), created_by=author
        )
    audit.record(
        session,
        username=author,
        action="add",
        entity="catalogue_entry",
        entity_id=row.id,
        detail={
            "key": entry.key,
            "name": entry.name,
            "unit": entry.unit,
            "direction": entry.direction.value,
            "domain": entry.domain,
            "aliases": list(entry.aliases),
        },
    )


def add_alias(session: Session, *, key: str, alias: str, author: str) -> CatalogueChange:
    """Let the entry `key` answer to `alias` too, and link the stored indicators so named.

    An unknown key is NotFound; an alias that already names another entry is a Conflict
    naming both, and nothing is written. An alias the entry already answers to changes
    nothing.
    """
    alias = alias.strip()
    normalized = normalize_name(alias)
    if not normalized:
        raise InputProblem(f"{alias!r} is not a usable alias", field="alias")
    catalogue = catalogue_for(session)
    entry = catalogue.get(key)
    if entry is None:
        hint = catalogue.match(key)
        also = f"; {key!r} is a name of {hint.key}" if hint else ""
        raise NotFound(f"no catalogue entry with key {key!r}{also}")
    current = catalogue.match(alias)
    if current is not None:
        if current.key != key:
            raise Conflict(_already_named(alias, current, entry))
        return CatalogueChange(key, added=False, linked=0)
    row = stored.add_alias(session, key=key, alias=alias, normalized=normalized, created_by=author)
    audit.record(
        session,
        username=author,
        action="add",
        entity="catalogue_alias",
        entity_id=row.id,
        detail={"key": key, "alias": alias},
    )
    linked = _link(session, catalogue.with_alias(key, alias), key=key, author=author)
    return CatalogueChange(key, added=True, linked=linked)


def _already_named(name: str, other: CatalogueEntry, wanted: CatalogueEntry) -> str:
    return (
        f"{name!r} already names {other.key} ({other.name}); "
        f"it cannot also name {wanted.key} ({wanted.name})"
    )


def _link(session: Session, catalogue: Catalogue, *, key: str, author: str) -> int:
    """Fill the empty catalogue key of stored indicators the entry `key` now matches."""
    matched = [
        indicator
        for indicator in stored.unlinked_indicators(session)
        if (entry := catalogue.match(indicator.name)) is not None and entry.key == key
    ]
    linked = stored.link_indicators(session, indicator_ids=[i.id for i in matched], key=key)
    for indicator in matched:
        audit.record(
            session,
            username=author,
            action="link",
            entity="indicator",
            entity_id=indicator.id,
            detail={"catalogue_key": key, "name": indicator.name, "plan_id": indicator.plan_id},
        )
    return linked
