"""Reading the catalogue in force: every entry with its origin, or one entry and its links."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy.orm import Session

from minsheng.errors import NotFound
from minsheng.model.catalogue import CatalogueEntry
from minsheng.store.repositories import catalogue as stored
from minsheng.usecases.catalogue.layers import Layered, layered

Origin = Literal["bundled", "added"]


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


def list_catalogue(session: Session) -> list[ListedEntry]:
    """Every entry of the catalogue in this database: bundled ones first, then added ones."""
    layers = layered(session)
    return [_listed(layers, entry) for entry in layers.catalogue]


def _listed(layers: Layered, entry: CatalogueEntry) -> ListedEntry:
    if entry.key in layers.added_keys:
        return ListedEntry(entry, "added", entry.aliases)
    return ListedEntry(entry, "bundled", layers.added_aliases.get(entry.key, ()))


def describe_entry(session: Session, *, name: str) -> EntryDetail:
    """The entry `name` (a key or any wording) matches, and the stored indicators linked to it."""
    layers = layered(session)
    entry = layers.catalogue.get(name.strip()) or layers.catalogue.match(name)
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
    return EntryDetail(_listed(layers, entry), indicators)
