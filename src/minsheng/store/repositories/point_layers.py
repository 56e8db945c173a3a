"""Point layers (facilities of a type, or residents, of a city as of a date): replaced
whole on re-import, read as the layers in force on a day, points read as columns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple, cast

import numpy as np
import numpy.typing as npt
from sqlalchemy import ColumnElement, Table, delete, func, select
from sqlalchemy.orm import Session

from minsheng.store.repositories.bulk import insert_rows
from minsheng.store.repositories.listing import driver_rows
from minsheng.store.tables import Facility, PointLayer, ResidentPoint
from minsheng.store.tables.facilities import FACILITIES, RESIDENTS

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
NO_REGION = -1
"""A point's region id when it lies in none of the city's districts."""
_FACILITIES = cast(Table, Facility.__table__)
_RESIDENTS = cast(Table, ResidentPoint.__table__)


class LayerKey(NamedTuple):
    """What a layer is of: a city, a kind, a facility type ('' for residents), a date."""

    city_id: int
    kind: str
    type_code: str
    as_of: date


class FacilityPoint(NamedTuple):
    name: str
    lon: float
    lat: float
    capacity: float | None
    status: str | None
    region_id: int | None


@dataclass(frozen=True)
class PointColumns:
    """Points as columns: WGS84 coordinates, a weight (capacity or population; NaN where a
    facility gives none) and the region id (NO_REGION outside the districts)."""

    lon: FloatArray
    lat: FloatArray
    weight: FloatArray
    region_id: IntArray
    names: tuple[str, ...] = ()


def replace_layer(
    session: Session, key: LayerKey, *, source: str, crs: str, author: str, is_sample: bool
) -> tuple[PointLayer, bool]:
    """A new, empty layer for `key`, replacing (with its points) one already there."""
    found = session.scalar(select(PointLayer).where(*_matching(key)))
    if found is not None:
        for table in (Facility, ResidentPoint):
            session.execute(delete(table).where(table.layer_id == found.id))
        session.delete(found)
        session.flush()
    layer = PointLayer(**key._asdict(), source=source, crs=crs, author=author, is_sample=is_sample)
    session.add(layer)
    session.flush()
    return layer, found is not None


def _matching(key: LayerKey) -> tuple[ColumnElement[bool], ...]:
    return (
        PointLayer.city_id == key.city_id,
        PointLayer.kind == key.kind,
        PointLayer.type_code == key.type_code,
        PointLayer.as_of == key.as_of,
    )


def add_facilities(session: Session, layer_id: int, points: Sequence[FacilityPoint]) -> None:
    columns = ("layer_id", *FacilityPoint._fields)
    insert_rows(session, _FACILITIES, columns, [(layer_id, *p) for p in points])


def add_residents(session: Session, layer_id: int, points: PointColumns) -> None:
    """Store resident points (their weight is the population)."""
    regions = [None if r == NO_REGION else r for r in points.region_id.tolist()]
    rows = zip(
        points.lon.tolist(), points.lat.tolist(), points.weight.tolist(), regions, strict=True
    )
    columns = ("layer_id", "lon", "lat", "population", "region_id")
    insert_rows(session, _RESIDENTS, columns, [(layer_id, *r) for r in rows])


def layers_in_force(session: Session, *, city_id: int, kind: str, on: date) -> list[PointLayer]:
    """Each facility type's (or the residents') latest layer dated on or before `on`."""
    latest = (
        select(PointLayer.type_code, func.max(PointLayer.as_of).label("as_of"))
        .where(PointLayer.city_id == city_id, PointLayer.kind == kind, PointLayer.as_of <= on)
        .group_by(PointLayer.type_code)
        .subquery()
    )
    query = (
        select(PointLayer)
        .join(
            latest,
            (PointLayer.type_code == latest.c.type_code) & (PointLayer.as_of == latest.c.as_of),
        )
        .where(PointLayer.city_id == city_id, PointLayer.kind == kind)
        .order_by(PointLayer.type_code)
    )
    return list(session.scalars(query))


def layers_of(session: Session, *, city_id: int | None = None) -> list[PointLayer]:
    """Every layer (of a city), newest date first within each kind and type."""
    query = select(PointLayer).order_by(
        PointLayer.city_id, PointLayer.kind, PointLayer.type_code, PointLayer.as_of.desc()
    )
    if city_id is not None:
        query = query.where(PointLayer.city_id == city_id)
    return list(session.scalars(query))


def point_counts(session: Session, layer_ids: Sequence[int]) -> dict[int, int]:
    """How many points each layer holds."""
    counts: dict[int, int] = {}
    for table in (Facility, ResidentPoint):
        query = (
            select(table.layer_id, func.count())
            .where(table.layer_id.in_(list(layer_ids)))
            .group_by(table.layer_id)
        )
        counts.update({layer_id: count for layer_id, count in session.execute(query).all()})
    return counts


def facility_columns(session: Session, layer_id: int) -> PointColumns:
    query = select(*_numbers(Facility, Facility.capacity), Facility.name).where(
        Facility.layer_id == layer_id
    )
    rows = driver_rows(session, query.order_by(Facility.id))
    return _columns([row[:4] for row in rows], tuple(row[4] for row in rows))


def resident_columns(session: Session, layer_id: int) -> PointColumns:
    """A layer's residents as arrays: a million points in about a second, read as the
    driver returns them rather than as ORM rows."""
    query = select(*_numbers(ResidentPoint, ResidentPoint.population)).where(
        ResidentPoint.layer_id == layer_id
    )
    return _columns(driver_rows(session, query.order_by(ResidentPoint.id)), ())


def _numbers(table: type[Facility] | type[ResidentPoint], weight: Any) -> tuple[Any, ...]:
    """lon, lat, the weight (NULL as NaN is left to numpy) and the region (NULL as -1)."""
    return table.lon, table.lat, weight, func.coalesce(table.region_id, NO_REGION)


def _columns(rows: Sequence[Sequence[object]], names: tuple[str, ...]) -> PointColumns:
    table = np.array(rows, dtype=np.float64).reshape(-1, 4)  # None (no capacity) → NaN
    return PointColumns(
        table[:, 0].copy(), table[:, 1].copy(), table[:, 2].copy(),
        table[:, 3].astype(np.int64), names,
    )  # fmt: skip


def holds_sample(session: Session) -> bool:
    """Whether any layer is synthetic demonstration data (示例数据)."""
    return session.scalar(select(PointLayer.id).where(PointLayer.is_sample).limit(1)) is not None


def facilities_in_force(
    session: Session, *, city_id: int, on: date
) -> list[tuple[Facility, PointLayer]]:
    """Every facility of each type's layer in force on `on`, by type and id."""
    layers = {layer.id: layer for layer in layers_in_force(session, city_id=city_id,
                                                           kind=FACILITIES, on=on)}  # fmt: skip
    if not layers:
        return []
    query = select(Facility).where(Facility.layer_id.in_(list(layers))).order_by(Facility.id)
    found = [(row, layers[row.layer_id]) for row in session.scalars(query)]
    return sorted(found, key=lambda pair: (pair[1].type_code, pair[0].id))


__all__ = ["FACILITIES", "RESIDENTS"]
