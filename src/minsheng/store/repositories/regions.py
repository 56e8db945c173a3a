"""Regions: found or created on demand, with their province → city → county chain.

A region the gazetteer knows is stored with its GB/T 2260 code and every ancestor; one it
does not know is stored by name under its province, without a code, rather than refused.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from minsheng.model.gazetteer import KnownRegion, known_children, known_regions, province_of
from minsheng.store.repositories.listing import contains, paged
from minsheng.store.tables import Region

logger = logging.getLogger(__name__)

PROVINCE = "province"


@dataclass
class EnsuredRegion:
    """The region asked for, and the rows that had to be created to store it."""

    region: Region
    created: list[Region] = field(default_factory=list)


def ensure_region(
    session: Session, *, name: str, province: str | None, level: str | None
) -> EnsuredRegion:
    """The stored region named `name` in `province`, created (with its ancestors) if new."""
    known = _known(name, province)
    if known is not None:
        return _ensure_chain(session, _ancestry(known))
    created: list[Region] = []
    parent: Region | None = None
    if province and province != name:
        above = ensure_region(session, name=province, province=None, level=PROVINCE)
        parent, created = above.region, above.created
    region, made = _get_or_add(session, name=name, parent=parent, code=None, level=level)
    if made:
        logger.info("region %s is not in the gazetteer; stored without a code", name)
        created.append(region)
    return EnsuredRegion(region=region, created=created)


def ensure_code(session: Session, *, code: str) -> Region | None:
    """The region with this GB/T 2260 code, stored with its ancestors if the gazetteer
    knows it and it is not stored yet; None for a code nobody knows."""
    known = known_regions().get(code)
    if known is None:
        return find_by_code(session, code=code)
    return _ensure_chain(session, _ancestry(known)).region


def get_region(session: Session, *, region_id: int) -> Region | None:
    return session.get(Region, region_id)


def find_by_code(session: Session, *, code: str) -> Region | None:
    return session.scalar(select(Region).where(Region.code == code))


def _known(name: str, province: str | None) -> KnownRegion | None:
    """The gazetteer entry for `name` in `province`, if exactly one fits."""
    candidates = [
        region
        for region in known_regions().values()
        if region.name == name and (province is None or _province_name(region) == province)
    ]
    return candidates[0] if len(candidates) == 1 else None


def _province_name(region: KnownRegion) -> str | None:
    top = province_of(region)
    return top.name if top else None


def _ancestry(region: KnownRegion) -> list[KnownRegion]:
    """The region and its ancestors, the province first."""
    chain = [region]
    while chain[0].parent_code:
        chain.insert(0, known_regions()[chain[0].parent_code])
    return chain


def _ensure_chain(session: Session, chain: list[KnownRegion]) -> EnsuredRegion:
    parent: Region | None = None
    created: list[Region] = []
    for known in chain:
        parent, made = _get_or_add(
            session, name=known.name, parent=parent, code=known.code, level=known.level
        )
        if made:
            created.append(parent)
    assert parent is not None  # the chain holds at least the region itself
    return EnsuredRegion(region=parent, created=created)


def _get_or_add(
    session: Session, *, name: str, parent: Region | None, code: str | None, level: str | None
) -> tuple[Region, bool]:
    """Find by code, else by name under the parent; add a row when neither finds one."""
    parent_id = parent.id if parent else None
    found = find_by_code(session, code=code) if code else None
    if found is None:
        found = session.scalar(
            select(Region).where(Region.name == name, Region.parent_id == parent_id)
        )
    if found is not None:
        return found, False
    region = Region(code=code, name=name, level=level, parent_id=parent_id)
    session.add(region)
    session.flush()
    return region, True


def find_by_name(session: Session, *, name: str) -> list[Region]:
    """Every stored region with this name (names repeat across provinces)."""
    return list(session.scalars(select(Region).where(Region.name == name)))


def ensure_known_children(session: Session, *, region: Region) -> list[Region]:
    """The region's counties and districts from the gazetteer, stored if not yet there.

    A plan names its city; its monitoring covers the city's districts and counties too.
    """
    stored = children(session, region_id=region.id)
    missing = [known for known in known_children(region.code) if not _among(known, stored)]
    for known in missing:
        _get_or_add(session, name=known.name, parent=region, code=known.code, level=known.level)
    return children(session, region_id=region.id) if missing else stored


def _among(known: KnownRegion, stored: list[Region]) -> bool:
    """Whether a stored child is the gazetteer's region, by code or else by name."""
    return any(region.code == known.code or region.name == known.name for region in stored)


def children(session: Session, *, region_id: int) -> list[Region]:
    query = select(Region).where(Region.parent_id == region_id).order_by(Region.code, Region.id)
    return list(session.scalars(query))


def children_of(session: Session, *, parent_ids: Collection[int]) -> dict[int, list[Region]]:
    """The stored children of several regions, each list in `children`'s order."""
    if not parent_ids:
        return {}
    query = (
        select(Region)
        .where(Region.parent_id.in_(list(parent_ids)))
        .order_by(Region.code, Region.id)
    )
    found: dict[int, list[Region]] = {parent: [] for parent in parent_ids}
    for region in session.scalars(query):
        found[region.parent_id or 0].append(region)
    return found


def find_regions(
    session: Session,
    *,
    parent_id: int | None = None,
    level: str | None = None,
    q: str | None = None,
    limit: int | None,
    offset: int = 0,
) -> tuple[list[Region], int]:
    """Stored regions, provinces before their cities and districts (by id)."""
    query = select(Region).order_by(Region.id)
    if parent_id is not None:
        query = query.where(Region.parent_id == parent_id)
    if level is not None:
        query = query.where(Region.level == level)
    if q:
        query = query.where(Region.name.like(contains(q), escape="\\"))
    rows, total = paged(session, query, limit=limit, offset=offset)
    return [row[0] for row in rows], total
