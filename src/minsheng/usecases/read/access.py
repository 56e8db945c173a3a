"""Service radius on a plan's map: how many residents live within reach of a facility
type (coverage and blind spots), how much supply each can reach (2SFCA, E2SFCA, gravity),
and where new sites would reach the most uncovered residents (MCLP). Results carry region
ids; names are attached for the edges. Method: docs/accessibility.md."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from sqlalchemy.orm import Session

from minsheng.analytics.coverage import coverage_by_group, covered
from minsheng.analytics.fca import Weighting, accessibility, weighted_mean_by_group
from minsheng.analytics.network import network, network_pairs
from minsheng.analytics.network_access import accessibility_by, covered_by, weight_of
from minsheng.analytics.proximity import Pairs
from minsheng.usecases.read.plans import RegionRef
from minsheng.usecases.read.point_layout import Layout, Points, layout

BLIND_SPOTS_SHOWN = 2_000
"""The most populous uncovered points a result lists (all are counted)."""


@dataclass(frozen=True)
class Area:
    """A district's (or the city's) residents, those covered, and the share."""

    region: RegionRef | None
    population: float
    covered: float

    @property
    def share(self) -> float | None:
        return self.covered / self.population if self.population > 0 else None


@dataclass(frozen=True)
class Spot:
    """A resident point: where (WGS84), how many people, which district."""

    lon: float
    lat: float
    population: float
    region_id: int | None


@dataclass(frozen=True)
class Setting:
    """What an analysis ran on: the plan, the facility type, the radius and the data."""

    plan_id: int
    city: RegionRef
    type_code: str
    type_name: str
    radius: float
    facilities: int
    residents_as_of: date
    facilities_as_of: date | None
    is_sample: bool
    distance: str = "straight"
    """How distances were measured: "straight" lines, or along the "network" of roads."""
    metric_crs: str = ""
    """The projected CRS distances were measured in."""


@dataclass(frozen=True)
class Coverage:
    setting: Setting
    total: Area
    by_region: tuple[Area, ...]
    blind_spots: tuple[Spot, ...]
    blind_spot_count: int


@dataclass(frozen=True)
class Roads:
    """A road network in WGS84: node coordinates and edges as node index pairs."""

    lon: np.ndarray
    lat: np.ndarray
    edges: np.ndarray


def setting_of(found: Layout, radius: float | None, roads: Roads | None = None) -> Setting:
    return Setting(
        found.plan_id, found.city, found.kind.code, found.kind.name,
        float(radius if radius is not None else found.kind.radius_m), len(found.facilities),
        found.residents_as_of, found.facilities_as_of, found.is_sample,
        "network" if roads is not None else "straight", found.crs,
    )  # fmt: skip


def _network_pairs(found: Layout, roads: Roads, radius: float) -> list[Pairs]:
    """Every resident–facility pair within the radius along the roads."""
    net = network(found.metric(roads.lon, roads.lat), roads.edges)
    return list(network_pairs(net, found.residents.xy, found.facilities.xy, radius))


def coverage(
    session: Session,
    *,
    plan_id: int,
    type_code: str,
    radius: float | None = None,
    on: date | None = None,
    roads: Roads | None = None,
    metric_crs: str | None = None,
) -> Coverage:
    """The share of residents within the radius of a facility, city-wide and per district,
    and the uncovered points, most populous first; along the roads if given."""
    found = layout(session, plan_id=plan_id, type_code=type_code, on=on, metric_crs=metric_crs)
    setting = setting_of(found, radius, roads)
    people = found.residents
    if roads is None:
        reached = covered(people.xy, found.facilities.xy, setting.radius)
    else:
        reached = covered_by(_network_pairs(found, roads, setting.radius), len(people))
    return Coverage(setting, *_areas(found, reached), *_blind(found, reached))


def _areas(found: Layout, reached: np.ndarray) -> tuple[Area, tuple[Area, ...]]:
    people = found.residents
    totals = coverage_by_group(people.weight, reached, groups_of(found), len(found.districts) + 1)
    by_region = tuple(
        Area(district, float(totals.population[i]), float(totals.covered[i]))
        for i, district in enumerate(found.districts)
        if totals.population[i] > 0
    )
    total = Area(None, float(people.weight.sum()), float(people.weight[reached].sum()))
    return total, by_region


def groups_of(found: Layout) -> np.ndarray:
    """District indices, points outside every district in a last, unreported group."""
    district = found.residents.district
    return np.where(district < 0, len(found.districts), district)


def _blind(found: Layout, reached: np.ndarray) -> tuple[tuple[Spot, ...], int]:
    people = found.residents
    open_points = np.flatnonzero(~reached & (people.weight > 0))
    shown = open_points[np.argsort(-people.weight[open_points], kind="stable")][:BLIND_SPOTS_SHOWN]
    return tuple(spot(found, int(i)) for i in shown), len(open_points)


def spot(found: Layout, index: int) -> Spot:
    """A resident point by its index, with its district's id."""
    people, district = found.residents, int(found.residents.district[index])
    region = found.districts[district].id if district >= 0 else None
    return Spot(float(people.lon[index]), float(people.lat[index]),
                float(people.weight[index]), region)  # fmt: skip


@dataclass(frozen=True)
class RegionScore:
    """A district's residents and their population-weighted mean accessibility."""

    region: RegionRef
    population: float
    score: float | None


@dataclass(frozen=True)
class Accessibility:
    """2SFCA (or E2SFCA, gravity) scores: capacity in reach per resident, per point and
    as each district's population-weighted mean."""

    setting: Setting
    weighting: Weighting
    score: np.ndarray
    """One per resident point, in the layout's order (see `points`)."""
    points: Points
    districts: tuple[RegionRef, ...]
    mean: float | None
    by_region: tuple[RegionScore, ...]


def accessibility_of(
    session: Session,
    *,
    plan_id: int,
    type_code: str,
    radius: float | None = None,
    weighting: Weighting = "none",
    on: date | None = None,
    roads: Roads | None = None,
    metric_crs: str | None = None,
) -> Accessibility:
    """Each resident point's score and the districts' means (capacity: the facilities'
    own, or 1 each where a facility gives none); along the roads if given."""
    found = layout(session, plan_id=plan_id, type_code=type_code, on=on, metric_crs=metric_crs)
    setting = setting_of(found, radius, roads)
    people, sites = found.residents, found.facilities
    capacity = np.where(np.isnan(sites.weight), 1.0, sites.weight)
    if roads is None:
        score = accessibility(people.xy, people.weight, sites.xy, capacity, setting.radius,
                              weighting)  # fmt: skip
    else:
        listed = _network_pairs(found, roads, setting.radius)
        score = accessibility_by(listed, people.weight, capacity,
                                 weight_of(weighting, setting.radius))  # fmt: skip
    means = weighted_mean_by_group(score, people.weight, groups_of(found), len(found.districts) + 1)
    mean = weighted_mean_by_group(score, people.weight, np.zeros(len(score), np.int64), 1)[0]
    by_region = tuple(
        RegionScore(d, float(people.weight[people.district == i].sum()), number_or_none(means[i]))
        for i, d in enumerate(found.districts)
        if (people.district == i).any()
    )
    return Accessibility(
        setting, weighting, score, people, found.districts, number_or_none(mean), by_region
    )


def number_or_none(value: float) -> float | None:
    """NaN (undefined) as None, for results that leave the analytics core."""
    return None if np.isnan(value) else float(value)
