"""Population figures as read models: residents and households per region and year."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from minsheng.store.repositories.population import find_figures
from minsheng.usecases.read.paging import Page, Slice


@dataclass(frozen=True)
class PopulationRow:
    region_id: int
    region: str
    code: str | None
    year: int
    residents: float
    households: float | None
    source: str | None


def list_population(
    session: Session, *, region_id: int | None = None, year: int | None = None, window: Slice
) -> Page[PopulationRow]:
    """Stored figures by region code and year."""
    rows, total = find_figures(
        session, region_id=region_id, year=year, limit=window.limit, offset=window.offset
    )
    return Page(
        [
            PopulationRow(
                region.id, region.name, region.code, figure.year, figure.residents,
                figure.households, figure.source,
            )
            for figure, region in rows
        ],
        total,
    )  # fmt: skip
