"""What facility and resident imports share: the city the points belong to, coordinates
into WGS84, and each point's district (named in the file, else found by its position).

A district named in the file must be one of the city's; a point without one is placed by
the published district outlines (GCJ-02, so the point is converted to GCJ-02 first); a
point in no district keeps no district and is counted as outside.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from shapely.geometry.base import BaseGeometry
from sqlalchemy.orm import Session

from minsheng.analytics.coordinates import wgs84_to_gcj02
from minsheng.analytics.placement import OUTSIDE, area_index
from minsheng.data.boundaries import district_outlines
from minsheng.errors import InputProblem
from minsheng.model.observation import CellProblem
from minsheng.store.repositories import plans, regions
from minsheng.store.repositories.point_layers import NO_REGION
from minsheng.store.tables import Region
from minsheng.usecases.plans import find_current_plan

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
DEFAULT_CRS = "EPSG:4326"
NOT_A_DISTRICT = "“{text}”不是{city}的区县"
"""A problem message: the region cell names no district of the city."""
NO_CITY = (
    "cannot tell which city these points belong to: none of the stored city plans' "
    "districts holds most of them; name the city with --plan"
)


@dataclass(frozen=True)
class Placed:
    """Points in WGS84 with their district ids (NO_REGION outside every district)."""

    lon: FloatArray
    lat: FloatArray
    region_id: IntArray

    @property
    def outside(self) -> int:
        return int((self.region_id == NO_REGION).sum())


def city_of(session: Session, *, plan: str | None, lon: FloatArray, lat: FloatArray) -> Region:
    """The city named (by its plan's region name), or else the stored city plan whose
    districts hold most of the points."""
    if plan is not None:
        return find_current_plan(session, region=plan).region
    best, most = None, 0
    for candidate in (p.region for p in plans.current_plans(session) if not p.is_reference):
        inside = int((_district_index(candidate, lon, lat) != OUTSIDE).sum())
        if inside > most:
            best, most = candidate, inside
    if best is None or most * 2 < len(lon):
        raise InputProblem(NO_CITY, field="plan")
    return best


def placed(
    session: Session,
    city: Region,
    lon: FloatArray,
    lat: FloatArray,
    named: Sequence[str | None],
    *,
    file: str,
) -> tuple[Placed, list[CellProblem]]:
    """Each point's district: the one its region cell names, else the one holding it."""
    districts = regions.ensure_known_children(session, region=city)
    by_text = {key: d.id for d in districts for key in _keys(d)}
    found = np.full(len(lon), NO_REGION, dtype=np.int64)
    problems = []
    for index, text in enumerate(named):
        if text:
            district = by_text.get(text.strip())
            if district is None:
                message = NOT_A_DISTRICT.format(text=text, city=city.name)
                problems.append(CellProblem(file, index + 2, "region", message))
            else:
                found[index] = district
    unnamed = np.array([not text for text in named], dtype=bool)
    found[unnamed] = _by_position(city, districts, lon[unnamed], lat[unnamed])
    return Placed(lon, lat, found), problems


def _keys(district: Region) -> tuple[str, ...]:
    return (district.name, district.code) if district.code else (district.name,)


def _by_position(
    city: Region, districts: list[Region], lon: FloatArray, lat: FloatArray
) -> IntArray:
    ids = np.array([*(d.id for d in districts), NO_REGION], dtype=np.int64)
    outlines = district_outlines(city.code or "")
    order = [outlines.get(d.code or "") for d in districts]
    index = _indices(order, lon, lat)
    return ids[np.where(index == OUTSIDE, len(districts), index)]


def _district_index(city: Region, lon: FloatArray, lat: FloatArray) -> IntArray:
    return _indices(list(district_outlines(city.code or "").values()), lon, lat)


def _indices(outlines: Sequence[BaseGeometry | None], lon: FloatArray, lat: FloatArray) -> IntArray:
    """Each point's index among the outlines (None where a district has no outline)."""
    gcj_lon, gcj_lat = wgs84_to_gcj02(lon, lat)
    shapes = [o for o in outlines if o is not None]
    positions = [i for i, o in enumerate(outlines) if o is not None]
    index = area_index(gcj_lon, gcj_lat, shapes)
    mapped = np.array([*positions, OUTSIDE], dtype=np.int64)
    return mapped[np.where(index == OUTSIDE, len(positions), index)]
