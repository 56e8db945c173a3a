"""Synthetic monitoring data for the demonstration, labelled 示例数据 everywhere: each city
plan's districts get values for 2021–2025 on the plan's quantitative indicators, moving
from around the city's baseline towards its target (counties starting lower and catching
up), and populations; so that evaluation, warnings and equalization have something to
show. Generated from fixed seeds: the same plans always give the same numbers."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np
from sqlalchemy.orm import Session

from minsheng.labels import SAMPLE_LABEL
from minsheng.model.observation import ReviewState, Source
from minsheng.store.repositories import (
    audit,
    observations,
    plan_parts,
    plans,
    point_layers,
    population,
    regions,
    values,
)
from minsheng.store.repositories.observations import NewRevision
from minsheng.store.repositories.population import PopulationFigure
from minsheng.store.tables import Indicator, Plan, Region
from minsheng.usecases.cache import cached
from minsheng.usecases.sample_points import SamplePoints, add_sample_points, urban_district

YEARS = range(2021, 2026)
POPULATION_YEARS = range(2020, 2026)


@dataclass(frozen=True)
class SampleData:
    values: int
    populations: int
    points: SamplePoints
    """Residents' grid cells and facilities for 合肥 (when its plan is stored)."""


def add_sample_data(session: Session, *, author: str) -> SampleData:
    """Sample district values and populations for every current city plan with districts."""
    revisions: list[NewRevision] = []
    figures: list[PopulationFigure] = []
    for plan in plans.current_plans(session):
        below = _districts(session, plan)
        if plan.is_reference or not below:
            continue
        for indicator in plan_parts.indicators_of(session, plan_id=plan.id):
            revisions += _values(indicator, below)
        figures += [f for region in below for f in _populations(region)]
    observations.add_revisions(
        session, revisions=revisions, state=ReviewState.APPROVED, author=author
    )
    population.put_figures(session, figures)
    points = add_sample_points(session, author=author)
    detail = {
        "values": len(revisions),
        "populations": len(figures),
        "label": SAMPLE_LABEL,
        "residents": points.residents,
        "facilities": points.facilities,
    }
    audit.record(
        session, username=author, action="generate", entity="sample_data", entity_id=None,
        detail=detail,
    )  # fmt: skip
    return SampleData(len(revisions), len(figures), points)


def holds_sample_data(session: Session) -> bool:
    """Whether the database holds any of it (pages then say 示例数据); cached until a write."""
    return cached(session, ("holds_sample_data",), lambda: _holds(session))


def _holds(session: Session) -> bool:
    return (
        population.holds_source(session, source=SAMPLE_LABEL)
        or values.holds_labelled(session, note=SAMPLE_LABEL)
        or point_layers.holds_sample(session)
    )


def _districts(session: Session, plan: Plan) -> list[Region]:
    return regions.ensure_known_children(session, region=plan.region)


def _values(indicator: Indicator, below: list[Region]) -> list[NewRevision]:
    """Each district's path from around the baseline towards the target."""
    start, aim = indicator.fact_baseline, _aim(indicator)
    if start is None or aim is None or indicator.fact_cumulative or start <= 0:
        return []
    rng = np.random.default_rng(_seed(indicator.name, below[0].code or ""))
    revisions = []
    for region in below:
        lag = 0.08 if urban_district(region) else -0.10  # counties start lower and catch up
        first = start * (1 + lag + rng.normal(0, 0.04))
        last = aim * (1 + lag / 3 + rng.normal(0, 0.02))
        for k, year in enumerate(YEARS, start=1):
            value = first + (last - first) * k / len(YEARS) + rng.normal(0, 0.01) * start
            revisions.append(_revision(indicator, region, year, _bounded(indicator, value)))
    return revisions


def _aim(indicator: Indicator) -> float | None:
    for bound in (indicator.fact_low, indicator.fact_high):
        if bound is not None and np.isfinite(bound):
            return bound
    return None


def _bounded(indicator: Indicator, value: float) -> float:
    top = 100.0 if (indicator.unit or "").strip() in {"%", "％"} else np.inf
    return round(float(min(max(value, 0.0), top)), 2)


def _revision(indicator: Indicator, region: Region, year: int, value: float) -> NewRevision:
    key = (indicator.id, region.id, year)
    return NewRevision(key, value, Source.DEPARTMENT.value, indicator.unit, SAMPLE_LABEL)


def _populations(region: Region) -> list[PopulationFigure]:
    rng = np.random.default_rng(_seed("population", region.code or region.name))
    base = rng.uniform(60, 130) if urban_district(region) else rng.uniform(35, 100)
    growth = rng.uniform(-0.004, 0.012)
    return [
        PopulationFigure(
            region.id, year, round(base * 10_000 * (1 + growth) ** (year - 2020)), None,
            SAMPLE_LABEL,
        )
        for year in POPULATION_YEARS
    ]  # fmt: skip


def _seed(*parts: str) -> int:
    return zlib.crc32("/".join(parts).encode("utf-8"))
