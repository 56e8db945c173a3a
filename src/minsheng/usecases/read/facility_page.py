"""Everything the 设施布局 page shows for a plan: the facility types with points, the
chosen type's coverage (per district, with blind spots) and accessibility, new sites if
asked for, the provision norms, and the map's points (in GCJ-02, as the outlines are)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from minsheng.analytics.coordinates import wgs84_to_gcj02
from minsheng.data.boundaries import district_map
from minsheng.model.facility_types import facility_type, facility_types
from minsheng.store.repositories.point_layers import (
    FACILITIES,
    RESIDENTS,
    layers_in_force,
    point_counts,
)
from minsheng.usecases.clock import beijing_today
from minsheng.usecases.read.access import (
    Accessibility,
    Coverage,
    Spot,
    accessibility_of,
    coverage,
)
from minsheng.usecases.read.norms import Norms, norms
from minsheng.usecases.read.plans import PlanSummary, get_plan
from minsheng.usecases.read.point_layout import Layout, layout
from minsheng.usecases.read.siting import SitingResult, siting

FACILITIES_SHOWN = 5_000
"""The facilities a map draws at most (all are counted and analysed)."""


@dataclass(frozen=True)
class TypeOption:
    code: str
    name: str
    radius: float
    facilities: int
    as_of: date


@dataclass(frozen=True)
class SitingRequest:
    count: int
    exact: bool = False


@dataclass(frozen=True)
class FacilityView:
    plan: PlanSummary
    types: list[TypeOption]
    chosen: TypeOption | None
    radius: float | None
    coverage: Coverage | None
    access: Accessibility | None
    map: dict[str, Any] | None
    year: int
    norms: Norms
    siting: SitingResult | None = None
    asked_radius: float | None = None
    """The radius asked for (None: each type's own)."""


def facility_view(
    session: Session,
    *,
    plan_id: int,
    type_code: str | None = None,
    radius: float | None = None,
    siting: SitingRequest | None = None,
    year: int | None = None,
) -> FacilityView:
    """The page for a type (default: the first with points) and radius (default: its
    life circle's), new sites if asked for, the norms of `year` (default: last year's);
    without residents stored, the types and norms only."""
    plan = get_plan(session, plan_id=plan_id)
    types = type_options(session, city_id=plan.region.id)
    chosen = next((t for t in types if t.code == type_code), types[0] if types else None)
    norm_year = year or beijing_today().year - 1
    provision = norms(session, plan_id=plan_id, year=norm_year)
    if chosen is None or not _has_residents(session, plan.region.id):
        return FacilityView(plan, types, chosen, None, None, None, None, norm_year, provision)
    found = coverage(session, plan_id=plan_id, type_code=chosen.code, radius=radius)
    access = accessibility_of(session, plan_id=plan_id, type_code=chosen.code, radius=radius)
    sites = _sites(session, plan_id, chosen.code, radius, siting)
    shown = _map(plan, layout(session, plan_id=plan_id, type_code=chosen.code), found, sites)
    return FacilityView(plan, types, chosen, found.setting.radius, found, access, shown,
                        norm_year, provision, sites, radius)  # fmt: skip


def _sites(
    session: Session,
    plan_id: int,
    type_code: str,
    radius: float | None,
    asked: SitingRequest | None,
) -> SitingResult | None:
    if asked is None:
        return None
    return siting(session, plan_id=plan_id, type_code=type_code, count=asked.count,
                  radius=radius, exact=asked.exact)  # fmt: skip


def _has_residents(session: Session, city_id: int) -> bool:
    return bool(layers_in_force(session, city_id=city_id, kind=RESIDENTS, on=date.max))


def type_options(session: Session, *, city_id: int, on: date = date.max) -> list[TypeOption]:
    """The catalogue types with facilities stored for the city (in force on `on`), in
    catalogue order."""
    layers = layers_in_force(session, city_id=city_id, kind=FACILITIES, on=on)
    counts = point_counts(session, [layer.id for layer in layers])
    options = []
    for layer in layers:
        kind = facility_type(layer.type_code)
        if kind is not None:
            options.append(TypeOption(kind.code, kind.name, kind.radius_m,
                                      counts.get(layer.id, 0), layer.as_of))  # fmt: skip
    order = {kind.code: index for index, kind in enumerate(facility_types())}
    return sorted(options, key=lambda option: order[option.code])


def _map(
    plan: PlanSummary, points: Layout, found: Coverage, new: SitingResult | None
) -> dict[str, Any] | None:
    code = plan.region.code
    if not code or district_map(code) is None:
        return None
    sites = points.facilities
    lon, lat = wgs84_to_gcj02(sites.lon[:FACILITIES_SHOWN], sites.lat[:FACILITIES_SHOWN])
    names = sites.names[:FACILITIES_SHOWN]

    return {
        "mapUrl": f"/maps/districts/{code}.json",
        "mapName": code,
        "facilities": [[_round(x), _round(y), n] for x, y, n in zip(lon, lat, names, strict=True)],
        "blindSpots": _spots(found.blind_spots),
        "newSites": _new_sites(new),
        "newlyCovered": _spots(new.reached if new else ()),
    }


def _spots(spots: Sequence[Spot]) -> list[list[float]]:
    """Resident points for the map: GCJ-02 longitude, latitude and population."""
    lon, lat = wgs84_to_gcj02([s.lon for s in spots], [s.lat for s in spots])
    return [
        [_round(x), _round(y), round(s.population)] for x, y, s in zip(lon, lat, spots, strict=True)
    ]


def _new_sites(sites: SitingResult | None) -> list[list[float]]:
    chosen = sites.sites if sites else ()
    lon, lat = wgs84_to_gcj02([s.lon for s in chosen], [s.lat for s in chosen])
    return [
        [_round(x), _round(y), round(s.newly_covered)]
        for x, y, s in zip(lon, lat, chosen, strict=True)
    ]


def _round(degrees: float) -> float:
    return round(float(degrees), 5)  # about 1 m
