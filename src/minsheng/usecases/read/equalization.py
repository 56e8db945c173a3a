"""How equal a plan's districts are on one indicator in one year: each district's value,
population and whether it reaches the plan's target; the inequality measures unweighted
and population-weighted with their 城区/县 split; and the trend of the spread since the
plan's base year (docs/equalization.md).

Values are those in force for the year itself (a district that has not reported that year
is listed without a value and left out of the measures); populations are the year's or
else the latest before it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from sqlalchemy.orm import Session

from minsheng.analytics.inequality import prepare
from minsheng.analytics.measures import Measures, Trend, measures, trend
from minsheng.errors import InputProblem, NotFound
from minsheng.evaluate.status import STATUSES, Status, evaluate_arrays
from minsheng.labels import SAMPLE_LABEL
from minsheng.model.gazetteer import CountyType, county_type, known_regions
from minsheng.store.repositories import plan_parts, plans, population, regions, values
from minsheng.store.tables import Indicator, Plan, Region
from minsheng.usecases.read.evaluations import evaluate_plans
from minsheng.usecases.read.targets import base_year

GROUPINGS: dict[str, dict[CountyType | None, str]] = {
    "urban_county": {
        CountyType.URBAN_DISTRICT: "城区",
        CountyType.COUNTY: "县（市）",
        CountyType.COUNTY_CITY: "县（市）",
        None: "其他",
    },
    "county_type": {
        CountyType.URBAN_DISTRICT: "市辖区",
        CountyType.COUNTY: "县",
        CountyType.COUNTY_CITY: "县级市",
        None: "其他",
    },
}
"""The groupings of the Theil split, from the GB/T 2260 code: 城区 against 县 and
county-level cities (the default), or 市辖区, 县 and 县级市 apart; `其他` holds regions
the gazetteer does not type."""
OTHER_GROUP = "其他"
"""The group of a district a grouping does not place."""
_ACHIEVED = STATUSES.index(Status.ACHIEVED)
_MEASURES = ("cv", "gini", "theil_t", "theil_l", "max_min_ratio")


@dataclass(frozen=True)
class DistrictValue:
    region_id: int
    region: str
    code: str | None
    group: str
    value: float | None
    population: float | None
    reaching_target: bool | None


@dataclass(frozen=True)
class Indices:
    """The measures of one weighting, None where undefined (docs/equalization.md)."""

    cv: float | None
    gini: float | None
    theil_t: float | None
    theil_l: float | None
    max_min_ratio: float | None
    theil_t_between: float | None
    theil_t_within: float | None
    theil_l_between: float | None
    theil_l_within: float | None


@dataclass(frozen=True)
class Equalization:
    plan_id: int
    indicator_id: int
    indicator: str
    unit: str | None
    year: int
    grouping: str
    regions: list[DistrictValue]
    unweighted: Indices
    weighted: Indices | None
    """None when a district with a value has no population figure (`missing_population`)."""
    missing_population: list[str]
    reaching_target: int
    with_value: int
    trend_years: list[int]
    trend_cv: list[float | None]
    convergence: Trend
    sample: bool
    """Whether any value or population shown is synthetic (示例数据)."""


def not_in_plan(plan_id: int, indicator_id: int) -> str:
    """What a page or the API says of an indicator asked for under a plan it is not in."""
    return f"规划 {plan_id} 中没有编号为 {indicator_id} 的指标"


def equalization(
    session: Session,
    *,
    plan_id: int,
    indicator_id: int,
    year: int,
    grouping: str = "urban_county",
    groups: Mapping[str, str] | None = None,
) -> Equalization:
    """The equalization of one of the plan's indicators among its districts in `year`,
    the Theil split by `grouping` (one of `GROUPINGS`), or by `groups` when given: a
    group name for each district, by name or GB/T 2260 code (others are `其他`)."""
    if groups is None and grouping not in GROUPINGS:
        raise InputProblem(
            f"unknown grouping {grouping!r}: {', '.join(GROUPINGS)}", field="group_by"
        )
    plan = plans.get_plan(session, plan_id=plan_id)
    found = plan_parts.get_indicator(session, indicator_id=indicator_id)
    if plan is None or found is None or found.plan_id != plan_id:
        raise NotFound(not_in_plan(plan_id, indicator_id))
    below = regions.children(session, region_id=plan.region_id)
    if not below:
        raise InputProblem(f"{plan.region.name} has no districts to compare", field="plan")
    years = list(range(base_year(plan), year + 1))
    table = _values(session, plan, found, below, years)
    people = population.figures_as_of(session, region_ids=[r.id for r in below], year=year)
    weights = np.array([people[r.id].residents if r.id in people else np.nan for r in below])
    names = [_group_name(r, grouping, groups) for r in below]
    codes = {name: k for k, name in enumerate(dict.fromkeys(names))}
    group_codes = np.array([codes[name] for name in names])
    now = table[-1]
    missing = [
        r.name for r, v, w in zip(below, now, weights, strict=True) if _has(v) and not _has(w)
    ]
    plain = measures(prepare(table), None, group_codes)
    weighted = None if missing else measures(prepare(now[None, :]), weights, group_codes)
    reached = _reaching(session, plan, found, now)
    return Equalization(
        plan_id=plan.id,
        indicator_id=found.id,
        indicator=found.name,
        unit=found.unit,
        year=year,
        grouping="custom" if groups is not None else grouping,
        regions=[
            DistrictValue(r.id, r.name, r.code, g, _number(v), _number(w), ok)
            for r, v, w, g, ok in zip(below, now, weights, names, reached, strict=True)
        ],
        unweighted=_indices(plain),
        weighted=None if weighted is None else _indices(weighted),
        missing_population=missing,
        reaching_target=sum(ok is True for ok in reached),
        with_value=int(np.count_nonzero(~np.isnan(now))),
        trend_years=years,
        trend_cv=[_number(cv) for cv in plain.cv],
        convergence=trend(np.array(years), plain.cv),
        sample=values.any_labelled(session, indicator_id=found.id, note=SAMPLE_LABEL)
        or any(figure.source == SAMPLE_LABEL for figure in people.values()),
    )


def _values(
    session: Session, plan: Plan, indicator: Indicator, below: list[Region], years: list[int]
) -> np.ndarray:
    """The values in force, years × districts (NaN where none)."""
    column = {region.id: k for k, region in enumerate(below)}
    table = np.full((len(years), len(below)), np.nan)
    found = values.numbers(
        session, plan_ids=[plan.id], indicator_ids=[indicator.id], after_year=years[0] - 1
    )
    for _, region_id, year, value in found:
        if region_id in column and years[0] <= year <= years[-1]:
            table[year - years[0], column[region_id]] = value
    return table


def _group_name(region: Region, grouping: str, groups: Mapping[str, str] | None) -> str:
    if groups is None:
        return GROUPINGS[grouping][_county_type(region)]
    return groups.get(region.code or "") or groups.get(region.name) or OTHER_GROUP


def _county_type(region: Region) -> CountyType | None:
    known = known_regions().get(region.code or "")
    return county_type(known) if known else None


def _reaching(
    session: Session, plan: Plan, indicator: Indicator, now: np.ndarray
) -> list[bool | None]:
    """Whether each district's value meets the plan's target (None: no value, or a target
    a single year cannot meet, such as a five-year total)."""
    columns = evaluate_plans(session, plan_ids=[plan.id]).plan_targets.columns
    (k,) = np.flatnonzero(columns.id == indicator.id)
    if columns.cumulative[k]:
        return [None] * len(now)
    result = evaluate_arrays(
        baseline=np.nan,
        target=columns.low[k],
        target_high=columns.high[k],
        value=now,
        year=columns.target_year[k],
        base_year=columns.base_year[k],
        target_year=columns.target_year[k],
        direction=columns.direction[k],
        strict=columns.strict[k],
    )
    evaluable = ~np.isnan(now) & np.isin(result.status, _JUDGED)
    return [
        bool(s == _ACHIEVED) if ok else None for s, ok in zip(result.status, evaluable, strict=True)
    ]


_JUDGED = [STATUSES.index(Status.ACHIEVED), STATUSES.index(Status.NOT_ACHIEVED)]


def _indices(found: Measures) -> Indices:
    """The last series' measures (the year asked for)."""
    t, l_ = found.theil_t_split, found.theil_l_split
    return Indices(
        cv=_number(found.cv[-1]),
        gini=_number(found.gini[-1]),
        theil_t=_number(found.theil_t[-1]),
        theil_l=_number(found.theil_l[-1]),
        max_min_ratio=_number(found.max_min_ratio[-1]),
        theil_t_between=_number(t.between[-1]) if t else None,
        theil_t_within=_number(t.within[-1]) if t else None,
        theil_l_between=_number(l_.between[-1]) if l_ else None,
        theil_l_within=_number(l_.within[-1]) if l_ else None,
    )


def _number(value: float) -> float | None:
    return float(value) if _has(value) else None


def _has(value: float) -> bool:
    return not np.isnan(value)


def equalization_json(found: Equalization) -> dict[str, Any]:
    """The documented JSON (CLI and API alike): indicator, year, regions, both weightings
    with their split, who reaches the target, the trend."""
    return {
        "indicator": found.indicator,
        "unit": found.unit,
        "year": found.year,
        "regions": [
            {
                "region": r.region,
                "code": r.code,
                "group": r.group,
                "value": r.value,
                "population": r.population,
                "reaching_target": r.reaching_target,
            }
            for r in found.regions
        ],
        "unweighted": _weighting(found.unweighted, found.grouping),
        "weighted": None if found.weighted is None else _weighting(found.weighted, found.grouping),
        "missing_population": found.missing_population,
        "reaching_target": {"count": found.reaching_target, "of": found.with_value},
        "trend": {
            "years": found.trend_years,
            "cv": found.trend_cv,
            "slope_per_year": found.convergence.slope,
            "shrinking": found.convergence.shrinking,
        },
        "sample_data": found.sample,
    }


def _weighting(indices: Indices, grouping: str) -> dict[str, Any]:
    values = asdict(indices)
    return {
        **{name: values[name] for name in _MEASURES},
        "decomposition": {
            "grouping": grouping,
            "theil_t": {"between": indices.theil_t_between, "within": indices.theil_t_within},
            "theil_l": {"between": indices.theil_l_between, "within": indices.theil_l_within},
        },
    }
