"""The indicator catalogue as it stands in a database: the bundled one plus an admin's additions.

The bundled catalogue (model/data/catalogue.csv) is the base and is never rewritten; an
administrator adds entries and aliases, which are stored (store/repositories/catalogue.py)
and laid over the base by `catalogue_for` each time a use case needs the catalogue, so an
addition takes effect at once for imports, observation files, evaluation and comparison.
Nothing is cached across sessions.

An addition links the indicators already stored whose name it now matches: their empty
`catalogue_key` is filled, never a key that is already set.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from typing import Literal

from sqlalchemy.orm import Session

from minsheng.errors import Conflict, InputProblem, NotFound
from minsheng.model.catalogue import Catalogue, CatalogueEntry, Direction, normalize_name
from minsheng.model.plan import DOMAINS
from minsheng.store.repositories import audit
from minsheng.store.repositories import catalogue as stored
from minsheng.store.tables import StoredCatalogueEntry

logger = logging.getLogger(__name__)

Origin = Literal["bundled", "added"]

_KEY = re.compile(r"[a-z][a-z0-9_]*")  # as model.catalogue requires


@dataclass(frozen=True)
class CatalogueChange:
    """What an addition did: `added` is False when it named nothing new (nothing written)."""

    key: str
    added: bool
    linked: int
    """Stored indicators whose empty catalogue key this addition filled."""


@dataclass(frozen=True)
class ListedEntry:
    """An entry as the catalogue in this database holds it, and where its parts come from."""

    entry: CatalogueEntry
    origin: Origin
    added_aliases: tuple[str, ...]
    """The aliases an administrator added (all of them, for an added entry)."""


@dataclass(frozen=True)
class LinkedIndicator:
    """A stored plan's indicator linked to an entry."""

    region: str
    plan_id: int
    version: int
    is_current: bool
    is_reference: bool
    name: str
    unit: str | None


@dataclass(frozen=True)
class EntryDetail:
    listed: ListedEntry
    indicators: list[LinkedIndicator]


@dataclass(frozen=True)
class _Layered:
    catalogue: Catalogue
    added_keys: frozenset[str]
    added_aliases: dict[str, tuple[str, ...]]


def catalogue_for(session: Session) -> Catalogue:
    """The bundled catalogue with this database's stored additions laid over it."""
    return _layered(session).catalogue


def _layered(session: Session) -> _Layered:
    """Additions in the order they were made; one the base now contradicts is skipped.

    That happens only when a newer bundled catalogue took the key or the name itself; the
    warning names the stored row so an administrator can remove it.
    """
    catalogue = Catalogue.bundled()
    added_keys: set[str] = set()
    for row in stored.stored_entries(session):
        if row.key in catalogue:
            logger.warning("stored catalogue entry %s skipped: the key is bundled", row.key)
            continue
        try:
            catalogue = catalogue.with_entry(_entry_of(row))
        except ValueError as error:
            logger.warning("stored catalogue entry %s skipped: %s", row.key, error)
            continue
        added_keys.add(row.key)
    added_aliases: dict[str, list[str]] = {}
    for alias in stored.stored_aliases(session):
        try:
            widened = catalogue.with_alias(alias.key, alias.alias)
        except KeyError:
            logger.warning("stored alias %r skipped: no entry %s", alias.alias, alias.key)
            continue
        except ValueError as error:
            logger.warning("stored alias %r of %s skipped: %s", alias.alias, alias.key, error)
            continue
        if widened is not catalogue:
            added_aliases.setdefault(alias.key, []).append(alias.alias)
        catalogue = widened
    return _Layered(
        catalogue,
        frozenset(added_keys),
        {key: tuple(names) for key, names in added_aliases.items()},
    )


def _entry_of(row: StoredCatalogueEntry) -> CatalogueEntry:
    return CatalogueEntry(
        key=row.key,
        name=row.name,
        unit=row.unit,
        direction=Direction(row.direction),
        domain=row.domain,
        definition=row.definition,
    )


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
    distinct: dict[str, str] = {}
    for name in entry.names:
        normalized = normalize_name(name)
        if not normalized:
            raise InputProblem(f"{name!r} is not a usable name", field="name")
        other = catalogue.match(name)
        if other is not None:
            raise Conflict(_already_named(name, other, entry))
        distinct.setdefault(normalized, name)
    aliases = tuple(distinct.values())[1:]
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
    for alias in aliases:
        stored.add_alias(
            session, key=entry.key, alias=alias, normalized=normalize_name(alias), created_by=author
        )
    entry = replace(entry, aliases=aliases)
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
            "aliases": list(aliases),
        },
    )
    linked = _link(session, catalogue.with_entry(entry), key=entry.key, author=author)
    return CatalogueChange(entry.key, added=True, linked=linked)


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


def list_catalogue(session: Session) -> list[ListedEntry]:
    """Every entry of the catalogue in this database: bundled ones first, then added ones."""
    layered = _layered(session)
    return [_listed(layered, entry) for entry in layered.catalogue]


def _listed(layered: _Layered, entry: CatalogueEntry) -> ListedEntry:
    if entry.key in layered.added_keys:
        return ListedEntry(entry, "added", entry.aliases)
    return ListedEntry(entry, "bundled", layered.added_aliases.get(entry.key, ()))


def describe_entry(session: Session, *, name: str) -> EntryDetail:
    """The entry `name` (a key or any wording) matches, and the stored indicators linked to it."""
    layered = _layered(session)
    entry = layered.catalogue.get(name.strip()) or layered.catalogue.match(name)
    if entry is None:
        raise NotFound(f"no catalogue entry matches {name!r}")
    indicators = [
        LinkedIndicator(
            region=plan.region.name,
            plan_id=plan.id,
            version=plan.version,
            is_current=plan.is_current,
            is_reference=plan.is_reference,
            name=indicator.name,
            unit=indicator.unit,
        )
        for indicator, plan in stored.linked_indicators(session, key=entry.key)
    ]
    return EntryDetail(_listed(layered, entry), indicators)
