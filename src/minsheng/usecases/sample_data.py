"""Synthetic monitoring data for the demonstration, labelled 示例数据 everywhere: each city
plan and its districts get approved values for 2021–2024 on the plan's quantitative
indicators (some on track, some lagging, one binding indicator regressing; see
sample_paths), populations, facilities and residents, a satisfaction survey with its
responses, and for 合肥 the 2025 reporting in progress (sample_workflow) and residents'
suggestions.
Generated from fixed seeds: the same plans always give the same numbers. Never added to a
database that holds real reported values."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np
from sqlalchemy.orm import Session

from minsheng.errors import Conflict
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
    sample_guard,
    values,
)
from minsheng.store.repositories.observations import NewRevision
from minsheng.store.repositories.population import PopulationFigure
from minsheng.store.tables import Indicator, Plan, Region
from minsheng.usecases.cache import cached
from minsheng.usecases.sample_paths import (
    Course,
    bounded,
    city_path,
    course_of,
    district_path,
    scenario_of,
    steady_value,
)
from minsheng.usecases.sample_points import SamplePoints, add_sample_points, urban_district
from minsheng.usecases.sample_suggestions import add_sample_suggestions
from minsheng.usecases.sample_survey import add_sample_survey
from minsheng.usecases.sample_workflow import (
    REPORT_YEAR,
    SHOWCASE_CITY,
    Workflow,
    assign_departments,
    create_accounts,
    open_report_round,
    submit_report_year,
)

APPROVED_YEARS = range(2021, REPORT_YEAR)
PATH_YEARS = range(2021, REPORT_YEAR + 1)
POPULATION_YEARS = range(2020, 2026)
COUNTY_BEHIND, URBAN_AHEAD = 0.06, -0.03
"""How far a county starts behind its city, and an urban district ahead (share of level)."""

Paths = dict[tuple[int, int], list[float]]
"""(indicator id, region id) → the values of PATH_YEARS."""


@dataclass(frozen=True)
class SampleData:
    values: int
    populations: int
    points: SamplePoints
    """Residents' grid cells and facilities for 合肥 (when its plan is stored)."""
    workflow: Workflow | None = None
    """The 2025 reporting in progress for 合肥 (when its plan is stored)."""


def add_sample_data(session: Session, *, author: str) -> SampleData:
    """Sample values for every current plan (and its districts), and the districts' populations."""
    if sample_guard.holds_reported_values(session, except_note=SAMPLE_LABEL):
        raise Conflict("this database holds reported values; 示例数据 is never mixed into them")
    revisions: list[NewRevision] = []
    figures: list[PopulationFigure] = []
    workflow = None
    for plan in plans.current_plans(session):
        if plan.is_reference:
            continue
        below = _districts(session, plan)
        indicators = plan_parts.indicators_of(session, plan_id=plan.id)
        paths = _plan_paths(plan, indicators, below)
        revisions += _approved(paths, {i.id: i.unit for i in indicators})
        figures += [f for region in below for f in _populations(region)]
        if plan.region.name == SHOWCASE_CITY:
            workflow = _showcase(session, plan, [plan.region, *below], paths, author)
    observations.add_revisions(
        session, revisions=revisions, state=ReviewState.APPROVED, author=author
    )
    population.put_figures(session, figures)
    points = add_sample_points(session, author=author)
    add_sample_survey(session, author=author)
    _record(session, author, len(revisions), len(figures), points)
    return SampleData(len(revisions), len(figures), points, workflow)


def _showcase(
    session: Session, plan: Plan, places: list[Region], paths: Paths, author: str
) -> Workflow:
    """合肥's departments, accounts, its 2025 round and the values awaiting review."""
    assigned = assign_departments(session, plan, author=author)
    accounts = create_accounts(session, plan, author=author)
    round_id = open_report_round(session, plan)
    submitted, returned = submit_report_year(session, plan, places, paths)
    add_sample_suggestions(session, plan)
    return Workflow(accounts, assigned, submitted, returned, round_id)


def _record(session: Session, author: str, count: int, figures: int, points: SamplePoints) -> None:
    detail = {
        "values": count, "populations": figures, "label": SAMPLE_LABEL,
        "residents": points.residents, "facilities": points.facilities,
    }  # fmt: skip
    audit.record(
        session, username=author, action="generate", entity="sample_data", entity_id=None,
        detail=detail,
    )  # fmt: skip


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


def _plan_paths(plan: Plan, indicators: list[Indicator], below: list[Region]) -> Paths:
    """Every indicator's path for the city and each district."""
    period = ((plan.period_start or 2021) - 1, plan.period_end or 2025)
    courses = {i.id: c for i in indicators if (c := course_of(i)) is not None}
    regress = _regressing(plan, indicators, courses)
    paths: Paths = {}
    for indicator in indicators:
        course = courses.get(indicator.id)
        rng = np.random.default_rng(_seed(plan.region.name, indicator.name))
        if course is None:
            paths |= _steady_paths(indicator, [plan.region, *below])
            continue
        scenario = scenario_of(course, rng.random(), regress=indicator.id == regress)
        city = city_path(course, scenario, PATH_YEARS, period, rng)
        paths[(indicator.id, plan.region_id)] = city
        paths |= _district_paths(course, city, indicator, below, rng)
    return paths


def _steady_paths(indicator: Indicator, places: list[Region]) -> Paths:
    value = steady_value(indicator)
    if value is None:
        return {}
    return {(indicator.id, region.id): [value] * len(PATH_YEARS) for region in places}


def _district_paths(
    course: Course, city: list[float], indicator: Indicator, below: list[Region],
    rng: np.random.Generator,
) -> Paths:  # fmt: skip
    """Each district's path: a level around the city's, or its share of a yearly amount."""
    if course.cumulative:
        return {
            (indicator.id, region.id): [
                bounded(course, amount / len(below) * (1 + rng.normal(0, 0.15)))
                for amount in city
            ]
            for region in below
        }  # fmt: skip
    return {
        (indicator.id, region.id): district_path(
            course, city, URBAN_AHEAD if urban_district(region) else COUNTY_BEHIND, rng
        )
        for region in below
    }


def _regressing(plan: Plan, indicators: list[Indicator], courses: dict[int, Course]) -> int | None:
    """The one binding indicator that regresses: of those with a gap still to close, the
    first by a hash of its name (a fixed, arbitrary choice)."""
    candidates = [
        i for i in indicators
        if i.attribute == "binding" and (c := courses.get(i.id)) is not None
        and not c.cumulative and c.gap_to_close
    ]  # fmt: skip
    chosen = min(candidates, key=lambda i: _seed(plan.region.name, i.name), default=None)
    return chosen.id if chosen is not None else None


def _approved(paths: Paths, units: dict[int, str | None]) -> list[NewRevision]:
    return [
        NewRevision((indicator_id, region_id, year), value, Source.DEPARTMENT.value,
                    units[indicator_id], SAMPLE_LABEL)
        for (indicator_id, region_id), path in paths.items()
        for year, value in zip(APPROVED_YEARS, path, strict=False)
    ]  # fmt: skip


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
