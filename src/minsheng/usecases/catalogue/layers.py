"""The catalogue in force: the bundled one with this database's additions laid over it."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.orm import Session

from minsheng.model.catalogue import Catalogue, CatalogueEntry, Direction
from minsheng.store.repositories import catalogue as stored
from minsheng.store.tables import StoredCatalogueEntry

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Layered:
    """The catalogue in force, and which of its entries and aliases an administrator added."""

    catalogue: Catalogue
    added_keys: frozenset[str]
    added_aliases: dict[str, tuple[str, ...]]


def catalogue_for(session: Session) -> Catalogue:
    """The bundled catalogue with this database's stored additions laid over it."""
    return layered(session).catalogue


def layered(session: Session) -> Layered:
    """Additions in the order they were made; one the base now contradicts is skipped.

    That happens only when a newer bundled catalogue took the key or the name itself; the
    warning names the stored row so an administrator can remove it.
    """
    catalogue, added_keys = _with_entries(Catalogue.bundled(), session)
    catalogue, added_aliases = _with_aliases(catalogue, session)
    return Layered(catalogue, added_keys, added_aliases)


def _with_entries(catalogue: Catalogue, session: Session) -> tuple[Catalogue, frozenset[str]]:
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
    return catalogue, frozenset(added_keys)


def _with_aliases(
    catalogue: Catalogue, session: Session
) -> tuple[Catalogue, dict[str, tuple[str, ...]]]:
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
    return catalogue, {key: tuple(names) for key, names in added_aliases.items()}


def _entry_of(row: StoredCatalogueEntry) -> CatalogueEntry:
    return CatalogueEntry(
        key=row.key,
        name=row.name,
        unit=row.unit,
        direction=Direction(row.direction),
        domain=row.domain,
        definition=row.definition,
    )
