"""Administrators' additions to the indicator catalogue, and the indicators linked to it.

The bundled catalogue is not stored; these rows only add to it (see usecases/catalogue/).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, cast

from sqlalchemy import select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session

from minsheng.store.tables import (
    Indicator,
    Plan,
    StoredCatalogueAlias,
    StoredCatalogueEntry,
)


def stored_entries(session: Session) -> list[StoredCatalogueEntry]:
    """Every added entry, in the order they were added."""
    return list(session.scalars(select(StoredCatalogueEntry).order_by(StoredCatalogueEntry.id)))


def stored_aliases(session: Session) -> list[StoredCatalogueAlias]:
    """Every added alias, in the order they were added."""
    return list(session.scalars(select(StoredCatalogueAlias).order_by(StoredCatalogueAlias.id)))


def add_entry(
    session: Session,
    *,
    key: str,
    name: str,
    unit: str | None,
    direction: str,
    domain: str,
    definition: str,
    created_by: str,
) -> StoredCatalogueEntry:
    """Add an entry; flushed, so a duplicate key fails here."""
    row = StoredCatalogueEntry(
        key=key,
        name=name,
        unit=unit,
        direction=direction,
        domain=domain,
        definition=definition,
        created_by=created_by,
    )
    session.add(row)
    session.flush()
    return row


def add_alias(
    session: Session, *, key: str, alias: str, normalized: str, created_by: str
) -> StoredCatalogueAlias:
    """Add an alias of the entry `key`; flushed, so a duplicate normalized name fails here."""
    row = StoredCatalogueAlias(key=key, alias=alias, normalized=normalized, created_by=created_by)
    session.add(row)
    session.flush()
    return row


def unlinked_indicators(session: Session) -> list[Indicator]:
    """Stored indicators of every plan version that no catalogue entry matched."""
    query = select(Indicator).where(Indicator.catalogue_key.is_(None)).order_by(Indicator.id)
    return list(session.scalars(query))


def link_indicators(session: Session, *, indicator_ids: Collection[int], key: str) -> int:
    """Set the catalogue key of these indicators where it is still empty; returns how many."""
    if not indicator_ids:
        return 0
    statement = (
        update(Indicator)
        .where(Indicator.id.in_(indicator_ids), Indicator.catalogue_key.is_(None))
        .values(catalogue_key=key)
        .execution_options(synchronize_session="fetch")
    )
    # An UPDATE's result is a CursorResult, which Session.execute's signature does not say.
    result = cast(CursorResult[Any], session.execute(statement))
    return result.rowcount


def linked_indicators(session: Session, *, key: str) -> list[tuple[Indicator, Plan]]:
    """Indicators linked to the entry `key`, with their plan: current plans first."""
    query = (
        select(Indicator, Plan)
        .join(Plan, Plan.id == Indicator.plan_id)
        .where(Indicator.catalogue_key == key)
        .order_by(Plan.is_current.desc(), Plan.is_reference, Plan.id, Indicator.position)
    )
    return [(indicator, plan) for indicator, plan in session.execute(query)]
