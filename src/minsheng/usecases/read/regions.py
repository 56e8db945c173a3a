"""Regions as read models: the administrative divisions the plans cover."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from minsheng.store.repositories.regions import find_regions
from minsheng.store.tables import Region
from minsheng.usecases.read.paging import Page, Slice


@dataclass(frozen=True)
class RegionRow:
    id: int
    code: str | None
    name: str
    level: str | None
    parent_id: int | None

    @classmethod
    def of(cls, region: Region) -> RegionRow:
        return cls(region.id, region.code, region.name, region.level, region.parent_id)


def list_regions(
    session: Session,
    *,
    parent_id: int | None = None,
    level: str | None = None,
    q: str | None = None,
    window: Slice,
) -> Page[RegionRow]:
    """Stored regions, provinces before their cities and districts (by id)."""
    rows, total = find_regions(
        session, parent_id=parent_id, level=level, q=q, limit=window.limit, offset=window.offset
    )
    return Page([RegionRow.of(region) for region in rows], total)
