"""Synthetic facilities and residents for the demonstration (示例数据, labelled wherever
they show): 合肥's districts and counties, inside their real outlines, get resident grid
cells (500 m in the urban districts, 1 km elsewhere) whose people cluster around a few
centres and add up to the district's sample population, and facilities of every catalogue
type placed where people are, some districts provided above their norm and some below, so
that coverage, accessibility, norms and siting have something to show. Fixed seeds: the
same every time. No real population grid or facility list can be fetched here; real users
import their own."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry.base import BaseGeometry
from sqlalchemy.orm import Session

from minsheng.analytics.coordinates import from_metric, gcj02_to_wgs84, metric_crs_for, to_metric
from minsheng.data.boundaries import district_outlines
from minsheng.labels import SAMPLE_LABEL
from minsheng.model.facility_types import FacilityType, facility_types
from minsheng.model.gazetteer import CountyType, county_type, known_regions
from minsheng.store.repositories import population, regions
from minsheng.store.repositories.point_layers import (
    FACILITIES,
    RESIDENTS,
    FacilityPoint,
    LayerKey,
    PointColumns,
    add_facilities,
    add_residents,
    replace_layer,
)
from minsheng.store.tables import Region

FloatArray = npt.NDArray[np.float64]
SAMPLE_CITY = "340100"  # 合肥市
AS_OF = date(2025, 12, 31)
YEAR = 2025
CRS = "EPSG:4326"
RESIDENTS_PER_FACILITY: dict[str, tuple[float, float, float]] = {
    # type code: residents served by one facility, its capacity's mean and spread
    "community_health_center": (60_000, 40, 12),
    "community_health_station": (12_000, 1, 0),
    "childcare": (8_000, 34, 10),
    "kindergarten": (6_000, 270, 60),
    "primary_school": (12_000, 1_800, 400),
    "middle_school": (25_000, 1_500, 300),
    "elderly_care": (8_000, 850, 250),
    "culture_station": (40_000, 1_600, 400),
    "sports": (10_000, 24_000, 7_000),
}


@dataclass(frozen=True)
class SamplePoints:
    residents: int
    facilities: int


@dataclass(frozen=True)
class District:
    region: Region
    outline: BaseGeometry  # metric
    population: float


@dataclass(frozen=True)
class Cells:
    """A district's resident grid cells: centres (metric) and people."""

    district: District
    xy: FloatArray
    people: FloatArray


@dataclass(frozen=True)
class Target:
    """Where the sample goes: the city, its metric CRS, the author of the layers."""

    city: Region
    crs: str
    author: str


def add_sample_points(session: Session, *, author: str) -> SamplePoints:
    """Sample residents and facilities for 合肥 when its plan is stored (else nothing)."""
    city = regions.find_by_code(session, code=SAMPLE_CITY)
    if city is None:
        return SamplePoints(0, 0)
    target = Target(city, metric_crs_for(117.3), author)
    cells = [_cells(d) for d in _districts(session, city, target.crs)]
    _store_residents(session, target, cells)
    count = sum(
        _store_type(session, target, kind, cells)
        for kind in facility_types()
        if kind.code in RESIDENTS_PER_FACILITY
    )
    return SamplePoints(sum(len(c.xy) for c in cells), count)


def _districts(session: Session, city: Region, crs: str) -> list[District]:
    outlines = district_outlines(SAMPLE_CITY)
    below = [r for r in regions.ensure_known_children(session, region=city) if r.code in outlines]
    figures = population.figures_as_of(session, region_ids=[r.id for r in below], year=YEAR)
    return [
        District(
            r,
            _metric(outlines[r.code or ""], crs),
            figures[r.id].residents if r.id in figures else 500_000.0,
        )
        for r in below
    ]


def _metric(outline: BaseGeometry, crs: str) -> BaseGeometry:
    """A GCJ-02 outline in the metric CRS."""

    def convert(xy: FloatArray) -> FloatArray:
        lon, lat = gcj02_to_wgs84(xy[:, 0], xy[:, 1])
        return np.column_stack(to_metric(lon, lat, crs))

    return shapely.transform(outline, convert)


def _cells(district: District) -> Cells:
    """Grid cell centres inside the district, and the people in each."""
    rng = _rng("residents", district.region)
    spacing = 500.0 if urban_district(district.region) else 1_000.0
    west, south, east, north = district.outline.bounds
    gx, gy = np.meshgrid(
        np.arange(west, east, spacing) + spacing / 2, np.arange(south, north, spacing) + spacing / 2
    )
    inside = shapely.contains_xy(district.outline, gx.ravel(), gy.ravel())
    xy = np.column_stack([gx.ravel()[inside], gy.ravel()[inside]])
    density = _density(xy, district.outline, rng)
    return Cells(district, xy, np.round(district.population * density / density.sum()))


def _density(xy: FloatArray, outline: BaseGeometry, rng: np.random.Generator) -> FloatArray:
    """People cluster in the district's centre and a few towns, few live between."""
    centre = np.array(outline.representative_point().coords[0])
    towns = xy[rng.choice(len(xy), size=min(6, len(xy)), replace=False)]
    found = 0.01 + 4 * np.exp(-np.hypot(*(xy - centre).T) / 2_500)
    for town in towns:
        found += rng.uniform(0.4, 1.2) * np.exp(-np.hypot(*(xy - town).T) / 1_200)
    return found * rng.uniform(0.8, 1.2, len(xy))


def _store_residents(session: Session, target: Target, cells: list[Cells]) -> None:
    xy = np.concatenate([c.xy for c in cells])
    lon, lat = from_metric(xy[:, 0], xy[:, 1], target.crs)
    ids = np.concatenate([np.full(len(c.xy), c.district.region.id, np.int64) for c in cells])
    people = np.concatenate([c.people for c in cells])
    layer = _layer(session, target, LayerKey(target.city.id, RESIDENTS, "", AS_OF))
    add_residents(session, layer, PointColumns(lon, lat, people, ids))


def _store_type(session: Session, target: Target, kind: FacilityType, cells: list[Cells]) -> int:
    """Facilities of one type in every district, where people are; some districts above
    the type's usual provision, some below."""
    points = [point for c in cells for point in _placed(kind, c, target.crs)]
    layer = _layer(session, target, LayerKey(target.city.id, FACILITIES, kind.code, AS_OF))
    add_facilities(session, layer, points)
    return len(points)


def _placed(kind: FacilityType, cells: Cells, crs: str) -> list[FacilityPoint]:
    district, xy, people = cells.district, cells.xy, cells.people
    rng = _rng(kind.code, district.region)
    served, mean, spread = RESIDENTS_PER_FACILITY[kind.code]
    count = max(1, round(district.population / served * rng.uniform(0.55, 1.35)))
    weight = people**1.5 / (people**1.5).sum()
    chosen = rng.choice(len(xy), size=min(count, len(xy)), replace=False, p=weight)
    count = len(chosen)
    at = xy[chosen] + rng.uniform(-200, 200, size=(count, 2))
    lon, lat = from_metric(at[:, 0], at[:, 1], crs)
    capacity = np.maximum(np.round(rng.normal(mean, spread, count)), 1.0)
    name = f"{district.region.name}{kind.name}"
    return [
        FacilityPoint(
            f"{name}{k + 1}（{SAMPLE_LABEL}）",
            float(lon[k]),
            float(lat[k]),
            float(capacity[k]),
            "运营",
            district.region.id,
        )
        for k in range(count)
    ]


def _layer(session: Session, target: Target, key: LayerKey) -> int:
    layer, _ = replace_layer(
        session, key, source=SAMPLE_LABEL, crs=CRS, author=target.author, is_sample=True
    )
    return layer.id


def urban_district(region: Region) -> bool:
    """Whether the region is a 市辖区 (the samples make towns denser there)."""
    known = known_regions().get(region.code or "")
    return known is not None and county_type(known) is CountyType.URBAN_DISTRICT


def _rng(*parts: object) -> np.random.Generator:
    text = "/".join(p.code or p.name if isinstance(p, Region) else str(p) for p in parts)
    return np.random.default_rng(zlib.crc32(text.encode("utf-8")))
