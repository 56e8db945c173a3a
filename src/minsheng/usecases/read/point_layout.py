"""The points a service-radius analysis works on, read once per plan, facility type and
day: the plan's city and districts, its residents and the facilities of the type in force
(each type's latest layer dated on or before the day), in WGS84 for maps and in the city's
metric CGCS2000 Gauss–Krüger zone for distances."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt
from sqlalchemy.orm import Session

from minsheng.analytics.coordinates import metric, metric_crs_for, to_metric
from minsheng.errors import InputProblem, NotFound
from minsheng.model.facility_types import FacilityType, facility_type, facility_types
from minsheng.store.repositories import plans, regions
from minsheng.store.repositories.point_layers import (
    FACILITIES,
    RESIDENTS,
    PointColumns,
    facility_columns,
    layers_in_force,
    resident_columns,
)
from minsheng.store.tables import PointLayer, Region
from minsheng.usecases.cache import cached
from minsheng.usecases.read.plans import RegionRef

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
NO_RESIDENTS = "no residents are stored for {city}: import them with 'minsheng residents import'"
UNKNOWN_TYPE = "unknown facility type {text!r}; known types: {known}"


@dataclass(frozen=True)
class Points:
    """Points in WGS84 and metric coordinates, their weight (population or capacity), and
    their district as an index into the layout's districts (-1 outside them all)."""

    lon: FloatArray
    lat: FloatArray
    xy: FloatArray
    weight: FloatArray
    district: IntArray
    names: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.lon)


@dataclass(frozen=True)
class Layout:
    """A plan's city, districts, residents and facilities of one type on a day."""

    plan_id: int
    city: RegionRef
    districts: tuple[RegionRef, ...]
    crs: str
    kind: FacilityType
    residents: Points
    facilities: Points
    residents_as_of: date
    facilities_as_of: date | None
    is_sample: bool

    def metric(self, lon: FloatArray, lat: FloatArray) -> FloatArray:
        return np.column_stack(to_metric(lon, lat, self.crs))


def type_named(text: str) -> FacilityType:
    """A catalogue type by its code, name or alias (an unknown one lists the known)."""
    found = facility_type(text)
    if found is None:
        known = "、".join(kind.name for kind in facility_types())
        raise InputProblem(UNKNOWN_TYPE.format(text=text, known=known), field="type")
    return found


def layout(
    session: Session,
    *,
    plan_id: int,
    type_code: str,
    on: date | None = None,
    metric_crs: str | None = None,
) -> Layout:
    """The points in force on `on` (default: the newest), measured in `metric_crs`
    (default: the city's CGCS2000 zone), read once until a write."""
    day, kind = on or date.max, type_named(type_code)
    crs = metric(metric_crs) if metric_crs else None
    key = ("point_layout", plan_id, kind.code, day, crs)
    return cached(session, key, lambda: _layout(session, plan_id, kind, day, crs))


def _layout(
    session: Session, plan_id: int, kind: FacilityType, day: date, chosen: str | None
) -> Layout:
    plan = plans.get_plan(session, plan_id=plan_id)
    if plan is None:
        raise NotFound(f"no plan with id {plan_id}")
    city = plan.region
    people = _latest(session, city, RESIDENTS, "", day)
    if people is None:
        raise NotFound(NO_RESIDENTS.format(city=city.name))
    districts = regions.children(session, region_id=city.id)
    residents = resident_columns(session, people.id)
    crs = chosen or metric_crs_for(float(np.nanmedian(residents.lon)))
    sites = _latest(session, city, FACILITIES, kind.code, day)
    found = facility_columns(session, sites.id) if sites else _no_points()
    index = {d.id: i for i, d in enumerate(districts)}
    return Layout(
        plan_id, _ref(city), tuple(map(_ref, districts)), crs, kind,
        _points(residents, crs, index), _points(found, crs, index), people.as_of,
        sites.as_of if sites else None, people.is_sample or bool(sites and sites.is_sample),
    )  # fmt: skip


def _latest(session: Session, city: Region, kind: str, code: str, day: date) -> PointLayer | None:
    layers = layers_in_force(session, city_id=city.id, kind=kind, on=day)
    return next((layer for layer in layers if layer.type_code == code), None)


def _points(columns: PointColumns, crs: str, index: dict[int, int]) -> Points:
    x, y = to_metric(columns.lon, columns.lat, crs)
    district = _district_index(columns.region_id, index)
    return Points(columns.lon, columns.lat, np.column_stack([x, y]), columns.weight, district,
                  columns.names)  # fmt: skip


def _district_index(region_id: IntArray, index: dict[int, int]) -> IntArray:
    """Each point's district as an index into the layout's districts, -1 for none (or a
    region not among them), looked up once per distinct region rather than per point."""
    regions, inverse = np.unique(region_id, return_inverse=True)
    found = np.array([index.get(int(r), -1) for r in regions], dtype=np.int64)
    return found[inverse.reshape(-1)] if len(region_id) else np.zeros(0, dtype=np.int64)


def _no_points() -> PointColumns:
    empty = np.empty(0)
    return PointColumns(empty, empty, empty, np.empty(0, dtype=np.int64))


def _ref(region: Region) -> RegionRef:
    return RegionRef(region.id, region.name, region.code)
