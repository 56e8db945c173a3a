"""Everything the 均等化 page shows: the plan's indicators to choose from, the chosen
indicator's equalization in the chosen year, and the district map to colour."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from minsheng.data.boundaries import district_map
from minsheng.errors import NotFound
from minsheng.labels import SAMPLE_LABEL
from minsheng.store.repositories import plan_parts, regions, values
from minsheng.usecases.read.district_domains import DomainHeatmap, district_domains
from minsheng.usecases.read.equalization import Equalization, equalization, not_in_plan
from minsheng.usecases.read.evaluations import default_year
from minsheng.usecases.read.plans import PlanSummary, get_plan
from minsheng.usecases.read.targets import base_year


@dataclass(frozen=True)
class IndicatorOption:
    id: int
    name: str
    domain: str
    unit: str | None
    district_years: list[int]


@dataclass(frozen=True)
class EqualizationView:
    plan: PlanSummary
    options: list[IndicatorOption]
    chosen: IndicatorOption | None
    years: list[int]
    year: int
    result: Equalization | None
    """None when the plan's region has no districts (a district's own plan)."""
    geometry: dict[str, Any] | None
    heatmap: DomainHeatmap | None
    sample_label: str


def equalization_view(
    session: Session, *, plan_id: int, indicator_id: int | None, year: int | None
) -> EqualizationView:
    """The page for one indicator and year; by default the first indicator districts report
    on, in the newest year they reported."""
    plan = get_plan(session, plan_id=plan_id)
    options = _options(session, plan_id)
    chosen = _chosen(options, indicator_id)
    if indicator_id is not None and chosen is None:
        raise NotFound(not_in_plan(plan_id, indicator_id))
    years = list(range(base_year(plan), (plan.period_end or 2025) + 1))
    shown = year or (chosen.district_years[0] if chosen and chosen.district_years else None)
    shown = shown or default_year(plan)
    below = regions.children(session, region_id=plan.region.id)
    has_districts = bool(below)
    result = (
        equalization(session, plan_id=plan_id, indicator_id=chosen.id, year=shown)
        if chosen is not None and has_districts
        else None
    )
    geometry = district_map(plan.region.code) if plan.region.code and has_districts else None
    heatmap = (
        district_domains(session, plan_id=plan_id, below=below, year=shown)
        if has_districts
        else None
    )
    return EqualizationView(
        plan, options, chosen, years, shown, result, geometry, heatmap, SAMPLE_LABEL
    )


def _options(session: Session, plan_id: int) -> list[IndicatorOption]:
    reported = values.district_years(session, plan_id=plan_id)
    return [
        IndicatorOption(i.id, i.name, i.domain, i.unit, reported.get(i.id, []))
        for i in plan_parts.indicators_of(session, plan_id=plan_id)
    ]


def _chosen(options: list[IndicatorOption], indicator_id: int | None) -> IndicatorOption | None:
    if indicator_id is not None:
        return next((o for o in options if o.id == indicator_id), None)
    reported = [o for o in options if o.district_years]
    return next(iter(reported or options), None)
