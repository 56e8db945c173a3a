"""Residents and households per region and year: written in bulk (a later figure for the
same region and year replaces the earlier), read as the figure of a year or the nearest
earlier one."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import NamedTuple

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from minsheng.store.repositories.listing import paged
from minsheng.store.tables import Population, Region
from minsheng.store.tables.base import utc_now


class PopulationFigure(NamedTuple):
    """A region's residents (and households) in a year, with the figure's source."""

    region_id: int
    year: int
    residents: float
    households: float | None
    source: str | None


def put_figures(session: Session, figures: Sequence[PopulationFigure]) -> tuple[int, int]:
    """Store the figures, replacing any for the same region and year; (added, replaced)."""
    keys = {(f.region_id, f.year) for f in figures}
    stored = (
        {
            (row.region_id, row.year): row
            for row in session.scalars(
                select(Population).where(tuple_(Population.region_id, Population.year).in_(keys))
            )
        }
        if keys
        else {}
    )
    for figure in figures:
        row = stored.get((figure.region_id, figure.year))
        if row is None:
            session.add(Population(**figure._asdict()))
        else:
            row.residents, row.households, row.source = figure[2:]
            row.updated_at = utc_now()
    session.flush()
    replaced = sum((f.region_id, f.year) in stored for f in figures)
    return len(figures) - replaced, replaced


def figures_as_of(
    session: Session, *, region_ids: Collection[int], year: int
) -> dict[int, PopulationFigure]:
    """Each region's figure for `year`, or else its latest before it (populations are
    published a year or more late)."""
    latest = (
        select(Population.region_id, func.max(Population.year).label("year"))
        .where(Population.region_id.in_(list(region_ids)), Population.year <= year)
        .group_by(Population.region_id)
        .subquery()
    )
    query = select(Population).join(
        latest, (Population.region_id == latest.c.region_id) & (Population.year == latest.c.year)
    )
    return {row.region_id: _figure(row) for row in session.scalars(query)}


def figures(
    session: Session, *, region_ids: Collection[int] | None = None
) -> list[PopulationFigure]:
    """Every stored figure (of the regions given), by region and year."""
    query = select(Population).order_by(Population.region_id, Population.year)
    if region_ids is not None:
        query = query.where(Population.region_id.in_(list(region_ids)))
    return [_figure(row) for row in session.scalars(query)]


def _figure(row: Population) -> PopulationFigure:
    return PopulationFigure(row.region_id, row.year, row.residents, row.households, row.source)


def holds_source(session: Session, *, source: str) -> bool:
    """Whether any figure comes from this source."""
    query = select(Population.id).where(Population.source == source).limit(1)
    return session.scalar(query) is not None


def find_figures(
    session: Session,
    *,
    region_id: int | None,
    year: int | None,
    limit: int | None,
    offset: int,
) -> tuple[list[tuple[Population, Region]], int]:
    """Stored figures with their regions (of one region or year if given), by region code
    and year, a window of them and how many in all."""
    query = (
        select(Population, Region)
        .join(Region, Region.id == Population.region_id)
        .order_by(Region.code, Region.id, Population.year)
    )
    if region_id is not None:
        query = query.where(Population.region_id == region_id)
    if year is not None:
        query = query.where(Population.year == year)
    rows, total = paged(session, query, limit=limit, offset=offset)
    return [(row[0], row[1]) for row in rows], total
