"""Provision norms per district for a plan's city in a year: for each facility type the
catalogue gives a norm (托位 per 1,000 residents, 养老 m² per 100 households, residents per
社区卫生服务中心, sports m² per resident), each district's supply in force at the year's
end against its population of the year (or the latest before), with the shortfall.
Method: docs/accessibility.md."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import cast

import numpy as np
from sqlalchemy.orm import Session

from minsheng.analytics.norms import HOUSEHOLD_SIZE, NormKind, provision
from minsheng.model.facility_types import FacilityType, Norm, facility_type
from minsheng.store.repositories import population, regions
from minsheng.store.repositories.point_layers import FACILITIES, facility_columns, layers_in_force
from minsheng.store.tables import PointLayer
from minsheng.usecases.read.access import number_or_none
from minsheng.usecases.read.plans import RegionRef, stored_plan


@dataclass(frozen=True)
class NormRow:
    """A district's (or, with no region, the city's) provision against the norm."""

    region: RegionRef | None
    population: float | None
    supply: float
    measure: float | None
    meets: bool | None
    shortfall: float | None


@dataclass(frozen=True)
class NormTable:
    type_code: str
    type_name: str
    capacity_unit: str
    norm: Norm
    facilities: int
    as_of: date
    rows: tuple[NormRow, ...]
    total: NormRow
    is_sample: bool


@dataclass(frozen=True)
class Norms:
    plan_id: int
    city: RegionRef
    year: int
    tables: tuple[NormTable, ...]
    missing_population: tuple[str, ...]
    """Districts with no population figure for the year or before (not judged)."""


@dataclass(frozen=True)
class _Districts:
    """The districts, their residents and households (NaN where unknown)."""

    refs: tuple[RegionRef | None, ...]
    people: np.ndarray
    homes: np.ndarray


def norms(session: Session, *, plan_id: int, year: int) -> Norms:
    """Every catalogue type with a norm and facilities in force on 31 December of `year`."""
    plan = stored_plan(session, plan_id=plan_id)
    below = _districts(session, plan.region_id, year)
    on = date(year, 12, 31)
    tables = tuple(
        _table(session, layer, kind, below)
        for layer in layers_in_force(session, city_id=plan.region_id, kind=FACILITIES, on=on)
        if (kind := facility_type(layer.type_code)) is not None and kind.norm is not None
    )
    missing = tuple(
        ref.name for ref, p in zip(below.refs, below.people, strict=True) if ref and np.isnan(p)
    )
    city = RegionRef(plan.region.id, plan.region.name, plan.region.code)
    return Norms(plan_id, city, year, tables, missing)


def _districts(session: Session, city_id: int, year: int) -> _Districts:
    """Households as published, else residents over the census household size."""
    districts = regions.children(session, region_id=city_id)
    figures = population.figures_as_of(session, region_ids=[d.id for d in districts], year=year)
    people = np.array([figures[d.id].residents if d.id in figures else np.nan for d in districts])
    given = np.array([_households(figures.get(d.id)) for d in districts])
    homes = np.where(np.isnan(given), people / HOUSEHOLD_SIZE, given)
    return _Districts(tuple(RegionRef(d.id, d.name, d.code) for d in districts), people, homes)


def _households(figure: population.PopulationFigure | None) -> float:
    return np.nan if figure is None or figure.households is None else figure.households


def _table(session: Session, layer: PointLayer, kind: FacilityType, below: _Districts) -> NormTable:
    norm = cast(Norm, kind.norm)
    sites = facility_columns(session, layer.id)
    index = {ref.id: i for i, ref in enumerate(below.refs) if ref}
    where = np.array([index.get(r, -1) for r in sites.region_id.tolist()], dtype=np.int64)
    counted = np.ones(len(where)) if norm.kind == "residents_per_facility" else sites.weight
    inside = where >= 0
    supply = np.bincount(where[inside], np.nan_to_num(counted[inside]), len(below.refs))
    city = _Districts(
        (None,), np.array([np.nansum(below.people)]), np.array([np.nansum(below.homes)])
    )
    return NormTable(
        kind.code, kind.name, kind.capacity_unit, norm, len(where), layer.as_of,
        _rows(norm, below, supply), _rows(norm, city, np.array([supply.sum()]))[0],
        layer.is_sample,
    )  # fmt: skip


def _rows(norm: Norm, below: _Districts, supply: np.ndarray) -> tuple[NormRow, ...]:
    found = provision(cast(NormKind, norm.kind), norm.value, below.people, supply,
                      households=below.homes)  # fmt: skip
    columns = (below.refs, below.people, supply, found.measure, found.meets, found.shortfall)
    return tuple(
        NormRow(
            ref,
            number_or_none(p),
            float(s),
            number_or_none(m),
            None if np.isnan(p) else bool(ok),
            number_or_none(short),
        )
        for ref, p, s, m, ok, short in zip(*columns, strict=True)
    )
